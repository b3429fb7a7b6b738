"""The review loop in the browser: submit, the editor is told, sent back with a note,
the journalist reads it, resubmits, the editor schedules it and moves it on the calendar,
and it goes live at its time."""

from datetime import datetime, time, timedelta
from unittest import mock

import pytest
from django.utils import timezone
from django.utils.formats import get_format
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.steps import log_in
from tests.factories import make_article, make_author, make_editor, make_journalist

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEADLINE = "Hội An thí điểm phố đi bộ ban đêm"
NOTE = "Thêm ý kiến của tiểu thương và giờ cấm xe cụ thể."


def fill_publish_time(page, moment):
    """Type `moment` (local time) into the split date and time boxes, as the admin expects it."""
    local = timezone.localtime(moment)
    page.fill("#id_published_at_0", local.strftime(get_format("DATE_INPUT_FORMATS")[0]))
    page.fill("#id_published_at_1", local.strftime(get_format("TIME_INPUT_FORMATS")[0]))


def save(page):
    page.locator("input[name=_save]").click()
    return page.locator(".messagelist .success")


def test_a_story_goes_from_submission_through_a_note_back_to_a_schedule(
    new_context, reader_problems
):
    journalist = make_journalist(username="phongvien", first_name="An", last_name="Nguyễn")
    editor = make_editor(username="bientap", first_name="Bình", last_name="Trần")
    article = make_article(
        title=HEADLINE,
        status=Article.Status.DRAFT,
        created_by=journalist,
        authors=[make_author("Nguyễn An", user=journalist)],
    )
    change = f"/admin/articles/article/{article.pk}/change/"
    writer = new_context("staff").new_page()
    desk = new_context("staff").new_page()

    # The journalist submits.
    log_in(writer, journalist, next_path=change)
    writer.select_option("#id_status", "review")
    expect(save(writer)).to_have_text(f"Đã gửi duyệt: “{HEADLINE}”.")

    # The editor's first page tells them; opening the story reads the notification.
    log_in(desk, editor)
    notifications = desk.locator("#notifications")
    expect(notifications.locator(".desk-unread")).to_have_text("1")
    expect(notifications.locator("li.unread")).to_contain_text(f"Gửi duyệt: “{HEADLINE}”")
    expect(desk.locator(".desk-queue")).to_contain_text("chờ 0 phút")
    notifications.locator("li.unread a").click()
    expect(desk.locator("#desk-steps")).to_contain_text("Bản nháp → Chờ duyệt")

    # Sent back with a note.
    desk.fill("#desk-send-back-note", NOTE)
    desk.locator("#desk-send-back [type=submit]").click()
    expect(desk.locator(".messagelist .success")).to_have_text(
        f"Đã trả bài về cho phóng viên: “{HEADLINE}”."
    )
    expect(desk.locator("#notifications .desk-unread")).to_have_text("0")

    # The journalist reads the note on the dashboard and on the article, and resubmits.
    writer.goto("/admin/")
    sent_back = writer.locator(".desk-sent_back")
    expect(sent_back).to_contain_text(HEADLINE)
    expect(sent_back.locator(".desk-note")).to_have_text(NOTE)
    expect(writer.locator("#notifications li.unread")).to_contain_text(HEADLINE)
    sent_back.locator("li a", has_text=HEADLINE).click()
    expect(writer.locator("#desk-sent-back .desk-note")).to_have_text(NOTE)
    writer.fill("#id_lead", "Tiểu thương ủng hộ; cấm xe từ 18:00 đến 23:00.")
    writer.select_option("#id_status", "review")
    expect(save(writer)).to_have_text(f"Đã gửi duyệt: “{HEADLINE}”.")

    # The editor schedules it for 06:00 tomorrow.
    tomorrow = timezone.localdate() + timedelta(days=1)
    at = timezone.make_aware(datetime.combine(tomorrow, time(6, 0)))
    desk.goto("/admin/")
    desk.locator(".desk-queue a", has_text=HEADLINE).click()
    desk.select_option("#id_status", "published")
    fill_publish_time(desk, at)
    expect(save(desk)).to_have_text(
        f"Đã lên lịch xuất bản lúc 06:00 {tomorrow:%d-%m-%Y}: “{HEADLINE}”."
    )
    article.refresh_from_db()
    assert article.is_scheduled and article.published_at == at

    # On the calendar, the editor drags it to 06:00 the day after (or, when the month ends
    # tomorrow, to 07:00 tomorrow in the week view).
    after = tomorrow + timedelta(days=1)
    if after.month == tomorrow.month:
        view, moved, cell = "month", at + timedelta(days=1), f"[data-day='{after.isoformat()}']"
    else:
        view, moved = "week", at + timedelta(hours=1)
        cell = f"[data-day='{tomorrow.isoformat()}'][data-hour='7']"
    desk.goto(f"/admin/articles/article/calendar/?view={view}&date={tomorrow.isoformat()}")
    desk.locator(".calendar-story", has_text=HEADLINE).drag_to(
        desk.locator(f".calendar-cell{cell}")
    )
    expect(desk.locator(".calendar-status")).to_have_text(
        f"Đã lên lịch xuất bản lúc {timezone.localtime(moved):%H:%M %d-%m-%Y}: {HEADLINE}"
    )
    article.refresh_from_db()
    assert article.is_scheduled and article.published_at == moved

    reader = new_context().new_page()
    assert reader.goto(article.get_absolute_url()).status == 404
    # The clock reaches that time: the story is on the site, with nothing run to put it there.
    with mock.patch("django.utils.timezone.now", return_value=moved + timedelta(seconds=1)):
        assert reader.goto(article.get_absolute_url()).status == 200
        expect(reader.locator("h1")).to_have_text(HEADLINE)
    assert reader_problems(expected=[article.get_absolute_url()]) == []
