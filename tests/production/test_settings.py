"""Production settings come from the environment and pass `check --deploy`."""

import json
import os
import secrets
import subprocess
import sys

import pytest

from .helpers import ROOT, read_env_example

DUMP = """
import json
from django.conf import settings
db = settings.DATABASES["default"]
cache = settings.CACHES["default"]
print(json.dumps({
    "DEBUG": settings.DEBUG,
    "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "CSRF_TRUSTED_ORIGINS": settings.CSRF_TRUSTED_ORIGINS,
    "CONN_MAX_AGE": db["CONN_MAX_AGE"],
    "CONN_HEALTH_CHECKS": db["CONN_HEALTH_CHECKS"],
    "connect_timeout": db.get("OPTIONS", {}).get("connect_timeout"),
    "cache": cache["BACKEND"],
    "cache_timeouts": [cache.get("OPTIONS", {}).get(k) for k in ("socket_connect_timeout", "socket_timeout")],
    "SECURE_SSL_REDIRECT": settings.SECURE_SSL_REDIRECT,
    "SECURE_PROXY_SSL_HEADER": list(settings.SECURE_PROXY_SSL_HEADER),
    "SECURE_HSTS_SECONDS": settings.SECURE_HSTS_SECONDS,
    "SESSION_COOKIE_SECURE": settings.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": settings.CSRF_COOKIE_SECURE,
    "CSRF_COOKIE_HTTPONLY": settings.CSRF_COOKIE_HTTPONLY,
    "SESSION_COOKIE_HTTPONLY": settings.SESSION_COOKIE_HTTPONLY,
    "staticfiles": settings.STORAGES["staticfiles"]["BACKEND"],
}))
"""


def production_env(**overrides):
    """The environment docker-compose.yml gives the web container, from .env.example."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_")) and key not in read_env_example(all=True)
    }
    env.update(read_env_example())
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL="postgres://newsroom:secret@db:5432/newsroom",
        REDIS_URL="redis://redis:6379/0",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def run_python(*args, env):
    return subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def settings_in(env):
    result = run_python("-c", f"import django; django.setup(); {DUMP}", env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_reports_nothing_with_the_production_environment():
    result = run_python(
        "manage.py", "check", "--deploy", "--fail-level", "DEBUG", env=production_env()
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (1 silenced)." in result.stdout


def test_the_site_refuses_to_start_without_a_secret_key():
    result = run_python("manage.py", "check", env=production_env(SECRET_KEY=None))
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off." in result.stderr


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("change-me", "it is a placeholder (from .env.example, the docs or Django)"),
        ("django-insecure-" + secrets.token_urlsafe(50), "it is a placeholder"),
        (secrets.token_urlsafe(30), "characters, fewer than 50"),
        ("ab" * 40, "it has only 2 distinct characters, fewer than 10"),
    ],
    ids=["env-example-placeholder", "django-insecure", "short", "few-distinct-characters"],
)
def test_the_site_refuses_to_start_with_a_guessable_secret_key(key, reason):
    result = run_python("manage.py", "check", env=production_env(SECRET_KEY=key))
    assert result.returncode != 0
    assert "SECRET_KEY is unsafe for production: " in result.stderr
    assert reason in result.stderr
    assert "secrets.token_urlsafe(50)" in result.stderr


def test_the_env_example_placeholder_is_still_fine_for_development():
    assert settings_in(production_env(SECRET_KEY="change-me", DEBUG="1"))["DEBUG"] is True


def test_production_defaults_are_strict():
    values = settings_in(production_env())
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["baomoi.example.vn", "www.baomoi.example.vn"]
    assert values["CSRF_TRUSTED_ORIGINS"] == [
        "https://baomoi.example.vn",
        "https://www.baomoi.example.vn",
    ]
    assert values["CONN_MAX_AGE"] == 60 and values["CONN_HEALTH_CHECKS"] is True
    assert values["connect_timeout"] == 5
    assert values["cache"] == "newsroom.cache.ResilientRedisCache"
    assert max(values["cache_timeouts"]) <= 0.5
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["staticfiles"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_the_environment_can_relax_https_and_debug_relaxes_everything():
    relaxed = settings_in(production_env(SECURE_SSL_REDIRECT="0", CONN_MAX_AGE="0"))
    assert relaxed["SECURE_SSL_REDIRECT"] is False
    assert relaxed["CONN_MAX_AGE"] == 0
    development = settings_in(production_env(DEBUG="1", SECRET_KEY=None, REDIS_URL=None))
    assert development["DEBUG"] is True
    assert development["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert development["SESSION_COOKIE_SECURE"] is False
