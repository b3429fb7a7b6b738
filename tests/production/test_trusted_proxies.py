"""Whose forwarding headers are believed: the reader's address (CLIENT_IP_HEADER) and
X-Forwarded-Proto count only from TRUSTED_PROXIES, in Django and in gunicorn alike."""

import runpy

import pytest
import yaml
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from gunicorn.config import Config

from newsroom.middleware import ClientAddressMiddleware
from tests.factories import make_article

from .helpers import ROOT
from .test_gunicorn_uploads import comment_request

COMPOSE_WEB = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["web"]
# A client that is not on any list: all of 127.0.0.0/8 is this machine, but only
# 127.0.0.1 is trusted.
DIRECT_CLIENT = "127.0.0.2"


def address_seen_by_django(rf, remote_addr, **headers):
    seen = {}

    def view(request):
        seen["address"] = request.META["REMOTE_ADDR"]

    ClientAddressMiddleware(view)(rf.get("/", REMOTE_ADDR=remote_addr, headers=headers))
    return seen["address"]


def test_reader_address_comes_from_the_header_only_from_a_trusted_proxy(rf, settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    settings.TRUSTED_PROXIES = ["172.16.0.0/12", "fd00::/8"]
    assert address_seen_by_django(rf, "172.18.0.5", x_real_ip="203.0.113.7") == "203.0.113.7"
    assert address_seen_by_django(rf, "fd00::5", x_real_ip="2001:db8::7") == "2001:db8::7"
    # A value that is not an address is ignored.
    assert address_seen_by_django(rf, "172.18.0.5", x_real_ip="<script>") == "172.18.0.5"
    # Anybody else's header is not believed.
    assert address_seen_by_django(rf, "198.51.100.1", x_real_ip="203.0.113.7") == "198.51.100.1"
    assert address_seen_by_django(rf, "172.32.0.1", x_real_ip="203.0.113.7") == "172.32.0.1"
    # Without the setting, a header sent by anybody changes nothing.
    settings.CLIENT_IP_HEADER = ""
    assert address_seen_by_django(rf, "172.18.0.5", x_real_ip="203.0.113.7") == "172.18.0.5"


def test_by_default_only_a_proxy_on_this_machine_is_trusted(rf, settings):
    settings.CLIENT_IP_HEADER = "X-Real-IP"
    assert settings.TRUSTED_PROXIES == ["127.0.0.1", "::1"]
    assert address_seen_by_django(rf, "127.0.0.1", x_real_ip="203.0.113.7") == "203.0.113.7"
    assert address_seen_by_django(rf, "::1", x_real_ip="203.0.113.7") == "203.0.113.7"
    assert address_seen_by_django(rf, "10.0.0.2", x_real_ip="203.0.113.7") == "10.0.0.2"


@pytest.mark.django_db
def test_https_claim_is_believed_only_from_a_trusted_proxy(settings):
    settings.SECURE_SSL_REDIRECT = True
    url = make_article().get_absolute_url()
    claim = {"x-forwarded-proto": "https"}
    assert Client(REMOTE_ADDR="127.0.0.1").get(url, headers=claim).status_code == 200
    response = Client(REMOTE_ADDR="198.51.100.1").get(url, headers=claim)
    assert response.status_code == 301
    assert response["Location"] == f"https://testserver{url}"


def test_a_mistyped_proxy_network_is_reported(rf, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.1/8"]  # host bits set: 10.0.0.0/8 was meant
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        address_seen_by_django(rf, "10.0.0.1")


def gunicorn_forwarded_allow_ips(monkeypatch, value):
    if value is None:
        monkeypatch.delenv("TRUSTED_PROXIES", raising=False)
    else:
        monkeypatch.setenv("TRUSTED_PROXIES", value)
    configured = runpy.run_path(str(ROOT / "deploy" / "gunicorn.conf.py"))["forwarded_allow_ips"]
    config = Config()
    config.set("forwarded_allow_ips", configured)  # gunicorn's own validation
    return config.forwarded_allow_ips


def test_gunicorn_trusts_the_same_proxies_as_the_app(monkeypatch, settings):
    assert gunicorn_forwarded_allow_ips(monkeypatch, None) == settings.TRUSTED_PROXIES
    compose = COMPOSE_WEB["environment"]["TRUSTED_PROXIES"]
    trusted = gunicorn_forwarded_allow_ips(monkeypatch, compose)
    assert trusted == compose.split(",")
    assert "*" not in trusted


def test_compose_trusts_only_nginx_address_ranges():
    web = COMPOSE_WEB
    assert "ports" not in web  # gunicorn is reachable on the compose network only
    assert web["environment"]["CLIENT_IP_HEADER"] == "X-Real-IP"
    assert web["environment"]["TRUSTED_PROXIES"].split(",") == [
        "127.0.0.1",
        "::1",
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "fc00::/7",
    ]


def last_comment_address(site):
    rows = site.sql("SELECT ip_address FROM comments_comment ORDER BY id DESC LIMIT 1")
    return str(rows[0][0]) if rows else None


def test_live_gunicorn_believes_the_address_header_only_from_a_trusted_proxy(production_site):
    site = production_site
    headers, body = comment_request(site, "Ý kiến gửi qua máy chủ trung gian.")
    # Where nginx stands: 127.0.0.1, on docker-compose.yml's list.
    posted = site.request(
        "POST",
        site.seed["comment_url"],
        headers={**headers, "X-Real-IP": "198.51.100.44"},
        body=body,
    )
    assert posted.status == 303, posted.text[:2000]
    assert last_comment_address(site) == "198.51.100.44"

    # A client reaching gunicorn directly claims a reader's address and HTTPS:
    # neither is believed, so it is sent to HTTPS and nothing is saved.
    rows = site.sql("SELECT count(*) FROM comments_comment")
    direct = site.request(
        "POST",
        site.seed["comment_url"],
        headers={**headers, "X-Real-IP": "198.51.100.45"},
        body=body,
        source=DIRECT_CLIENT,
    )
    assert direct.status == 301
    assert direct.header("Location").startswith("https://")
    assert site.sql("SELECT count(*) FROM comments_comment") == rows
    assert site.get(site.seed["article_url"], source=DIRECT_CLIENT).status == 301
    assert site.get(site.seed["article_url"]).status == 200


def test_live_rate_limit_holds_with_redis_down(production_site):
    """The counts are in the database: no cache outage lifts the limit."""
    site = production_site
    limit = int(site.env["COMMENTS_RATE_LIMIT"])
    headers = {"X-Real-IP": "198.51.100.99", "Content-Type": "application/x-www-form-urlencoded"}
    site.redis_proxy.cut()
    try:
        statuses = [
            site.request("POST", site.seed["comment_url"], headers=headers, body=b"").status
            for _ in range(limit + 1)
        ]
    finally:
        site.redis_proxy.restore()
    # Refused by the CSRF check (no token), yet counted; then refused unread.
    assert statuses == [403] * limit + [429]
