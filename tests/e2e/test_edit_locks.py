"""Two people open one article in two browsers: the second sees who is editing, takes
over, the first is told; and a save from an out-of-date form is refused with nothing lost."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Article, ArticleRevision
from tests.e2e.steps import RichTextEditor, log_in
from tests.factories import make_article, make_editor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

STALE = "Người khác đã lưu bài này sau khi bạn mở nó."


@pytest.fixture
def quick_heartbeat(settings):
    settings.ARTICLE_LOCK_HEARTBEAT_SECONDS = 1
    settings.ARTICLE_AUTOSAVE_DELAY_SECONDS = 1


def open_article(new_context, user, article):
    page = new_context(user.username).new_page()
    log_in(page, user)
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    return page


def test_the_second_person_sees_the_lock_takes_over_and_the_first_is_told(
    new_context, quick_heartbeat
):
    article = make_article(lead="Sapo cũ.")
    first_user, second_user = make_editor(username="bientap"), make_editor(username="thuky")
    first = open_article(new_context, first_user, article)
    RichTextEditor(first)
    first.fill("#id_lead", "Sapo bientap đang viết dở.")

    second = open_article(new_context, second_user, article)
    locked = second.locator("[data-editing=locked]")
    expect(locked).to_contain_text(
        re.compile(r"Tài khoản «bientap» đang sửa bài này từ \d\d:\d\d\.")
    )
    expect(second.locator("#id_lead")).to_be_disabled()
    expect(second.locator("input[name=_save]")).to_be_hidden()
    second.get_by_role("button", name="Mở ở chế độ chỉ đọc").click()
    expect(second.locator("[data-editing=read-only-note]")).to_be_visible()

    second.get_by_role("button", name="Giành quyền sửa").click()
    expect(locked).to_be_hidden()
    expect(second.locator("#id_lead")).to_be_enabled()
    expect(second.locator("input[name=_save]")).to_be_enabled()
    expect(RichTextEditor(second).editable.locator("body")).to_have_attribute(
        "contenteditable", "true"
    )

    # The first page learns it at its next heartbeat; the text typed there stays.
    lost = first.locator("[data-editing=lost]")
    expect(lost).to_contain_text(
        re.compile(r"Tài khoản «thuky» đã giành quyền sửa bài này lúc \d\d:\d\d\.")
    )
    expect(first.locator("input[name=_save]")).to_be_disabled()
    expect(first.locator("#id_lead")).to_have_value("Sapo bientap đang viết dở.")
    article.refresh_from_db()
    assert article.lead == "Sapo cũ."


def test_the_later_save_of_two_is_refused_and_nothing_is_lost(new_context, quick_heartbeat):
    article = make_article(lead="Sapo cũ.", body="<p>Đoạn mở đầu.</p>")
    first_user, second_user = make_editor(username="bientap"), make_editor(username="thuky")
    first = open_article(new_context, first_user, article)
    editor = RichTextEditor(first)
    editor.click_in()
    editor.type_paragraph("Đoạn bổ sung của biên tập viên thứ nhất.")

    # The second person takes over, changes the lead and saves first.
    second = open_article(new_context, second_user, article)
    second.get_by_role("button", name="Giành quyền sửa").click()
    expect(first.locator("[data-editing=lost]")).to_be_visible()
    second.fill("#id_lead", "Sapo mới của thư ký tòa soạn.")
    second.locator("input[name=_save]").click()
    expect(second.locator(".messagelist .success")).to_have_count(1)

    # The first takes editing back and saves a form loaded before that save.
    dialogs = []
    first.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    first.get_by_role("button", name="Giành lại quyền sửa").click()
    expect(first.locator("input[name=_save]")).to_be_enabled()
    first.locator("input[name=_save]").click()

    expect(first.locator(".errornote").first).to_be_visible()
    expect(first.locator("#article_form")).to_contain_text(STALE)
    conflict = first.locator(".revision-conflict")
    expect(conflict.locator(".revision-diff ins")).to_have_text("mới của thư ký tòa soạn.")
    expect(RichTextEditor(first).editable.locator("body")).to_contain_text(
        "Đoạn bổ sung của biên tập viên thứ nhất."
    )
    article.refresh_from_db()
    assert article.lead == "Sapo mới của thư ký tòa soạn."
    assert "bổ sung" not in article.body

    # Merged by hand, it saves: both people's work is in the article.
    first.fill("#id_lead", "Sapo mới của thư ký tòa soạn.")
    first.locator("input[name=_save]").click()
    expect(first.locator(".messagelist .success")).to_have_count(1)
    article = Article.objects.get(pk=article.pk)
    assert article.lead == "Sapo mới của thư ký tòa soạn."
    assert "Đoạn bổ sung của biên tập viên thứ nhất." in article.body
    assert ArticleRevision.objects.filter(article=article, created_by=first_user).count() == 1
    assert dialogs == []  # saving never asks "leave this page?"
