"""Saving an article says what the save did to it, in Vietnamese, not Django's generic words."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.articles.admin_forms import ADD_URL, article_form_data, change_url
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db


def messages_after(client, url, data):
    response = client.post(url, data, follow=True)
    return [str(message) for message in response.context["messages"]]


def test_submitting_says_it_was_submitted(client, journalist):
    article = make_article(title="Mưa lớn", status=Article.Status.DRAFT, created_by=journalist)
    assert messages_after(
        client, change_url(article), article_form_data(article, status="review")
    ) == ["Đã gửi duyệt: “Mưa lớn”."]


def test_a_new_article_submitted_at_once_says_so(client, journalist):
    data = article_form_data(
        title="Bài mới", section=make_section(), authors=[make_author()], status="review"
    )
    assert messages_after(client, ADD_URL, data) == ["Đã gửi duyệt: “Bài mới”."]


def test_publishing_now_says_it_was_published(client, editor):
    article = make_article(title="Giá xăng giảm", status=Article.Status.REVIEW)
    assert messages_after(
        client, change_url(article), article_form_data(article, status="published")
    ) == ["Đã xuất bản: “Giá xăng giảm”."]


def test_scheduling_says_when_in_the_newsrooms_time(client, editor):
    article = make_article(title="Lịch cúp điện", status=Article.Status.REVIEW)
    at = timezone.make_aware(datetime(2099, 12, 2, 6, 0))  # Asia/Ho_Chi_Minh, the site's zone
    data = article_form_data(article, status="published", published_at=at)
    assert messages_after(client, change_url(article), data) == [
        "Đã lên lịch xuất bản lúc 06:00 02-12-2099: “Lịch cúp điện”."
    ]


def test_moving_a_scheduled_story_says_its_new_time(client, editor):
    at = timezone.make_aware(datetime(2099, 12, 2, 6, 0))
    article = make_article(title="Hẹn giờ", published_at=at)
    data = article_form_data(article, status="published", published_at=at + timedelta(hours=2))
    assert messages_after(client, change_url(article), data) == [
        "Đã lên lịch xuất bản lúc 08:00 02-12-2099: “Hẹn giờ”."
    ]


def test_unpublishing_says_the_story_left_the_site(client, editor):
    article = make_article(title="Đính chính")
    assert messages_after(
        client, change_url(article), article_form_data(article, status="draft")
    ) == ["Đã gỡ bài “Đính chính” khỏi trang; bài chuyển về bản nháp."]


def test_a_save_without_a_step_keeps_the_usual_message(client, editor):
    article = make_article(title="Sửa lỗi chính tả", status=Article.Status.DRAFT)
    [message] = messages_after(client, change_url(article), article_form_data(article))
    assert "Sửa lỗi chính tả" in message
    assert not message.startswith(("Đã gửi duyệt", "Đã xuất bản", "Đã lên lịch", "Đã gỡ"))
