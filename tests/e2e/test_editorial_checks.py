"""A story with a glued syllable cannot be published until it is fixed or acknowledged."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from proofreading.models import Acknowledgement
from tests.e2e.steps import log_in
from tests.factories import make_article, make_editor, make_journalist

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HEADLINE = "Đà Nẵng khởi công cầu vượt biển Sơn Trà"
REFUSED = "Soát lỗi biên tập phát hiện 1 lỗi"


def story_in_review():
    return make_article(
        title=HEADLINE,
        status=Article.Status.REVIEW,
        created_by=make_journalist(),
        lead="Cây cầu dài 2 km nối bán đảo với trung tâm thành phố.",
        body="<p>Dự án đãđược phê duyệt từ năm ngoái.</p><p>Nhà thầu thi công cả ngày.</p>",
    )


def try_to_publish(page):
    page.select_option("#id_status", "published")
    page.locator("input[name=_save]").click()


def test_editor_must_acknowledge_the_glued_syllable_before_publishing(new_context):
    article = story_in_review()
    editor = make_editor(username="bientap")
    page = new_context("staff").new_page()

    log_in(page, editor)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    checklist = page.locator("#proofreading-checklist")
    expect(checklist).to_contain_text("Dính chữ")
    expect(checklist).to_contain_text("“đãđược” → “đã được”")
    try_to_publish(page)

    expect(page.locator(".errornote, .errorlist").first).to_be_visible()
    expect(page.locator("#content-main")).to_contain_text(REFUSED)
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW

    # Acknowledged from the refused form: the page stays, with the status still chosen.
    page.get_by_role("button", name="Xác nhận các lỗi này").click()
    expect(checklist).to_contain_text("bientap đã xác nhận lúc")
    expect(page.locator("#id_status")).to_have_value("published")
    page.locator("input[name=_save]").click()

    expect(page.locator(".messagelist .success")).to_have_count(1)
    article.refresh_from_db()
    assert article.is_live
    assert "đãđược" in article.body  # acknowledged, not changed
    assert Acknowledgement.objects.get().acknowledged_by == editor


def test_editor_fixes_the_glued_syllable_in_one_click_and_publishes(new_context):
    article = story_in_review()
    page = new_context("staff").new_page()

    log_in(page, make_editor())
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    try_to_publish(page)
    expect(page.locator("#content-main")).to_contain_text(REFUSED)

    # The form still asks for publishing: the fix is saved with it.
    page.locator("#proofreading-checklist").get_by_role("button", name="Sửa và lưu").click()

    expect(page.locator(".messagelist .success").first).to_contain_text(
        "Đã sửa: “đãđược” → “đã được”."
    )
    expect(page.locator("#proofreading-checklist")).not_to_contain_text("Dính chữ")
    article.refresh_from_db()
    assert article.is_live
    assert article.body.startswith("<p>Dự án đã được phê duyệt")
    assert article.revisions.count() >= 2
    assert not Acknowledgement.objects.exists()


def test_the_checklist_follows_the_text_in_the_form_when_refreshed(new_context):
    """What autosave does after each save: check the text being typed, not the stored one."""
    article = story_in_review()
    page = new_context("staff").new_page()

    log_in(page, make_editor())
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.fill("#id_lead", "Cây cầu xửlý bài toán giao thông.")
    answer = page.evaluate("window.refreshProofreadingChecklist()")

    assert (answer["errors"], answer["unacknowledged"]) == (2, 2)
    expect(page.locator("#proofreading-checklist")).to_contain_text("“xửlý” → “xử lý”")
    expect(page.locator("#proofreading-checklist")).to_contain_text("“đãđược” → “đã được”")
    assert Article.objects.get(pk=article.pk).lead == article.lead  # nothing saved
