"""The production stack, natively: the web container's command under the production
environment, against a fresh PostgreSQL database and Redis, each behind a TcpProxy
that a test can cut to play an outage."""

import json
import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import redis
import yaml

from .helpers import ROOT, WEB_COMMAND, TcpProxy, children_of, free_port, http_request

POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres"
# docker-compose.yml's environment for web, less what names the containers' hosts
# and volumes: the tests put local equivalents in their place.
CONTAINER_ONLY = {"DATABASE_URL", "REDIS_URL", "STATIC_ROOT", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"}
REDIS_DB = 14
WORKERS = 2

SEED = """
import json
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from articles.models import Article, ArticleAuthor, Author, Section

section = Section.objects.create(name="Thời sự")
article = Article.objects.create(
    title="Khánh thành cầu Cửa Hội",
    lead="Cây cầu nối hai tỉnh chính thức thông xe.",
    body="<p>Sáng nay, cầu Cửa Hội chính thức thông xe.</p>",
    status=Article.Status.PUBLISHED,
    published_at=timezone.now() - timedelta(hours=1),
    section=section,
)
ArticleAuthor.objects.create(article=article, author=Author.objects.create(name="Minh Anh"))
get_user_model().objects.create_superuser("bientap", "bientap@example.vn", "{password}")
seed = {{"article_id": article.pk, "article_url": article.get_absolute_url()}}
try:
    seed["comment_url"] = reverse("comments:new", args=[article.pk])
    seed["csrf_url"] = reverse("comments:csrf")
except NoReverseMatch:
    pass  # the upload tests then say the comment form is missing
print(json.dumps(seed))
"""


class LiveSite:
    def __init__(self, folder: Path):
        self.folder = folder
        self.database = f"newsroom_prodtest_{secrets.token_hex(4)}"
        self.port = free_port()
        self.db_proxy = TcpProxy(5432)
        self.redis_proxy = TcpProxy(6379)
        self.private_root = folder / "private"
        self.upload_tmp = folder / "tmp"
        self.log_path = folder / "web.log"
        self.process = None
        self.seed = {}

    @property
    def origin(self):
        return f"https://127.0.0.1:{self.port}"

    def environment(self):
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in {"DEBUG", "DATABASE_URL", "REDIS_URL"} and not key.startswith("PYTEST_")
        }
        compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
        web = compose["services"]["web"]["environment"]
        env.update({key: str(value) for key, value in web.items() if key not in CONTAINER_ONLY})
        env.update(
            PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
            PYTHONUNBUFFERED="1",
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1",
            CSRF_TRUSTED_ORIGINS=self.origin,
            SITE_URL=self.origin,
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{self.db_proxy.port}/{self.database}",
            DATABASE_CONNECT_TIMEOUT="2",
            REDIS_URL=f"redis://127.0.0.1:{self.redis_proxy.port}/{REDIS_DB}",
            CACHE_KEY_PREFIX=self.database,
            NEWSROOM_VAR_DIR=str(self.folder / "var"),
            STATIC_ROOT=str(self.folder / "static"),
            MEDIA_ROOT=str(self.folder / "media"),
            PRIVATE_MEDIA_ROOT=str(self.private_root),
            TMPDIR=str(self.upload_tmp),
            GUNICORN_BIND=f"127.0.0.1:{self.port}",
            WEB_CONCURRENCY=str(WORKERS),
            COMMENTS_RATE_LIMIT="100",
        )
        return env

    def start(self):
        self.upload_tmp.mkdir(parents=True)
        with psycopg.connect(POSTGRES, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{self.database}"')
        self.db_proxy.start()
        self.redis_proxy.start()
        self.env = env = self.environment()
        self.log_file = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            WEB_COMMAND,
            cwd=ROOT,
            env=env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.wait_until_serving(timeout=90)
        password = secrets.token_urlsafe(12)
        seeded = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", SEED.format(password=password)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert seeded.returncode == 0, seeded.stderr
        self.seed = json.loads(seeded.stdout.strip().splitlines()[-1])

    def wait_until_serving(self, timeout=30, workers=WORKERS):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the web command exited:\n{self.log()[-3000:]}")
            try:
                if http_request(self.port, "GET", "/healthz", timeout=2).status == 200:
                    if len(self.workers()) >= workers:
                        return
            except OSError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"gunicorn did not answer in {timeout} s:\n{self.log()[-3000:]}")

    def stop(self):
        self.stop_serving()
        with psycopg.connect(POSTGRES, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
        keys = list(client.scan_iter(f"{self.database}:*"))
        if keys:
            client.delete(*keys)
        client.close()

    def stop_serving(self):
        """Stop gunicorn (SIGTERM, then SIGKILL) and cut its database and Redis links."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)
        if self.process is not None:
            self.log_file.close()
        self.db_proxy.cut()
        self.redis_proxy.cut()

    # What a test looks at.

    def request(self, method, path, *, https=True, headers=None, **options):
        """A request as nginx forwards it: over HTTPS unless `https=False`."""
        headers = dict(headers or {})
        if https:
            headers.setdefault("X-Forwarded-Proto", "https")
        return http_request(self.port, method, path, headers=headers, **options)

    def get(self, path, **options):
        return self.request("GET", path, **options)

    def workers(self):
        return children_of(self.process.pid)

    def log(self):
        self.log_file.flush()
        return self.log_path.read_text(errors="replace")

    def sql(self, query, params=()):
        """Read the site's database directly, past the proxy."""
        url = f"postgresql://postgres@127.0.0.1:5432/{self.database}"
        with psycopg.connect(url) as connection:
            return connection.execute(query, params).fetchall()

    def private_files(self):
        return sorted(p for p in self.private_root.rglob("*") if p.is_file())

    def upload_leftovers(self):
        return sorted(p for p in self.upload_tmp.rglob("*") if p.is_file())
