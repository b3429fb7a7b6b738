"""Whose posts count together: an IPv6 reader by its /64, a reader behind the proxy by
the proxy's header (only from a trusted proxy), and every worker the same."""

import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client

from comments.models import Comment, PostCounter

from .helpers import VALID, comment_url

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def post_from(article, remote_addr, **headers):
    """A comment posted over a connection from `remote_addr`, with extra request headers."""
    return Client(REMOTE_ADDR=remote_addr).post(comment_url(article), VALID, headers=headers)


def test_eight_addresses_of_one_ipv6_64_share_one_limit(article, settings):
    settings.COMMENTS_RATE_LIMIT = 5
    statuses = [post_from(article, f"2001:db8:1:2::{n:x}").status_code for n in range(1, 9)]
    assert statuses == [303] * 5 + [429] * 3
    # The same /64 written any way (privacy addresses change the lower half).
    assert post_from(article, "2001:db8:1:2:a9c3:11ff:fe42:7").status_code == 429
    # The next /64 is somebody else.
    assert post_from(article, "2001:db8:1:3::1").status_code == 303
    assert Comment.objects.count() == 6


def test_ipv4_addresses_are_limited_one_by_one(article, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    assert post_from(article, "203.0.113.10").status_code == 303
    assert post_from(article, "203.0.113.10").status_code == 429
    assert post_from(article, "203.0.113.11").status_code == 303
    # The same IPv4 reader seen through an IPv6 socket.
    assert post_from(article, "::ffff:203.0.113.10").status_code == 429


def test_spoofed_client_header_from_a_reader_is_ignored(article, settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    settings.TRUSTED_PROXIES = ["10.0.0.5"]
    settings.COMMENTS_RATE_LIMIT = 2
    statuses = [
        post_from(article, "198.51.100.20", x_real_ip=f"203.0.113.{n}").status_code
        for n in range(1, 5)
    ]
    assert statuses == [303, 303, 429, 429]
    assert {c.ip_address for c in Comment.objects.all()} == {"198.51.100.20"}


def test_client_header_from_a_trusted_proxy_gives_the_reader_address(article, settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    settings.COMMENTS_RATE_LIMIT = 1
    assert post_from(article, "10.0.0.5", x_real_ip="203.0.113.1").status_code == 303
    assert post_from(article, "10.0.0.5", x_real_ip="203.0.113.2").status_code == 303
    assert post_from(article, "10.1.2.3", x_real_ip="203.0.113.1").status_code == 429
    addresses = sorted(c.ip_address for c in Comment.objects.all())
    assert addresses == ["203.0.113.1", "203.0.113.2"]


def test_limit_holds_without_any_shared_cache(article, settings):
    """Every worker sees the same counts: they are kept in the database, not the cache."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    settings.COMMENTS_RATE_LIMIT = 2
    statuses = [post_from(article, "198.51.100.30").status_code for _ in range(3)]
    assert statuses == [303, 303, 429]


def test_ended_windows_are_forgotten(article, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    settings.COMMENTS_RATE_WINDOW_SECONDS = 1
    for address in ("198.51.100.1", "198.51.100.2", "2001:db8::1"):
        assert post_from(article, address).status_code == 303
    assert PostCounter.objects.count() == 3
    time.sleep(1.2)
    assert post_from(article, "198.51.100.1").status_code == 303
    assert list(PostCounter.objects.values_list("key", "count")) == [("198.51.100.1", 1)]


WORKER = """
import os, sys, time
from pathlib import Path
import django
django.setup()
from comments import ratelimit
folder = Path(sys.argv[1])
(folder / f"ready-{os.getpid()}").touch()
while not (folder / "go").exists():
    time.sleep(0.005)
print(ratelimit.record("198.51.100.50"))
"""


def database_url_for_workers(tmp_path):
    """This test database, as other processes reach it.

    The suite's SQLite database lives in memory, which no other process sees: it
    is copied into a file, which is what a SQLite site's gunicorn workers share.
    """
    if connection.vendor == "sqlite":
        path = tmp_path / "workers.sqlite3"
        connection.ensure_connection()
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        return f"sqlite:///{path}"
    db = connection.settings_dict
    login = f"{db['USER']}:{db['PASSWORD']}" if db["PASSWORD"] else db["USER"]
    return f"postgres://{login}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def counted(url):
    if url.startswith("sqlite:"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as db:
            return db.execute("SELECT count FROM comments_postcounter").fetchall()
    return [(counter.count,) for counter in PostCounter.objects.all()]


@pytest.mark.django_db(transaction=True)
def test_parallel_posts_from_several_workers_cannot_slip_past_the_limit(tmp_path):
    """Six worker processes count a post from one address at the same moment."""
    url = database_url_for_workers(tmp_path)
    env = {**os.environ, "DATABASE_URL": url, "COMMENTS_RATE_LIMIT": "4", "DEBUG": "1"}
    env.pop("REDIS_URL", None)
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(tmp_path)],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(6)
    ]
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob("ready-*"))) < 6 and time.monotonic() < deadline:
        time.sleep(0.05)
    (tmp_path / "go").touch()
    results = [worker.communicate(timeout=60) for worker in workers]
    assert [err for _, err in results if err] == []
    assert sorted(out.strip() for out, _ in results) == ["False"] * 2 + ["True"] * 4
    assert counted(url) == [(6,)]
