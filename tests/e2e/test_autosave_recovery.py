"""Typing is copied to the server as it happens: a closed tab or an expired session loses
nothing, and opening the article again offers the text back with its differences."""

import re
import time

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from articles.models import Article, ArticleAutosave, ArticleRevision
from tests.e2e.steps import PASSWORD, RichTextEditor, log_in
from tests.factories import make_article, make_editor, make_journalist

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

KEPT = re.compile(r"Đã lưu tạm bản đang soạn lúc \d\d:\d\d:\d\d")


@pytest.fixture
def quick_autosave(settings):
    settings.ARTICLE_AUTOSAVE_DELAY_SECONDS = 1
    settings.ARTICLE_LOCK_HEARTBEAT_SECONDS = 1


def wait_until(condition, seconds=10):
    """Poll the database (what the server did after the page let go) until `condition()`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.2)


def test_autosave_then_a_closed_tab_then_recovery_with_the_diff(new_context, quick_autosave):
    writer = make_journalist(username="phongvien")
    article = make_article(
        status=Article.Status.DRAFT,
        created_by=writer,
        lead="Sapo ban đầu.",
        body="<p>Đoạn đã lưu.</p>",
    )
    context = new_context("phongvien")
    page = context.new_page()
    log_in(page, writer)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    editor = RichTextEditor(page)
    page.fill("#id_lead", "Sapo viết lại sau cuộc gọi.")
    editor.click_in()
    page.keyboard.press("Enter")  # a paragraph of its own after the saved one
    editor.type_paragraph("Đoạn mới chưa kịp lưu.")
    expect(page.locator("[data-editing=status]")).to_have_text(KEPT)
    wait_until(lambda: "chưa kịp lưu" in ArticleAutosave.objects.get().body)

    # Closing the tab asks first: the text is not saved.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.accept()))
    with page.expect_event("close"):
        page.close(run_before_unload=True)
    assert dialogs == ["beforeunload"]
    # The lock goes with a beacon on the way out, which a closing browser may drop; then it
    # lapses with its heartbeat (test_edit_locks), and the same person takes it again below.
    article.refresh_from_db()
    assert article.lead == "Sapo ban đầu." and "chưa kịp lưu" not in article.body
    assert not ArticleRevision.objects.filter(article=article).exists()

    page = context.new_page()
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    offer = page.locator("[data-editing=offer]")
    expect(offer).to_contain_text(re.compile(r"Khôi phục bản đang soạn lúc \d\d:\d\d\?"))
    expect(offer.locator("ins", has_text="viết lại sau cuộc gọi.")).to_have_count(1)
    expect(offer.locator("del", has_text="ban đầu.")).to_have_count(1)
    expect(offer.locator("ins", has_text="Đoạn mới chưa kịp lưu.")).to_have_count(1)

    page.get_by_role("button", name="Khôi phục vào biểu mẫu").click()
    expect(offer).to_be_hidden()
    expect(page.locator("#id_lead")).to_have_value("Sapo viết lại sau cuộc gọi.")
    expect(RichTextEditor(page).editable.locator("body")).to_contain_text("Đoạn mới chưa kịp lưu.")
    page.locator("input[name=_save]").click()

    expect(page.locator(".messagelist .success")).to_have_count(1)
    article.refresh_from_db()
    assert article.lead == "Sapo viết lại sau cuộc gọi."
    assert "<p>Đoạn mới chưa kịp lưu.</p>" in article.body
    assert ArticleRevision.objects.filter(article=article, created_by=writer).count() == 1
    assert not ArticleAutosave.objects.exists()


def test_a_session_that_expires_while_writing_loses_nothing(new_context, quick_autosave):
    user = make_editor(username="bientap")
    article = make_article(lead="Sapo cũ.")
    context = new_context("bientap")
    page = context.new_page()
    log_in(page, user)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    RichTextEditor(page)
    page.fill("#id_lead", "Câu thứ nhất.")
    expect(page.locator("[data-editing=status]")).to_have_text(KEPT)

    Session.objects.all().delete()  # the session expires while the page stays open
    page.locator("#id_lead").press_sequentially(" Câu thứ hai, viết sau khi hết phiên.")
    notice = page.locator("[data-editing=session]")
    expect(notice).to_contain_text("Phiên đăng nhập đã hết hạn.")
    page.wait_for_function(
        "text => Object.values(localStorage).some(copy => copy.includes(text))",
        arg="Câu thứ hai, viết sau khi hết phiên.",
    )
    assert ArticleAutosave.objects.get().lead == "Câu thứ nhất."

    # Log in again in a new tab, as the notice offers, then come back.
    with context.expect_page() as opened:
        notice.get_by_role("link", name="Đăng nhập lại trong thẻ mới").click()
    login = opened.value
    login.fill("#id_username", "bientap")
    login.fill("#id_password", PASSWORD)
    login.locator("#login-form [type=submit]").click()
    expect(login.locator("#login-form")).to_have_count(0)
    page.bring_to_front()

    expect(notice).to_be_hidden(timeout=10_000)
    expect(page.locator("[data-editing=status]")).to_have_text(
        "Bạn đã đăng nhập lại. Nội dung của bạn đã được lưu tạm trên máy chủ; bạn có thể lưu bài."
    )
    full = "Câu thứ nhất. Câu thứ hai, viết sau khi hết phiên."
    assert ArticleAutosave.objects.get().lead == full
    assert "Câu thứ hai" not in page.evaluate("Object.values(localStorage).join(' ')")

    # The page got the new session's CSRF token: saving works.
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    article.refresh_from_db()
    assert article.lead == full


def test_a_copy_kept_in_the_browser_is_offered_at_the_next_opening(new_context, quick_autosave):
    user = make_editor(username="bientap")
    article = make_article(lead="Sapo cũ.")
    context = new_context("bientap")
    page = context.new_page()
    log_in(page, user)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    RichTextEditor(page)
    Session.objects.all().delete()
    page.fill("#id_lead", "Viết khi phiên đã hết, rồi đóng máy.")
    expect(page.locator("[data-editing=session]")).to_be_visible()
    page.close()  # closed before logging in again: only the browser has the text
    assert not ArticleAutosave.objects.exists()

    page = context.new_page()
    log_in(page, user, next_path=f"/admin/articles/article/{article.pk}/change/")
    offer = page.locator("[data-editing=offer]")
    expect(offer.locator("ins", has_text="Viết khi phiên đã hết, rồi đóng máy.")).to_have_count(1)
    assert ArticleAutosave.objects.get().lead == "Viết khi phiên đã hết, rồi đóng máy."
