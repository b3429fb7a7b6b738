"""The moderation queue's columns: the reader's words get the room."""

from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from comments import moderation
from tests.factories import image_upload, make_comment, make_moderator

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:comments_comment_changelist")


def columns(html):
    return [part.split('"')[0] for part in html.split('<th scope="col" class="')[1:]]


@pytest.fixture
def moderator(client):
    user = make_moderator()
    client.force_login(user)
    return user


def test_the_pending_queue_shows_text_reader_article_file_and_time_only(client, moderator):
    make_comment(
        body="Đường ngập sâu sau cơn mưa chiều qua.",
        created_at=timezone.make_aware(datetime(2023, 11, 27, 8, 40, 36)),
    )
    html = client.get(QUEUE).content.decode()

    assert columns(html) == [
        "action-checkbox-column",
        "column-excerpt",
        "sortable column-name",
        "sortable column-article_link",
        "column-attachment_preview",
        "sortable column-sent sorted ascending",
    ]
    assert "Đường ngập sâu sau cơn mưa chiều qua." in html
    assert '<td class="field-sent">27-11-2023 08:40</td>' in html


def test_other_views_of_the_queue_show_status_and_moderator(client, moderator):
    moderation.approve(make_comment(), moderator)
    html = client.get(QUEUE, {"status": "all"}).content.decode()
    assert "column-status" in html and "column-moderated_by" in html
    assert moderator.username in html


def test_the_queue_loads_its_stylesheet_and_previews_stay_small(client, moderator):
    comment = make_comment(attachment=image_upload("hien-truong.png", size=(900, 600)))
    html = client.get(QUEUE).content.decode()
    assert 'href="/static/css/comments-admin.css"' in html
    assert f'<img src="{comment.thumbnail_url}" alt="hien-truong.png">' in html
