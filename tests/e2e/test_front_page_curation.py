"""An editor places the lead and orders the top slots in the admin; readers see that
order; a slot whose end time passes goes back to the newest story on its own."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from curation.models import CuratedPage, CuratedSlot
from tests.e2e.steps import log_in, pick_autocomplete
from tests.factories import make_article, make_editor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def lead_and_latest(page):
    """The lead story's headline and the headlines beside it, as a reader sees them."""
    page.goto("/")
    lead = page.locator(".lead-story h3").inner_text().strip()
    latest = [text.strip() for text in page.locator(".latest h3").all_inner_texts()]
    return lead, latest


def test_editor_sets_the_lead_and_orders_the_slots_and_an_ended_slot_falls_back(
    new_context, reader_problems
):
    now = timezone.now()
    make_article(title="Tin mới nhất trong ngày", published_at=now - timedelta(minutes=5))
    make_article(title="Phóng sự cuối tuần", published_at=now - timedelta(days=2))
    make_article(title="Bình luận của tòa soạn", published_at=now - timedelta(days=3))
    front = CuratedPage.objects.get(section=None)
    staff = new_context("staff").new_page()
    reader = new_context("reader").new_page()
    assert lead_and_latest(reader)[0] == "Tin mới nhất trong ngày"

    log_in(staff, make_editor(username="bientap"))
    staff.goto("/admin/")
    staff.get_by_role("link", name="Trang chọn bài").first.click()
    staff.get_by_role("link", name="Trang chủ").last.click()
    expect(staff).to_have_url(f"/admin/curation/curatedpage/{front.pk}/change/")
    staff.fill("#id_slots-0-position", "1")
    pick_autocomplete(staff, "id_slots-0-article", "Phóng sự cuối tuần")
    staff.fill("#id_slots-1-position", "2")
    pick_autocomplete(staff, "id_slots-1-article", "Bình luận của tòa soạn")
    staff.locator("input[name=_continue]").click()
    expect(staff.locator(".messagelist .success")).to_be_visible()

    lead, latest = lead_and_latest(reader)
    assert (lead, latest[:2]) == (
        "Phóng sự cuối tuần",
        ["Bình luận của tòa soạn", "Tin mới nhất trong ngày"],
    )

    # Swap them: the commentary leads, the feature goes second.
    staff.fill("#id_slots-0-position", "2")
    staff.fill("#id_slots-1-position", "1")
    staff.locator("input[name=_continue]").click()
    expect(staff.locator(".messagelist .success")).to_be_visible()
    lead, latest = lead_and_latest(reader)
    assert (lead, latest[:1]) == ("Bình luận của tòa soạn", ["Phóng sự cuối tuần"])

    # The lead slot ends a few seconds from now; nobody touches the site after that.
    slot = CuratedSlot.objects.get(page=front, position=1)
    expect(staff.locator("#id_slots-0-id")).to_have_value(str(slot.pk))
    ends = timezone.localtime(timezone.now() + timedelta(seconds=8))
    date_box = staff.locator("#id_slots-0-ends_at_0")
    # The widget's "Hôm nay" link writes today's date in the format the form accepts.
    date_box.locator(
        "xpath=following-sibling::span[contains(@class,'datetimeshortcuts')]/a"
    ).first.click()
    staff.fill("#id_slots-0-ends_at_1", ends.strftime("%H:%M:%S"))
    staff.locator("input[name=_continue]").click()
    expect(staff.locator(".messagelist .success")).to_be_visible()
    slot.refresh_from_db()
    assert slot.ends_at == ends.replace(microsecond=0)
    assert lead_and_latest(reader)[0] == "Bình luận của tòa soạn"

    time.sleep(max(0, (slot.ends_at - timezone.now()).total_seconds()) + 0.5)
    lead, latest = lead_and_latest(reader)
    assert lead == "Tin mới nhất trong ngày"
    assert latest[0] == "Phóng sự cuối tuần"
    assert "Bình luận của tòa soạn" in latest  # the newest stories fill the rest
    assert reader_problems() == []
