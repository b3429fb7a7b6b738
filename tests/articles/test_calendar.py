"""The editorial calendar: a week or a month of scheduled and published stories."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.factories import (
    make_article,
    make_editor,
    make_journalist,
    make_moderator,
    make_section,
)
from tests.site.helpers import queries_for

pytestmark = pytest.mark.django_db

CALENDAR_URL = reverse("admin:articles_article_calendar")


def local(days, hour, minute=0):
    """A time `days` from today, at hour:minute in the newsroom's zone."""
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def page(client, **query):
    response = client.get(CALENDAR_URL, query)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def test_the_week_shows_scheduled_and_published_stories_at_their_hour(editor_client):
    tomorrow = local(1, 6, 30)
    make_article(title="Bài hẹn giờ sáng mai", published_at=tomorrow)
    make_article(title="Bài đã đăng hôm nay", published_at=timezone.now() - timedelta(minutes=5))
    make_article(title="Bản nháp không có lịch", status=Article.Status.DRAFT)
    html = page(editor_client, date=tomorrow.date().isoformat())
    assert "Bài hẹn giờ sáng mai" in html and "06:30" in html
    assert "Bản nháp không có lịch" not in html
    cell = html.split(f'data-day="{tomorrow.date().isoformat()}" data-hour="6"')[1].split("</td>")[
        0
    ]
    assert "Bài hẹn giờ sáng mai" in cell and "Hẹn giờ xuất bản" in cell
    assert f"{tomorrow:%d-%m-%Y}" in html  # dates as the newsroom writes them
    article = Article.objects.get(title="Bài hẹn giờ sáng mai")
    assert reverse("admin:articles_article_change", args=[article.pk]) in cell


def test_the_month_shows_each_story_on_its_day_with_its_expiry(editor_client):
    when = local(3, 22, 15)
    make_article(title="Bài hẹn giờ có hạn", published_at=when, expires_at=when + timedelta(days=2))
    html = page(editor_client, view="month", date=when.date().isoformat())
    cell = html.split(f'data-day="{when.date().isoformat()}"')[1].split("</td>")[0]
    assert "Bài hẹn giờ có hạn" in cell and "22:15" in cell
    assert f"hết hạn {when + timedelta(days=2):%H:%M %d-%m-%Y}" in cell


def test_the_calendar_moves_to_the_previous_and_next_week_and_month(editor_client):
    next_week = local(7, 9)
    make_article(title="Bài tuần sau", published_at=next_week)
    today = timezone.localdate()
    assert "Bài tuần sau" not in page(editor_client, date=(today - timedelta(days=7)).isoformat())
    html = page(editor_client, date=next_week.date().isoformat())
    assert "Bài tuần sau" in html
    assert "‹ Tuần trước" in html and "Tuần sau ›" in html and "Hôm nay" in html
    previous = (next_week.date() - timedelta(days=7)).isoformat()
    assert f"?view=week&amp;date={previous}" in html
    month = page(editor_client, view="month", date="2026-01-15")
    assert "?view=month&amp;date=2025-12-01" in month and "?view=month&amp;date=2026-02-01" in month
    assert "Tháng trước" in month


def test_the_calendar_filters_by_section(editor_client):
    sport, economy = make_section("Thể thao"), make_section("Kinh tế")
    make_article(title="Trận chung kết", section=sport, published_at=local(1, 8))
    make_article(title="Giá vàng", section=economy, published_at=local(1, 9))
    html = page(editor_client, section=sport.pk, date=local(1, 8).date().isoformat())
    assert "Trận chung kết" in html and "Giá vàng" not in html
    html = page(editor_client, section="abc", date=local(1, 8).date().isoformat())
    assert "Trận chung kết" in html and "Giá vàng" in html


def test_only_editors_can_drag_and_only_scheduled_stories(editor_client):
    scheduled = make_article(title="Bài hẹn giờ", published_at=local(1, 7))
    live = make_article(title="Bài đang hiện", published_at=timezone.now() - timedelta(minutes=1))
    html = page(editor_client, date=local(1, 7).date().isoformat())
    assert f'draggable="true" data-article="{scheduled.pk}"' in html
    assert f'data-article="{live.pk}"' not in html
    assert "data-move-url" in html


def test_a_journalist_sees_only_what_they_may_see_and_cannot_drag(client):
    journalist = make_journalist()
    mine = make_article(
        title="Bài hẹn giờ của tôi", published_at=local(1, 7), created_by=journalist
    )
    make_article(title="Bài hẹn giờ của người khác", published_at=local(1, 8))
    client.force_login(journalist)
    html = page(client, date=local(1, 7).date().isoformat())
    assert mine.title in html
    assert "Bài hẹn giờ của người khác" not in html
    assert "draggable" not in html and "data-move-url" not in html


def test_staff_without_the_article_permission_cannot_open_the_calendar(client):
    client.force_login(make_moderator())
    assert client.get(CALENDAR_URL).status_code == 403


def test_the_article_list_links_to_the_calendar(editor_client):
    html = editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
    assert CALENDAR_URL in html and "Lịch xuất bản" in html


@pytest.mark.parametrize("view", ["week", "month"])
def test_the_calendar_queries_do_not_grow_with_stories(
    editor_client, view, django_assert_num_queries
):
    day = local(2, 10).date().isoformat()
    make_article(published_at=local(2, 10))
    small = queries_for(editor_client, f"{CALENDAR_URL}?view={view}&date={day}")
    for hour in range(20):
        make_article(published_at=local(2, hour, 5), section=make_section())
    assert queries_for(editor_client, f"{CALENDAR_URL}?view={view}&date={day}") == small
