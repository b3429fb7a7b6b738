"""Moving a scheduled story on the calendar: services.reschedule and the POST behind the drag."""

import json
from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleRevision
from newsroom import pagecache
from tests.factories import make_article, make_editor, make_journalist

pytestmark = pytest.mark.django_db

MOVE_URL = reverse("admin:articles_article_calendar_move")


def local(days, hour, minute=0):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


@pytest.fixture
def scheduled():
    return make_article(title="Bài hẹn giờ", published_at=local(2, 6, 30))


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def move(client, article, day, hour=""):
    response = client.post(MOVE_URL, {"article": article.pk, "day": day, "hour": hour})
    return response, json.loads(response.content)


def test_reschedule_moves_the_publish_time_and_records_a_revision(scheduled):
    editor = make_editor()
    services.reschedule(scheduled, editor, local(3, 8))
    scheduled.refresh_from_db()
    assert scheduled.published_at == local(3, 8)
    assert scheduled.status == Article.Status.PUBLISHED
    revision = ArticleRevision.objects.filter(article=scheduled).latest("pk")
    assert revision.created_by == editor
    assert revision.content["published_at"] == local(3, 8).isoformat()


def test_reschedule_refuses_non_editors(scheduled):
    with pytest.raises(services.NotAllowed):
        services.reschedule(scheduled, make_journalist(), local(3, 8))
    scheduled.refresh_from_db()
    assert scheduled.published_at == local(2, 6, 30)


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"published_at": timezone.now() - timedelta(hours=1)}, "Bài này đã lên trang"),
        ({"status": Article.Status.DRAFT, "published_at": None}, "Chỉ có thể dời bài đang hẹn giờ"),
        (
            {"status": Article.Status.REVIEW, "published_at": None},
            "Chỉ có thể dời bài đang hẹn giờ",
        ),
    ],
    ids=["live", "draft", "review"],
)
def test_reschedule_refuses_stories_that_are_not_scheduled(fields, message):
    article = make_article(**fields)
    with pytest.raises(ValidationError, match=message):
        services.reschedule(article, make_editor(), local(3, 8))
    assert not ArticleRevision.objects.filter(article=article).exists()


def test_reschedule_refuses_the_past_and_times_after_the_expiry(scheduled):
    editor = make_editor()
    with pytest.raises(ValidationError, match="thời điểm đã qua"):
        services.reschedule(scheduled, editor, timezone.now() - timedelta(minutes=1))
    Article.objects.filter(pk=scheduled.pk).update(expires_at=local(4, 0))
    with pytest.raises(ValidationError, match="trước giờ hết hạn của bài \\(00:00 "):
        services.reschedule(scheduled, editor, local(5, 8))
    scheduled.refresh_from_db()
    assert scheduled.published_at == local(2, 6, 30)


def test_dropping_on_a_day_keeps_the_time_of_day(editor_client, scheduled):
    target = local(5, 0).date()
    response, answer = move(editor_client, scheduled, target.isoformat())
    assert response.status_code == 200
    scheduled.refresh_from_db()
    assert scheduled.published_at == local(5, 6, 30)
    assert answer["time"] == "06:30"
    assert answer["message"] == (f"Đã lên lịch xuất bản lúc 06:30 {target:%d-%m-%Y}: Bài hẹn giờ")


def test_dropping_on_an_hour_of_the_week_keeps_the_minutes(editor_client, scheduled):
    response, _ = move(editor_client, scheduled, local(1, 0).date().isoformat(), hour="14")
    assert response.status_code == 200
    scheduled.refresh_from_db()
    assert scheduled.published_at == local(1, 14, 30)


def test_moving_clears_the_cached_pages(editor_client, scheduled, page_cache):
    reader = Client()
    reader.get("/")
    assert reader.get("/")["X-Page-Cache"] == "hit"
    before = cache.get(pagecache.GENERATION_KEY)
    move(editor_client, scheduled, local(4, 0).date().isoformat())
    assert cache.get(pagecache.GENERATION_KEY) != before
    assert reader.get("/")["X-Page-Cache"] == "miss"


def test_moving_into_the_past_is_refused_with_a_message(editor_client, scheduled):
    yesterday = local(-1, 0).date().isoformat()
    response, answer = move(editor_client, scheduled, yesterday)
    assert response.status_code == 400
    assert answer["error"] == "Không thể hẹn giờ xuất bản vào thời điểm đã qua."
    scheduled.refresh_from_db()
    assert scheduled.published_at == local(2, 6, 30)


def test_moving_a_live_story_is_refused(editor_client):
    live = make_article(published_at=timezone.now() - timedelta(hours=2))
    before = live.published_at
    response, answer = move(editor_client, live, local(2, 0).date().isoformat())
    assert response.status_code == 400
    assert answer["error"] == "Bài này đã lên trang: không thể dời lịch."
    live.refresh_from_db()
    assert live.published_at == before


def test_a_journalist_cannot_move_even_their_own_story(client):
    journalist = make_journalist()
    own = make_article(published_at=local(2, 9), created_by=journalist)
    client.force_login(journalist)
    response, answer = move(client, own, local(3, 0).date().isoformat())
    assert response.status_code == 403
    assert answer["error"] == "Chỉ biên tập viên mới được đổi lịch xuất bản."
    own.refresh_from_db()
    assert own.published_at == local(2, 9)


@pytest.mark.parametrize(
    "data",
    [
        {"day": "02-12-2026"},
        {"day": ""},
        {"hour": "24"},
        {"hour": "sáng"},
        {"article": "abc"},
    ],
)
def test_bad_input_is_refused_with_a_message(editor_client, scheduled, data):
    posted = {"article": scheduled.pk, "day": local(3, 0).date().isoformat(), **data}
    response = editor_client.post(MOVE_URL, posted)
    assert response.status_code == 400
    assert json.loads(response.content)["error"] == "Hãy thả bài vào một ngày trên lịch."
    scheduled.refresh_from_db()
    assert scheduled.published_at == local(2, 6, 30)


def test_the_move_needs_a_post_with_the_csrf_token(scheduled):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_editor())
    assert client.get(MOVE_URL).status_code == 405
    response = client.post(MOVE_URL, {"article": scheduled.pk, "day": "2030-01-01"})
    assert response.status_code == 403
    scheduled.refresh_from_db()
    assert scheduled.published_at == local(2, 6, 30)
