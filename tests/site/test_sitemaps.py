import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = "https://baotinh.vn"


def xml(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    return ET.fromstring(response.content)


def locations(client, url):
    return [loc.text for loc in xml(client, url).iter(f"{SM}loc")]


def test_sitemap_index_lists_one_sitemap_per_kind_of_page(client):
    assert locations(client, "/sitemap.xml") == [
        "https://baotinh.vn/sitemap-home.xml",
        "https://baotinh.vn/sitemap-sections.xml",
        "https://baotinh.vn/sitemap-articles.xml",
        "https://baotinh.vn/sitemap-tags.xml",
        "https://baotinh.vn/sitemap-authors.xml",
    ]


def test_sitemap_index_links_every_page_of_a_long_sitemap(client, monkeypatch):
    from articles.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    for _ in range(5):
        make_article()
    found = locations(client, "/sitemap.xml")
    assert "https://baotinh.vn/sitemap-articles.xml?p=3" in found
    assert "https://baotinh.vn/sitemap-articles.xml?p=4" not in found
    assert len(locations(client, "/sitemap-articles.xml?p=3")) == 1


def test_article_sitemap_has_live_articles_with_their_update_date(client):
    live = make_article(
        published_at=timezone.make_aware(timezone.datetime(2023, 11, 26, 8, 0)),
        updated_at=timezone.make_aware(timezone.datetime(2023, 11, 27, 8, 0)),
    )
    make_article(status=Article.Status.DRAFT)
    make_article(published_at=timezone.now() + timedelta(hours=1))
    root = xml(client, "/sitemap-articles.xml")
    (url,) = root.findall(f"{SM}url")
    assert url.findtext(f"{SM}loc") == f"https://baotinh.vn{live.get_absolute_url()}"
    assert url.findtext(f"{SM}lastmod") == "2023-11-27"


def test_sections_tags_and_authors_with_live_articles_are_listed(client):
    section = make_section("Giáo dục")
    writer, idle = make_author("Đỗ Trọng"), make_author("Chưa Viết")
    make_article(section=section, authors=[writer], tags=["Khai giảng"])
    make_article(status=Article.Status.DRAFT, authors=[idle], tags=["Bí mật"])
    assert "https://baotinh.vn/section/giao-duc/" in locations(client, "/sitemap-sections.xml")
    assert locations(client, "/sitemap-tags.xml") == ["https://baotinh.vn/tag/khai-giang/"]
    assert locations(client, "/sitemap-authors.xml") == ["https://baotinh.vn/author/do-trong/"]
    assert locations(client, "/sitemap-home.xml") == ["https://baotinh.vn/"]


def test_unknown_sitemap_is_not_found(client):
    assert client.get("/sitemap-khong-co.xml").status_code == 404


def test_news_sitemap_has_the_last_two_days_in_the_news_namespace(client):
    recent = make_article(
        title="Tin nóng & mới <hôm nay>", published_at=timezone.now() - timedelta(hours=5)
    )
    make_article(title="Tin ba ngày trước", published_at=timezone.now() - timedelta(days=3))
    make_article(title="Tin nháp", status=Article.Status.DRAFT)
    root = xml(client, "/sitemap-news.xml")
    (url,) = root.findall(f"{SM}url")
    assert url.findtext(f"{SM}loc") == f"https://baotinh.vn{recent.get_absolute_url()}"
    news = url.find(f"{NEWS}news")
    assert news.findtext(f"{NEWS}publication/{NEWS}name") == "Báo Newsroom"
    assert news.findtext(f"{NEWS}publication/{NEWS}language") == "vi"
    assert news.findtext(f"{NEWS}title") == "Tin nóng & mới <hôm nay>"
    published = news.findtext(f"{NEWS}publication_date")
    assert published.endswith("+07:00")
    assert timezone.datetime.fromisoformat(published) == recent.published_at


def test_robots_txt_points_to_both_sitemaps_and_keeps_crawlers_out_of_staff_pages(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert "Sitemap: https://baotinh.vn/sitemap.xml" in lines
    assert "Sitemap: https://baotinh.vn/sitemap-news.xml" in lines
    assert "Disallow: /admin/" in lines and "Disallow: /preview/" in lines
    assert "Disallow: /" not in lines


def test_article_sitemap_pages_hold_two_thousand_urls_each(client):
    from articles.sitemaps import ArticleSitemap

    assert ArticleSitemap().limit == 2000


def test_article_sitemap_locations_are_the_article_urls_on_every_page(client, monkeypatch):
    from articles.sitemaps import ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    articles = [make_article(title=f"Tin số {n}", published_at=ago(n + 1)) for n in range(3)]
    assert locations(client, "/sitemap-articles.xml?p=2") == [
        f"https://baotinh.vn{articles[2].get_absolute_url()}"
    ]


def test_a_tag_or_author_on_many_live_articles_is_listed_once(client):
    writer = make_author("Phạm Ẩn")
    for _ in range(3):
        make_article(authors=[writer], tags=["Thời tiết"])
    assert locations(client, "/sitemap-tags.xml") == ["https://baotinh.vn/tag/thoi-tiet/"]
    assert locations(client, "/sitemap-authors.xml") == ["https://baotinh.vn/author/pham-an/"]


def ago(hours):
    return timezone.now() - timedelta(hours=hours)


def entries(root):
    return [
        (url.findtext(f"{SM}loc"), url.findtext(f"{SM}lastmod"), url.findtext(f"{SM}changefreq"))
        for url in root.findall(f"{SM}url")
    ]


@pytest.mark.parametrize("kind", ["home", "sections", "articles", "tags", "authors"])
def test_sitemap_pages_say_what_djangos_sitemap_view_says(client, rf, kind, monkeypatch):
    """The pages are joined from columns, not rendered: the same URLs, dates and frequencies."""
    from django.contrib.sitemaps.views import sitemap
    from django.http import Http404

    from articles.sitemaps import SITEMAPS, ArticleSitemap

    monkeypatch.setattr(ArticleSitemap, "limit", 3)
    writer = make_author("Lê Văn Tám")
    for n in range(5):
        make_article(
            section=make_section(f"Mục {n}"), authors=[writer], tags=[f"Thẻ {n}"],
            published_at=ago(n + 1), updated_at=ago(30 * n),
        )  # fmt: skip
    for page in ("1", "2"):
        try:
            response = sitemap(rf.get("/", {"p": page}), SITEMAPS, section=kind).render()
        except Http404:  # an empty page
            assert client.get(f"/sitemap-{kind}.xml?p={page}").status_code == 404
            continue
        ours = xml(client, f"/sitemap-{kind}.xml?p={page}")
        assert entries(ours) == entries(ET.fromstring(response.content))
        assert entries(ours)


def test_an_article_sitemap_page_says_when_it_last_changed(client):
    make_article(
        published_at=timezone.make_aware(timezone.datetime(2024, 2, 1, 9, 0)),
        updated_at=timezone.make_aware(timezone.datetime(2024, 3, 1, 9, 0)),
    )
    response = client.get("/sitemap-articles.xml")
    assert response["Last-Modified"] == "Fri, 01 Mar 2024 02:00:00 GMT"
    assert response["X-Robots-Tag"] == "noindex, noodp, noarchive"


@pytest.mark.parametrize("page", ["0", "-1", "abc", "2", "99999999999"])
def test_a_sitemap_page_that_does_not_exist_is_not_found(client, page):
    make_article()
    assert client.get(f"/sitemap-articles.xml?p={page}").status_code == 404


def test_a_sitemap_page_costs_one_query_whatever_its_size(client, django_assert_num_queries):
    for n in range(30):
        make_article(title=f"Tin {n}")
    with django_assert_num_queries(1):
        assert client.get("/sitemap-articles.xml").status_code == 200
