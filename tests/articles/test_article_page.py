from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_author, make_journalist, make_section

pytestmark = pytest.mark.django_db


def test_article_page_is_laid_out_like_the_paper():
    section = make_section("Chính trị")
    article = make_article(
        title="Học và làm theo Bác",
        lead="Sapo đậm của bài.",
        body='<h2>Tiêu đề phụ</h2><figure class="image"><img src="/media/a.jpg" alt="Ảnh">'
        "<figcaption>Chú thích ảnh</figcaption></figure>",
        section=section,
        authors=[make_author("Đỗ Trọng"), make_author("Phạm Ẩn")],
        tags=["Đà Nẵng", "Giáo dục"],
        published_at=datetime(2023, 11, 27, 1, 40, 36, tzinfo=UTC),
        updated_at=datetime(2023, 11, 27, 1, 40, 36, tzinfo=UTC),
    )
    html = Client().get(article.get_absolute_url()).content.decode()
    assert '<h1 class="article__title">Học và làm theo Bác</h1>' in html
    assert "Cập nhật: " in html and "27-11-2023 | 08:40:36" in html
    assert "<strong>Sapo đậm của bài.</strong>" in html
    assert "ĐỖ TRỌNG - PHẠM ẨN" in html
    assert "<figcaption>Chú thích ảnh</figcaption>" in html
    assert f'href="{section.get_absolute_url()}"' in html
    assert 'href="/tag/da-nang/"' in html
    assert "Chia sẻ bài viết" in html and "facebook.com/sharer" in html and "zalo" in html
    assert "Quay lên trên" in html


def test_byline_keeps_the_order_editors_gave(client):
    article = make_article(authors=[make_author("Phạm Ẩn"), make_author("Đỗ Trọng")])
    assert "PHẠM ẨN - ĐỖ TRỌNG" in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "fields",
    [
        {"status": Article.Status.DRAFT},
        {"status": Article.Status.REVIEW},
        {"status": Article.Status.PUBLISHED, "published_at": timezone.now() + timedelta(hours=2)},
    ],
    ids=["draft", "in-review", "scheduled"],
)
def test_unpublished_articles_answer_404_to_readers(client, fields):
    article = make_article(**fields)
    assert client.get(article.get_absolute_url()).status_code == 404


def test_scheduled_article_appears_when_its_time_comes(client):
    article = make_article(published_at=timezone.now() + timedelta(minutes=5))
    assert client.get(article.get_absolute_url()).status_code == 404
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(seconds=1))
    assert client.get(article.get_absolute_url()).status_code == 200


def test_old_slug_redirects_permanently_to_the_canonical_url(client):
    article = make_article(title="Tít cũ")
    old_url = article.get_absolute_url()
    article.slug = "tit-moi"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_related_articles_share_a_tag_or_the_section(client):
    section = make_section()
    article = make_article(section=section, tags=["Bóng đá"])
    same_tag = make_article(title="Cùng thẻ", tags=["Bóng đá"])
    same_section = make_article(title="Cùng chuyên mục", section=section)
    unrelated = make_article(title="Không liên quan")
    draft = make_article(title="Bản nháp cùng thẻ", tags=["Bóng đá"], status="draft")
    html = client.get(article.get_absolute_url()).content.decode()
    assert same_tag.title in html and same_section.title in html
    assert unrelated.title not in html and draft.title not in html


def test_page_runs_the_same_queries_for_one_or_ten_authors_and_tags(
    client, django_assert_num_queries
):
    small = make_article(authors=[make_author()], tags=["một"])
    big = make_article(
        authors=[make_author() for _ in range(10)], tags=[f"thẻ {i}" for i in range(10)]
    )
    with CaptureQueriesContext(connection) as small_queries:
        assert client.get(small.get_absolute_url()).status_code == 200
    with django_assert_num_queries(len(small_queries)):
        assert client.get(big.get_absolute_url()).status_code == 200


def test_staff_preview_shows_a_draft_with_the_public_template(client):
    journalist = make_journalist()
    article = make_article(
        status=Article.Status.DRAFT, title="Bản nháp xem trước", created_by=journalist
    )
    client.force_login(journalist)
    response = client.get(f"/preview/{article.pk}/")
    assert response.status_code == 200
    assert "Bản nháp xem trước" in response.content.decode()
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_readers_cannot_preview(client):
    article = make_article(status=Article.Status.DRAFT)
    response = client.get(f"/preview/{article.pk}/")
    assert response.status_code in (302, 403)
