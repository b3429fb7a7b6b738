from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import image_upload, make_article, make_section
from tests.site.helpers import crowded_article, queries_for

pytestmark = pytest.mark.django_db

FRONT_PAGE_BUDGET = 12


def ago(hours):
    return timezone.now() - timedelta(hours=hours)


def test_lead_story_is_the_newest_featured_article(client):
    featured = make_article(title="Tin nổi bật hôm qua", featured=True, published_at=ago(20))
    make_article(title="Tin mới nhất", published_at=ago(1))
    make_article(title="Tin nổi bật cũ hơn", featured=True, published_at=ago(30))
    response = client.get("/")
    assert response.context["lead_story"] == featured
    html = response.content.decode()
    lead_block = html.split('class="lead-story"')[1].split("</section>")[0]
    assert featured.title in lead_block


def test_lead_story_is_the_newest_article_when_none_is_featured(client):
    make_article(title="Tin cũ", published_at=ago(5))
    newest = make_article(title="Tin mới nhất", published_at=ago(1))
    assert client.get("/").context["lead_story"] == newest


def test_drafts_scheduled_and_in_review_articles_never_reach_the_front_page(client):
    live = make_article(title="Tin đã đăng")
    make_article(title="Bản nháp bí mật", status=Article.Status.DRAFT, featured=True)
    make_article(title="Bài chờ duyệt bí mật", status=Article.Status.REVIEW)
    make_article(title="Bài hẹn giờ bí mật", published_at=timezone.now() + timedelta(hours=3))
    html = client.get("/").content.decode()
    assert live.title in html
    assert "bí mật" not in html


def test_latest_lists_the_newest_articles_after_the_lead_story(client):
    articles = [make_article(title=f"Tin thứ {i}", published_at=ago(i + 1)) for i in range(8)]
    context = client.get("/").context
    assert context["lead_story"] == articles[0]
    assert context["latest"] == articles[1:7]


def test_each_section_has_a_block_with_its_newest_articles(client):
    politics = make_section("Chính trị", position=1)
    sport = make_section("Thể thao", position=2)
    politics_articles = [
        make_article(title=f"Chính trị {i}", section=politics, published_at=ago(i + 1))
        for i in range(6)
    ]
    sport_article = make_article(title="Bóng đá tỉnh nhà", section=sport, published_at=ago(50))
    make_article(title="Thể thao nháp", section=sport, status=Article.Status.DRAFT)
    blocks = client.get("/").context["section_blocks"]
    assert [section for section, _ in blocks] == [politics, sport]
    assert blocks[0][1] == politics_articles[:4]
    assert blocks[1][1] == [sport_article]


def test_archive_continues_after_the_top_of_the_page_without_repeats(client, settings):
    settings.READER_PAGE_SIZE = 5
    articles = [make_article(published_at=ago(i + 1)) for i in range(17)]
    first = client.get("/").context
    second = client.get("/?page=2").context
    assert list(first["articles"]) == articles[7:12]
    assert list(second["articles"]) == articles[12:17]
    assert second["section_blocks"] == []
    html = client.get("/?page=2").content.decode()
    # The archive is never counted: page 2 knows it is the last without a total.
    assert "Trang 2<" in html and 'href="?page=1"' in html and 'rel="next"' not in html


@pytest.mark.parametrize("page", ["3", "abc", "0", "-1"])
def test_a_page_that_does_not_exist_is_not_found(client, settings, page):
    settings.READER_PAGE_SIZE = 5
    for i in range(12):
        make_article(published_at=ago(i + 1))
    assert client.get(f"/?page={page}").status_code == 404


def test_an_empty_site_still_has_a_front_page(client):
    response = client.get("/")
    assert response.status_code == 200
    assert "Chưa có bài viết nào được đăng." in response.content.decode()


def test_cards_show_headline_lead_stamp_and_a_sized_cover(client):
    make_article(
        title="Khánh thành cầu mới",
        lead="Cây cầu nối hai bờ sông.",
        cover_image=image_upload(size=(640, 400)),
        cover_alt="Cây cầu mới",
        published_at=timezone.make_aware(timezone.datetime(2023, 11, 27, 7, 0)),
        updated_at=timezone.make_aware(timezone.datetime(2023, 11, 27, 8, 40, 36)),
    )
    html = client.get("/").content.decode()
    assert "Khánh thành cầu mới" in html
    assert "Cây cầu nối hai bờ sông." in html
    assert "Cập nhật: " in html and "27-11-2023 | 08:40:36" in html
    assert 'alt="Cây cầu mới" width="640" height="400"' in html


def test_only_the_lead_story_image_loads_eagerly(client):
    lead = make_article(cover_image=image_upload(), featured=True)
    for _ in range(8):
        make_article(cover_image=image_upload(), published_at=ago(3))
    html = client.get("/").content.decode()
    images = [tag for tag in html.split("<img")[1:]]
    assert len(images) == 7 + 9  # lead and six latest; one block per section, not repeated below
    assert lead.cover_picture.url in images[0] and 'fetchpriority="high"' in images[0]
    assert all('loading="lazy"' in image for image in images[1:])


def test_front_page_queries_do_not_grow_with_articles_authors_and_tags(
    client, django_assert_max_num_queries
):
    for i in range(8):
        make_article(published_at=ago(i + 1), tags=["một"])
    small = queries_for(client, "/")
    sections = [make_section() for _ in range(6)]
    for i in range(40):
        crowded_article(section=sections[i % 6], published_at=ago(i + 10), featured=i % 7 == 0)
    assert queries_for(client, "/") == small
    with django_assert_max_num_queries(FRONT_PAGE_BUDGET):
        client.get("/")
    with django_assert_max_num_queries(FRONT_PAGE_BUDGET):
        client.get("/?page=2")
