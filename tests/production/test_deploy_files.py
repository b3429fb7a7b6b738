"""docker-compose.yml, the Dockerfile, nginx and .env.example agree with each other,
with the Compose specification, and with what the gunicorn tests run."""

import copy
import importlib.resources
import json
import re

import jsonschema
import pytest
import yaml
from django.conf import settings

from .helpers import ROOT, WEB_COMMAND, read_env_example

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
SERVICES = COMPOSE["services"]
DOCKERFILE = (ROOT / "Dockerfile").read_text()
NGINX = (ROOT / "deploy" / "nginx.conf").read_text()


def compose_validator():
    # The Compose specification's schema, as vendored (with its license) by check-jsonschema.
    vendor = importlib.resources.files("check_jsonschema.builtin_schemas.vendor")
    schema = json.loads((vendor / "compose-spec.json").read_text())
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def mount_target(service, volume):
    for mount in SERVICES[service]["volumes"]:
        source, target = mount.split(":")[:2]
        if source == volume:
            return target
    raise AssertionError(f"{service} does not mount {volume}")


def nginx_location(prefix):
    match = re.search(r"location " + re.escape(prefix) + r" \{(.*?)\n    \}", NGINX, re.S)
    assert match, f"nginx has no location {prefix}"
    return match.group(1)


def test_compose_file_follows_the_compose_specification():
    validator = compose_validator()
    assert [error.message for error in validator.iter_errors(COMPOSE)] == []
    # The same validator does refuse a broken file.
    broken = copy.deepcopy(COMPOSE)
    broken["services"]["web"]["depends_on"]["db"]["condition"] = "whenever"
    assert list(validator.iter_errors(broken))


def test_web_runs_the_same_command_as_the_gunicorn_tests():
    assert SERVICES["web"]["command"] == WEB_COMMAND
    cmd = re.search(r"^CMD (\[.*\])$", DOCKERFILE, re.M)
    assert json.loads(cmd.group(1)) == WEB_COMMAND
    script = (ROOT / WEB_COMMAND[0]).read_text()
    steps = [
        line for line in script.splitlines() if line and not line.startswith(("#", "set", "cd"))
    ]
    assert steps == [
        "python manage.py with_deploy_lock migrate --noinput",
        "python manage.py with_deploy_lock collect_static --verbosity 0",
        "exec gunicorn --config deploy/gunicorn.conf.py newsroom.wsgi",
    ]


def test_worker_runs_the_background_tasks_with_the_web_image_and_settings():
    worker, web = SERVICES["worker"], SERVICES["web"]
    assert worker["command"] == ["python", "manage.py", "worker"]
    assert worker["image"] == web["image"] and worker["build"] == web["build"]
    assert worker["env_file"] == web["env_file"]
    assert worker["environment"] == web["environment"]
    # web runs the migrations; the worker starts once they are done.
    assert worker["depends_on"]["web"] == {"condition": "service_healthy"}
    assert mount_target("worker", "private") == web["environment"]["PRIVATE_MEDIA_ROOT"]


def test_web_image_is_python_311_slim_running_as_a_non_root_user():
    assert re.search(r"^FROM python:3\.11-slim$", DOCKERFILE, re.M)
    user = re.findall(r"^USER (\S+)$", DOCKERFILE, re.M)
    assert user and user[-1] not in {"root", "0"}


def test_database_and_cache_services():
    db = SERVICES["db"]
    assert db["image"] == "postgres:16"
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert mount_target("db", "db-data") == "/var/lib/postgresql/data"
    assert "db-data" in COMPOSE["volumes"]
    assert SERVICES["redis"]["image"] == "redis:7"
    assert SERVICES["web"]["depends_on"]["db"] == {"condition": "service_healthy"}


def test_nginx_accepts_an_attachment_just_above_the_cap():
    limit = re.search(r"client_max_body_size (\d+)m;", NGINX)
    allowed = int(limit.group(1)) * 1024 * 1024
    cap = settings.COMMENTS_MAX_ATTACHMENT_BYTES
    assert cap < allowed <= cap + 2 * 1024 * 1024
    for timeout in ("client_body_timeout", "proxy_read_timeout", "proxy_connect_timeout"):
        assert re.search(rf"{timeout} \d+s;", NGINX), timeout


def test_nginx_serves_the_volumes_web_writes():
    web_env = SERVICES["web"]["environment"]
    for prefix, volume, setting in (
        ("/static/", "static", "STATIC_ROOT"),
        ("/media/", "media", "MEDIA_ROOT"),
        ("/_attachments/", "private", "PRIVATE_MEDIA_ROOT"),
    ):
        location = nginx_location(prefix)
        alias = re.search(r"alias (\S+);", location).group(1)
        assert alias.rstrip("/") == mount_target("nginx", volume) == web_env[setting]
        assert mount_target("web", volume) == web_env[setting]
    assert all(mount.endswith(":ro") for mount in SERVICES["nginx"]["volumes"])


def test_attachments_reach_readers_only_through_the_app():
    location = nginx_location("/_attachments/")
    assert re.search(r"^\s*internal;$", location, re.M)
    assert SERVICES["web"]["environment"]["COMMENTS_ATTACHMENT_ACCEL_REDIRECT"] == "/_attachments/"
    # The private folder is nowhere under a public location.
    private = SERVICES["web"]["environment"]["PRIVATE_MEDIA_ROOT"]
    public_aliases = re.findall(
        r"alias (\S+);", NGINX.replace(nginx_location("/_attachments/"), "")
    )
    assert not any(private.startswith(alias.rstrip("/")) for alias in public_aliases)


def test_nginx_proxies_to_the_port_gunicorn_binds():
    upstream = re.search(r"upstream newsroom_web \{\s*server web:(\d+);", NGINX)
    gunicorn = (ROOT / "deploy" / "gunicorn.conf.py").read_text()
    assert f'"0.0.0.0:{upstream.group(1)}"' in gunicorn
    for header in ("Host", "X-Forwarded-For", "X-Forwarded-Proto", "X-Real-IP"):
        assert f"proxy_set_header {header} " in NGINX


ENV_READ = re.compile(
    r"""(?:os\.environ\.get|os\.getenv|os\.environ\[|env_bool|env_list)\(?\s*["']([A-Z][A-Z0-9_]+)["']"""
)


def settings_the_app_reads():
    skipped = {".venv", ".git", "tests", "var", "build", "dev.py", "benchmarks"}
    files = [
        path
        for top in ROOT.iterdir()
        if top.name not in skipped
        for path in ([top] if top.is_file() else top.rglob("*.py"))
        if path.suffix == ".py"
    ]
    names = set()
    for path in files:
        names.update(ENV_READ.findall(path.read_text()))
    names.update(re.findall(r"\$\{([A-Z][A-Z0-9_]+)", (ROOT / "docker-compose.yml").read_text()))
    return names


def test_env_example_lists_every_setting_the_app_reads():
    names = settings_the_app_reads()
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "CONN_MAX_AGE", "WEB_CONCURRENCY"} <= names
    missing = sorted(names - set(read_env_example(all=True)))
    assert missing == [], f"add these to .env.example: {missing}"


@pytest.mark.parametrize("name", ["SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS"])
def test_env_example_makes_the_required_settings_visible(name):
    assert read_env_example()[name]


def test_nginx_believes_x_forwarded_proto_from_the_proxies_it_takes_addresses_from():
    geo = re.search(r"geo \$realip_remote_addr \$from_tls_proxy \{(.*?)\}", NGINX, re.S).group(1)
    trusted = re.findall(r"^\s*(\S+)\s+1;$", geo, re.M)
    assert re.search(r"^\s*default\s+0;$", geo, re.M)
    assert trusted == re.findall(r"set_real_ip_from (\S+);", NGINX)
    assert "proxy_set_header X-Forwarded-Proto $http_x_forwarded_proto" not in NGINX
