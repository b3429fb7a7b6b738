"""An editor drags a scheduled story to another day on the calendar: its publish time
changes, and readers see it only from the new time."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.steps import log_in
from tests.factories import make_article, make_editor, make_journalist

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Lễ hội pháo hoa khai mạc tối nay"


def test_editor_drags_a_scheduled_story_to_an_earlier_day_and_it_goes_live_then(
    new_context, reader_problems
):
    staff = new_context("staff").new_page()
    log_in(staff, make_editor(username="bientap"))
    # The new time: a few seconds ahead. The story is scheduled at that time of day,
    # a day later; the drop keeps the time of day.
    target = timezone.localtime(timezone.now() + timedelta(seconds=25)).replace(microsecond=0)
    later = target + timedelta(days=1)
    story = make_article(title=TITLE, published_at=later)
    view = "month" if later.month == target.month else "week"

    staff.goto(f"/admin/articles/article/calendar/?view={view}&date={target.date().isoformat()}")
    card = staff.locator(".calendar-story", has_text=TITLE)
    expect(card.locator("time")).to_have_text(later.strftime("%H:%M"))
    day = staff.locator(f".calendar-cell[data-day='{target.date().isoformat()}']")
    if view == "week":
        day = day.and_(staff.locator(f"[data-hour='{target.hour}']"))
    card.drag_to(day)

    status = staff.locator(".calendar-status")
    expect(status).to_have_text(f"Đã lên lịch xuất bản lúc {target:%H:%M %d-%m-%Y}: {TITLE}")
    expect(day.locator(".calendar-story", has_text=TITLE)).to_be_visible()
    story.refresh_from_db()
    assert story.published_at == target
    assert story.status == Article.Status.PUBLISHED

    reader = new_context("reader").new_page()
    assert reader.goto(story.get_absolute_url()).status == 404
    reader.goto("/")
    expect(reader.get_by_text(TITLE)).to_have_count(0)

    time.sleep(max(0, (target - timezone.now()).total_seconds()) + 0.5)
    assert reader.goto(story.get_absolute_url()).status == 200
    reader.goto("/")
    expect(reader.locator(".lead-story")).to_contain_text(TITLE)
    assert reader_problems(expected=[story.get_absolute_url()]) == []


def test_a_refused_move_says_why_and_changes_nothing(new_context):
    staff = new_context("staff").new_page()
    log_in(staff, make_editor(username="bientap"))
    tomorrow = timezone.localtime(timezone.now() + timedelta(days=1)).replace(
        hour=6, minute=0, second=0, microsecond=0
    )
    story = make_article(title=TITLE, published_at=tomorrow)
    yesterday = (tomorrow - timedelta(days=2)).date()
    view = "month" if yesterday.month == tomorrow.month else "week"
    staff.goto(f"/admin/articles/article/calendar/?view={view}&date={tomorrow.date().isoformat()}")
    target = staff.locator(f".calendar-cell[data-day='{yesterday.isoformat()}']").first
    staff.locator(".calendar-story", has_text=TITLE).drag_to(target)
    status = staff.locator(".calendar-status.is-error")
    expect(status).to_have_text("Không thể hẹn giờ xuất bản vào thời điểm đã qua.")
    story.refresh_from_db()
    assert story.published_at == tomorrow


def test_a_journalist_sees_the_calendar_but_cannot_drag(new_context):
    journalist = make_journalist(username="phongvien")
    when = timezone.localtime(timezone.now() + timedelta(days=1))
    make_article(title=TITLE, published_at=when, created_by=journalist)
    staff = new_context("staff").new_page()
    log_in(staff, journalist)
    staff.goto(f"/admin/articles/article/calendar/?date={when.date().isoformat()}")
    card = staff.locator(".calendar-story", has_text=TITLE)
    expect(card).to_be_visible()
    expect(card).not_to_have_attribute("draggable", "true")
    card.get_by_role("link", name=TITLE).click()
    expect(staff.locator("#id_title")).to_have_value(TITLE)
