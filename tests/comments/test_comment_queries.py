import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from tests.factories import make_article, make_comment

pytestmark = pytest.mark.django_db


def add_approved_comments(article, count):
    """Approved comments, half with an image and half with a PDF (as rows only)."""
    Comment.objects.bulk_create(
        Comment(
            article=article,
            name=f"Bạn đọc {n}",
            email=f"ban-doc{n}@example.vn",
            body=f"Ý kiến số {n}\nDòng hai",
            status=Comment.Status.APPROVED,
            attachment=f"comments/2026/11/{n:032x}.{'png' if n % 2 else 'pdf'}",
            attachment_name=f"tep-{n}.{'png' if n % 2 else 'pdf'}",
            attachment_type="image/png" if n % 2 else "application/pdf",
            attachment_size=1000 + n,
            attachment_width=800 if n % 2 else None,
            attachment_height=600 if n % 2 else None,
        )
        for n in range(count)
    )


def queries_for_article_page(client, article):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_article_page_query_count_does_not_grow_with_comments(client, django_assert_num_queries):
    one = make_article(tags=["Giao thông"])
    add_approved_comments(one, 1)
    many = make_article(tags=["Giao thông"])
    add_approved_comments(many, 200)
    make_comment(many)  # pending ones do not count either

    expected, _ = queries_for_article_page(client, one)
    with django_assert_num_queries(expected):
        html = client.get(many.get_absolute_url()).content.decode()
    assert "(200)" in html
    # One page of comments at a time (COMMENTS_PAGE_SIZE), however many there are.
    assert html.count('class="comment"') == 50
    assert html.count('class="comment__image"') == 25
    assert html.count('class="comment__file"') == 25
    with django_assert_num_queries(expected):
        last = client.get(f"{many.get_absolute_url()}?trang-y-kien=4").content.decode()
    assert "(200)" in last and last.count('class="comment"') == 50
