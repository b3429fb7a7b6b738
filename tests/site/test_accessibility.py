"""Structure every reader page shares: landmarks, skip link, images, one stylesheet,
no inline script, nothing that depends on who is looking."""

from html.parser import HTMLParser

import pytest

from tests.factories import image_upload, make_article, make_author, make_editor, make_section

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    def __init__(self, html):
        super().__init__()
        self.tags, self.scripts, self.text = [], [], []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        if self.tags and self.tags[-1][0] == "script":
            self.scripts.append(data)

    def all(self, tag):
        return [attrs for name, attrs in self.tags if name == tag]


@pytest.fixture
def pages():
    section = make_section("Thời sự", description="Tin trong ngày.")
    author = make_author("Đỗ Trọng", bio="Phóng viên.", photo=image_upload("tac-gia.png"))
    articles = [
        make_article(
            title=f"Tin thời sự {i}",
            section=section,
            authors=[author],
            tags=["Đà Nẵng"],
            cover_image=image_upload(size=(80, 50)),
            featured=i == 0,
        )
        for i in range(10)
    ]
    return [
        "/",
        "/en/",
        "/section/thoi-su/",
        "/tag/da-nang/",
        "/author/do-trong/",
        "/search/?q=thoi+su",
        articles[0].get_absolute_url(),
    ]


def test_every_page_has_landmarks_a_skip_link_and_one_heading(client, pages):
    for url in pages:
        page = Page(client.get(url).content.decode())
        names = [name for name, _ in page.tags]
        assert {"header", "nav", "main", "footer"} <= set(names), url
        first_link = page.all("a")[0]
        assert first_link == {"class": "skip-link", "href": "#main"}, url
        assert page.all("main")[0]["id"] == "main", url
        assert names.count("h1") == 1, url
        assert all(nav.get("aria-label") for nav in page.all("nav")), url


def test_every_image_has_alt_text_and_dimensions(client, pages):
    for url in pages:
        images = Page(client.get(url).content.decode()).all("img")
        assert images, url
        for image in images:
            assert image.get("alt"), (url, image)
            assert image.get("width") and image.get("height"), (url, image)


def test_search_fields_have_labels(client, pages):
    for url in pages:
        page = Page(client.get(url).content.decode())
        labelled = {label.get("for") for label in page.all("label")}
        for field in page.all("input"):
            if field.get("type") != "hidden":
                assert field.get("id") in labelled, (url, field)


def test_one_local_stylesheet_no_inline_script_or_style_no_third_party_requests(client, pages):
    for url in pages:
        html = client.get(url).content.decode()
        page = Page(html)
        stylesheets = [link for link in page.all("link") if link.get("rel") == "stylesheet"]
        assert [link["href"] for link in stylesheets] == ["/static/css/site.css"], url
        assert page.all("style") == [] and " style=" not in html, url
        for script in page.all("script"):
            # JSON-LD is data, not script; every script that runs is a local file.
            assert script.get("type") == "application/ld+json" or script["src"].startswith(
                "/static/"
            ), url
        for tag in page.all("img") + page.all("script"):
            assert not tag.get("src", "").startswith(("http:", "https:", "//")), (url, tag)


def test_reader_pages_are_the_same_for_every_visitor(client, pages):
    """The same HTML for anonymous readers and logged-in staff, so a cache could share it."""
    staff = make_editor()
    for url in pages:
        anonymous = client.get(url)
        tokens = [
            field.get("value")
            for field in Page(anonymous.content.decode()).all("input")
            if field.get("name") == "csrfmiddlewaretoken"
        ]
        assert not any(tokens), url
        assert "csrftoken" not in anonymous.cookies, url
        client.force_login(staff)
        logged_in = client.get(url)
        client.logout()
        assert logged_in.content == anonymous.content, url
