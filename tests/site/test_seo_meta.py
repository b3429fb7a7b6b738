import json
import re
from datetime import UTC, datetime

import pytest

from tests.factories import image_upload, make_article, make_author, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://baotinh.vn"


def meta(html, attribute, name):
    """Every content of <meta {attribute}="{name}" content="…">."""
    return re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)


def json_ld(html):
    (payload,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(payload)


@pytest.fixture
def article():
    return make_article(
        title="Học và làm theo Bác",
        lead="Sapo của bài về học và làm theo Bác.",
        section=make_section("Chính trị"),
        authors=[make_author("Đỗ Trọng"), make_author("Phạm Ẩn")],
        tags=["Đà Nẵng", "Giáo dục"],
        cover_image=image_upload("bia.png", size=(1200, 630)),
        cover_alt="Lễ khai mạc",
        published_at=datetime(2023, 11, 27, 1, 40, 36, tzinfo=UTC),
        updated_at=datetime(2023, 11, 28, 2, 0, 0, tzinfo=UTC),
    )


def test_article_page_has_title_description_and_canonical(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<title>Học và làm theo Bác | Báo Newsroom</title>" in html
    assert meta(html, "name", "description") == ["Sapo của bài về học và làm theo Bác."]
    canonical = f"https://baotinh.vn{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{canonical}">' in html


def test_open_graph_and_twitter_card_describe_the_article(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    image = f"https://baotinh.vn{article.cover_image.url}"
    assert meta(html, "property", "og:type") == ["article"]
    assert meta(html, "property", "og:title") == ["Học và làm theo Bác"]
    assert meta(html, "property", "og:description") == ["Sapo của bài về học và làm theo Bác."]
    assert meta(html, "property", "og:url") == [f"https://baotinh.vn{article.get_absolute_url()}"]
    assert meta(html, "property", "og:image") == [image]
    assert meta(html, "property", "og:image:width") == ["1200"]
    assert meta(html, "property", "og:locale") == ["vi_VN"]
    assert meta(html, "property", "article:published_time") == ["2023-11-27T08:40:36+07:00"]
    assert meta(html, "property", "article:modified_time") == ["2023-11-28T09:00:00+07:00"]
    assert meta(html, "property", "article:section") == ["Chính trị"]
    assert meta(html, "property", "article:tag") == ["Đà Nẵng", "Giáo dục"]
    assert meta(html, "name", "twitter:card") == ["summary_large_image"]
    assert meta(html, "name", "twitter:title") == ["Học và làm theo Bác"]
    assert meta(html, "name", "twitter:image") == [image]


def test_json_ld_news_article_names_every_author_and_the_publisher(client, article):
    data = json_ld(client.get(article.get_absolute_url()).content.decode())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Học và làm theo Bác"
    assert data["datePublished"] == "2023-11-27T08:40:36+07:00"
    assert data["dateModified"] == "2023-11-28T09:00:00+07:00"
    assert data["author"] == [
        {"@type": "Person", "name": "Đỗ Trọng", "url": "https://baotinh.vn/author/do-trong/"},
        {"@type": "Person", "name": "Phạm Ẩn", "url": "https://baotinh.vn/author/pham-an/"},
    ]
    assert data["image"] == [f"https://baotinh.vn{article.cover_image.url}"]
    assert data["articleSection"] == "Chính trị"
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["name"] == "Báo Newsroom"
    assert data["publisher"]["logo"]["url"] == "https://baotinh.vn/static/img/logo.png"
    assert data["mainEntityOfPage"]["@id"] == f"https://baotinh.vn{article.get_absolute_url()}"


def test_an_article_without_cover_has_no_image_tags(client):
    article = make_article(title="Không ảnh")
    html = client.get(article.get_absolute_url()).content.decode()
    assert meta(html, "property", "og:image") == []
    assert "image" not in json_ld(html)


def test_a_headline_cannot_break_out_of_the_json_ld_or_meta_tags(client):
    hostile = 'Tít </script><script>alert(1)</script> "trích dẫn" <!-- & '
    article = make_article(title=hostile, lead='Sapo "có" <b>thẻ</b>')
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert html.count("</script>") == html.count("<script")
    assert json_ld(html)["headline"] == hostile
    assert meta(html, "property", "og:title") == [
        "Tít &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;trích dẫn&quot; &lt;!-- &amp; "
    ]
    assert meta(html, "name", "description") == ["Sapo &quot;có&quot; &lt;b&gt;thẻ&lt;/b&gt;"]


def test_english_article_page_says_so_in_open_graph(client, article):
    path = article.get_absolute_url()
    html = client.get(f"/en{path}").content.decode()
    assert meta(html, "property", "og:locale") == ["en_US"]
    assert f'<link rel="canonical" href="https://baotinh.vn/en{path}">' in html
