"""An article with a thousand comments shows them a page at a time."""

import pytest
from django.utils import timezone

from comments.models import Comment
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def add_approved(article, count):
    start = timezone.now() - timezone.timedelta(days=1)
    return Comment.objects.bulk_create(
        Comment(
            article=article,
            name=f"Bạn đọc {n}",
            email=f"bd{n}@example.vn",
            body=f"Ý kiến số {n}",
            status=Comment.Status.APPROVED,
            created_at=start + timezone.timedelta(minutes=n),
        )
        for n in range(count)
    )


def test_comments_come_fifty_to_a_page_with_links_and_the_full_count(client, settings):
    settings.COMMENTS_PAGE_SIZE = 50
    article = make_article()
    add_approved(article, 120)
    first = client.get(article.get_absolute_url()).content.decode()
    assert "(120)" in first
    assert first.count('class="comment"') == 50
    assert "Ý kiến số 0<" in first and "Ý kiến số 50<" not in first
    assert 'href="?trang-y-kien=2#binh-luan"' in first
    last = client.get(article.get_absolute_url(), {"trang-y-kien": 3}).content.decode()
    assert "(120)" in last and last.count('class="comment"') == 20
    assert "Ý kiến số 119<" in last and 'href="?trang-y-kien=2#binh-luan"' in last


def test_a_bad_comment_page_number_shows_a_page_not_an_error(client):
    article = make_article()
    add_approved(article, 3)
    for page in ["abc", "0", "99"]:
        response = client.get(article.get_absolute_url(), {"trang-y-kien": page})
        assert response.status_code == 200
        assert response.content.decode().count('class="comment"') == 3


def test_a_comment_link_opens_the_page_that_shows_it(client, settings):
    """The link a moderator's e-mail and the admin's "view on site" give."""
    settings.COMMENTS_PAGE_SIZE = 50
    article = make_article()
    comments = add_approved(article, 120)
    early, late = comments[10], comments[75]
    assert early.get_absolute_url() == f"{article.get_absolute_url()}#y-kien-{early.pk}"
    url = late.get_absolute_url()
    assert url == f"{article.get_absolute_url()}?trang-y-kien=2#y-kien-{late.pk}"
    page = client.get(url.split("#")[0]).content.decode()
    assert f'id="y-kien-{late.pk}"' in page
