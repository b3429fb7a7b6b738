"""Security headers on every page, and a Content-Security-Policy without inline script."""

import re

import pytest

from tests.factories import make_article

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)


@pytest.fixture
def article(db):
    return make_article(title="Mùa lúa mới", body="<p>Nội dung <strong>đậm</strong>.</p>")


def directives(policy):
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_reader_pages_forbid_inline_script(client, article):
    for url in ("/", article.get_absolute_url(), "/en/"):
        response = client.get(url)
        assert response.status_code == 200, url
        policy = directives(response["Content-Security-Policy"])
        assert policy["script-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'none'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_reader_html_has_no_inline_script_the_policy_would_block(client, article):
    for url in ("/", article.get_absolute_url()):
        html = client.get(url).content.decode()
        for attributes in SCRIPT_TAG.findall(html):
            # An external file, or JSON-LD (data that a browser does not run).
            assert "src=" in attributes or "application/ld+json" in attributes, (url, attributes)
        assert not re.search(r"\son[a-z]+\s*=", html), url  # no onclick= handlers either


def test_admin_gets_the_looser_policy_ckeditor_needs(client, db):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in policy["script-src"]
    assert policy["object-src"] == ["'none'"]


def test_every_page_says_nosniff_no_framing_and_referrer_policy(client, article):
    for url in (article.get_absolute_url(), "/admin/login/", "/healthz"):
        response = client.get(url)
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
