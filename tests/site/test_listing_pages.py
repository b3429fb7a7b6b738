from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import image_upload, make_article, make_author, make_section
from tests.site.helpers import crowded_article, queries_for

pytestmark = pytest.mark.django_db

LIST_PAGE_BUDGET = 5
# A section page also asks which stories editors placed on top of it (curation).
SECTION_PAGE_BUDGET = LIST_PAGE_BUDGET + 1


def ago(hours):
    return timezone.now() - timedelta(hours=hours)


def titles(response):
    return [article.title for article in response.context["articles"]]


def test_section_page_lists_its_live_articles_newest_first(client):
    section = make_section("Kinh tế", description="Tin kinh tế của tỉnh.")
    older = make_article(title="Giá lúa tăng", section=section, published_at=ago(5))
    newer = make_article(title="Khu công nghiệp mới", section=section, published_at=ago(1))
    make_article(title="Tin chuyên mục khác")
    make_article(title="Kinh tế nháp", section=section, status=Article.Status.DRAFT)
    make_article(
        title="Kinh tế hẹn giờ", section=section, published_at=timezone.now() + timedelta(hours=1)
    )
    response = client.get("/section/kinh-te/")
    assert titles(response) == [newer.title, older.title]
    html = response.content.decode()
    assert "<h1" in html and "Kinh tế</h1>" in html
    assert "Tin kinh tế của tỉnh." in html
    assert 'href="/section/kinh-te/feed/"' in html


def test_tag_page_lists_the_articles_carrying_the_tag(client):
    tagged = make_article(title="Đà Nẵng đón khách", tags=["Đà Nẵng"])
    make_article(title="Hội An về đêm", tags=["Hội An"])
    make_article(title="Đà Nẵng nháp", tags=["Đà Nẵng"], status=Article.Status.DRAFT)
    response = client.get("/tag/da-nang/")
    assert titles(response) == [tagged.title]
    assert "Đà Nẵng</h1>" in response.content.decode()


def test_author_page_shows_bio_photo_and_the_authors_articles(client):
    author = make_author("Phạm Ẩn", bio="Phóng viên mảng giáo dục.", photo=image_upload("an.png"))
    co_written = make_article(title="Bài viết chung", authors=[make_author(), author])
    make_article(title="Bài của người khác")
    response = client.get(author.get_absolute_url())
    assert titles(response) == [co_written.title]
    html = response.content.decode()
    assert "Phạm Ẩn</h1>" in html
    assert "Phóng viên mảng giáo dục." in html
    assert f'src="{author.photo.url}" alt="Ảnh của Phạm Ẩn" width="160" height="160"' in html


def test_bio_and_description_are_escaped(client):
    author = make_author(bio='<script>alert("x")</script>')
    section = make_section(description="<img src=x onerror=alert(1)>")
    author_html = client.get(author.get_absolute_url()).content.decode()
    section_html = client.get(section.get_absolute_url()).content.decode()
    assert "<script>alert" not in author_html and "&lt;script&gt;" in author_html
    assert "<img src=x" not in section_html


@pytest.mark.parametrize("url", ["/section/khong-co/", "/tag/khong-co/", "/author/khong-co/"])
def test_unknown_section_tag_or_author_is_not_found(client, url):
    assert client.get(url).status_code == 404


def test_list_pages_are_paginated_and_reject_pages_that_do_not_exist(client, settings):
    settings.READER_PAGE_SIZE = 3
    section = make_section("Thể thao")
    articles = [make_article(section=section, published_at=ago(i + 1)) for i in range(5)]
    assert titles(client.get("/section/the-thao/")) == [a.title for a in articles[:3]]
    assert titles(client.get("/section/the-thao/?page=2")) == [a.title for a in articles[3:]]
    assert client.get("/section/the-thao/?page=3").status_code == 404
    assert client.get("/section/the-thao/?page=abc").status_code == 404


def test_an_empty_section_says_so(client):
    make_section("Văn hóa")
    response = client.get("/section/van-hoa/")
    assert response.status_code == 200
    assert "Chưa có bài viết nào ở đây." in response.content.decode()


def test_list_cards_have_sized_lazy_thumbnails_after_the_first(client):
    section = make_section("Xã hội")
    for i in range(3):
        make_article(
            section=section, cover_image=image_upload(size=(64, 40)), published_at=ago(i + 1)
        )
    html = client.get("/section/xa-hoi/").content.decode()
    images = html.split("<img")[1:]
    assert len(images) == 3
    assert all('width="64" height="40"' in image for image in images)
    assert 'loading="lazy"' not in images[0]
    assert all('loading="lazy"' in image for image in images[1:])


@pytest.mark.parametrize("kind", ["section", "tag", "author"])
def test_list_page_queries_do_not_grow_with_articles_authors_and_tags(
    client, django_assert_max_num_queries, kind
):
    section, author = make_section("Thời sự"), make_author("Đỗ Trọng")
    url = {"section": "/section/thoi-su/", "tag": "/tag/thoi-su/", "author": "/author/do-trong/"}[
        kind
    ]
    make_article(section=section, authors=[author], tags=["Thời sự"])
    small = queries_for(client, url)
    for i in range(25):
        article = crowded_article(section=section, published_at=ago(i + 2))
        article.tags.add("Thời sự")
        article.credits.create(author=author, position=9)
    assert queries_for(client, url) == small
    with django_assert_max_num_queries(
        SECTION_PAGE_BUDGET if kind == "section" else LIST_PAGE_BUDGET
    ):
        client.get(url)
