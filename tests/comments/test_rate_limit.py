"""Whose posts count together: an IPv6 reader by its /64, a reader behind the proxy by
the proxy's header (only from a trusted proxy), and every worker the same."""

import time

import pytest
from django.test import Client

from comments.models import Comment, PostCounter

from .helpers import VALID, comment_url

pytestmark = pytest.mark.django_db


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
