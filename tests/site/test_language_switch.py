"""The language switch and the hreflang links never lead off the site, whatever the path."""

import re
from urllib.parse import urljoin, urlsplit

import pytest

from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db

SITE = "https://baotinh.vn"

# Paths an attacker sends to get a 404 page whose links point elsewhere. The
# client decodes them as a WSGI server does: /%2Fevil.example/ is //evil.example/.
HOSTILE_PATHS = [
    "/%2Fevil.example/",
    "/%5Cevil.example/",
    "/%2F%2Fevil.example/",
    "/%2F%2Fevil",
    "/\\evil.example/",
    "/\\\\evil.example/",
    "/%09/evil.example/",
    "/%2F%09evil.example/",
    "/%0A/evil.example/",
    "/%5C%2Fevil.example/",
    "/%2F%5Cevil.example/",
    "/https:%2F%2Fevil.example/",
    "/en/%2Fevil.example/",
    "/en/%5Cevil.example/",
    "/en/%2F%2Fevil",
    "/en/%09/evil.example/",
]


def switch_links(html):
    """The hrefs of the header's language switch and of the hreflang alternates."""
    links = re.findall(r'<a class="language-switch" href="([^"]*)"', html)
    links += re.findall(r'<link rel="alternate" hreflang="\w+" href="([^"]*)"', html)
    assert len(links) == 3, html[:2000]
    return [link.replace("&amp;", "&") for link in links]


def host_a_browser_goes_to(href, page):
    """Where a browser on `page` goes for `href`.

    Browsers drop tabs and newlines from a URL and read a backslash as a slash
    (the WHATWG URL standard), which urljoin does not.
    """
    cleaned = re.sub(r"[\t\n\r]", "", href).strip().replace("\\", "/")
    return urlsplit(urljoin(page, cleaned)).netloc


@pytest.mark.parametrize("path", HOSTILE_PATHS)
def test_no_path_makes_the_language_links_leave_the_site(client, settings, path):
    settings.SITE_URL = SITE
    make_section("Thời sự")
    response = client.get(path)
    assert response.status_code == 404
    for href in switch_links(response.content.decode()):
        page = f"{SITE}/some/page/"
        assert host_a_browser_goes_to(href, page) == "baotinh.vn", href


@pytest.mark.parametrize(
    ("path", "switch"),
    [("/%2Fevil.example/", "/en/"), ("/en/%2Fevil.example/", "/"), ("/khong-co/", "/en/")],
)
def test_a_page_that_does_not_exist_switches_to_the_other_languages_home(client, path, switch):
    html = client.get(path).content.decode()
    assert switch_links(html)[0] == switch


def test_a_missing_page_of_a_known_kind_switches_to_the_same_address(client):
    html = client.get("/en/section/khong-co/").content.decode()
    assert switch_links(html)[0] == "/section/khong-co/"


def test_an_article_switches_to_its_own_address_in_the_other_language(client):
    url = make_article().get_absolute_url()
    assert switch_links(client.get(url).content.decode())[0] == "/en" + url
    assert switch_links(client.get("/en" + url).content.decode())[0] == url
