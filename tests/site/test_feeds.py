import html
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import image_upload, make_article, make_author, make_section
from tests.site.helpers import crowded_article, queries_for

pytestmark = pytest.mark.django_db

DC = "{http://purl.org/dc/elements/1.1/}"
FEED_BUDGET = 3


def items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel"), root.findall("channel/item")


def test_site_feed_describes_each_live_article(client, settings):
    settings.SITE_URL = "https://baotinh.vn"
    article = make_article(
        title="Học và làm theo Bác <gắn> với nhiệm vụ & chính trị",
        lead="Sapo đầy đủ của bài viết.",
        authors=[make_author("Đỗ Trọng"), make_author("Phạm Ẩn")],
        section=make_section("Chính trị"),
        published_at=datetime(2023, 11, 27, 1, 40, 36, tzinfo=UTC),
    )
    channel, (item,) = items(client.get("/feed/"))
    assert channel.findtext("link") == "https://baotinh.vn/"
    assert channel.findtext("language") == "vi"
    assert item.findtext("title") == "Học và làm theo Bác &lt;gắn&gt; với nhiệm vụ &amp; chính trị"
    assert item.findtext("description") == "Sapo đầy đủ của bài viết."
    assert item.findtext("link") == f"https://baotinh.vn{article.get_absolute_url()}"
    assert item.findtext(f"{DC}creator") == "ĐỖ TRỌNG - PHẠM ẨN"
    assert item.findtext("pubDate") == "Mon, 27 Nov 2023 01:40:36 +0000"
    assert item.findtext("category") == "Chính trị"


def test_cover_image_is_an_enclosure_with_its_size_and_type(client, settings):
    settings.SITE_URL = "https://baotinh.vn"
    article = make_article(
        cover_image=image_upload("bia.jpg", fmt="JPEG", content_type="image/jpeg")
    )
    make_article(title="Không ảnh")
    _, items_ = items(client.get("/feed/"))
    enclosures = {item.findtext("title"): item.find("enclosure") for item in items_}
    assert enclosures["Không ảnh"] is None
    enclosure = enclosures[article.title]
    assert enclosure.get("url") == f"https://baotinh.vn{article.cover_image.url}"
    assert enclosure.get("length") == str(article.cover_image.size)
    assert enclosure.get("type") == "image/jpeg"


def test_a_cover_whose_file_is_gone_leaves_the_item_without_enclosure(client):
    article = make_article(cover_image=image_upload())
    article.cover_image.storage.delete(article.cover_image.name)
    _, (item,) = items(client.get("/feed/"))
    assert item.findtext("title") == article.title
    assert item.find("enclosure") is None


def test_feeds_list_only_live_articles_newest_first(client):
    older = make_article(published_at=timezone.now() - timedelta(days=2))
    newer = make_article(published_at=timezone.now() - timedelta(hours=1))
    make_article(title="Nháp", status=Article.Status.DRAFT)
    make_article(title="Hẹn giờ", published_at=timezone.now() + timedelta(hours=1))
    _, found = items(client.get("/feed/"))
    assert [item.findtext("title") for item in found] == [newer.title, older.title]


def test_section_feed_has_only_that_sections_articles(client):
    sport = make_section("Thể thao", description="Tin thể thao trong tỉnh.")
    in_sport = make_article(title="Bóng đá", section=sport)
    make_article(title="Kinh tế")
    channel, found = items(client.get("/section/the-thao/feed/"))
    assert channel.findtext("title") == "Thể thao | Báo Newsroom"
    assert channel.findtext("description") == "Tin thể thao trong tỉnh."
    assert [item.findtext("title") for item in found] == [in_sport.title]


def test_unknown_section_feed_is_not_found(client):
    assert client.get("/section/khong-co/feed/").status_code == 404


def test_english_feed_has_english_channel_text(client):
    make_article()
    channel, _ = items(client.get("/en/feed/"))
    assert channel.findtext("language") == "en"
    assert channel.findtext("description") == "The latest articles from Báo Newsroom"


@pytest.mark.parametrize("url", ["/feed/", "/section/thoi-su/feed/"])
def test_feed_queries_do_not_grow_with_articles_authors_and_tags(
    client, django_assert_max_num_queries, url
):
    section = make_section("Thời sự")
    make_article(section=section)
    small = queries_for(client, url)
    for _ in range(20):
        crowded_article(section=section, cover_image=image_upload())
    assert queries_for(client, url) == small
    budget = FEED_BUDGET + (1 if "section" in url else 0)
    with django_assert_max_num_queries(budget):
        client.get(url)


class _Markup(HTMLParser):
    """Collects the elements a feed reader would build from a text read as HTML."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)


def as_a_feed_reader_renders(text):
    """(elements, shown text) of an RSS <title>/<description> read as HTML."""
    parser = _Markup()
    parser.feed(text)
    parser.close()
    return parser.tags, html.unescape(text)


HOSTILE_TITLE = 'Ảnh <img src=x onerror="alert(1)"> & <b>tin</b> giá <5 triệu'
HOSTILE_LEAD = "Giá <5 triệu, </description><script>alert(1)</script> & &lt;thật&gt;"


@pytest.mark.parametrize("url", ["/feed/", "/section/thoi-su/feed/"])
def test_headlines_and_leads_reach_feed_readers_as_the_plain_text_typed(client, url):
    make_article(title=HOSTILE_TITLE, lead=HOSTILE_LEAD, section=make_section("Thời sự"))
    response = client.get(url)
    _, (item,) = items(response)
    for element, typed in [("title", HOSTILE_TITLE), ("description", HOSTILE_LEAD)]:
        tags, shown = as_a_feed_reader_renders(item.findtext(element))
        assert tags == [] and shown == typed
    assert "giá &amp;lt;5 triệu" in response.content.decode()


def test_section_names_and_descriptions_reach_feed_readers_as_plain_text(client):
    section = make_section("Kinh tế <b>&</b> Đầu tư", description="Giá <5 triệu & hơn")
    make_article(section=section)
    channel, _ = items(client.get(f"/section/{section.slug}/feed/"))
    tags, shown = as_a_feed_reader_renders(channel.findtext("title"))
    assert tags == [] and shown == "Kinh tế <b>&</b> Đầu tư | Báo Newsroom"
    tags, shown = as_a_feed_reader_renders(channel.findtext("description"))
    assert tags == [] and shown == "Giá <5 triệu & hơn"
