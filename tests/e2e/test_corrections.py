"""Nothing is lost on a live article: a journalist's correction waits for an editor,
and any earlier version comes back from the history."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.steps import RichTextEditor, log_in
from tests.factories import make_article, make_editor, make_journalist

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def stamp(moment):
    return timezone.localtime(moment).strftime("%d-%m-%Y | %H:%M:%S")


def live_article(**fields):
    first_published = timezone.now() - timedelta(hours=3)
    return make_article(
        title="Cầu Phú Cường thông xe",
        published_at=first_published,
        updated_at=first_published,
        **fields,
    )


def test_journalists_correction_goes_live_when_an_editor_publishes_it_after_seeing_the_diff(
    new_context, reader_problems
):
    writer = make_journalist(username="phongvien")
    article = live_article(created_by=writer, body="<p>Cây cầu dài 500 mét.</p>")
    first_published = article.published_at

    journalist = new_context("journalist").new_page()
    log_in(journalist, writer)
    journalist.goto(f"/admin/articles/article/{article.pk}/change/")
    expect(journalist.locator(".correction-help")).to_contain_text("không tự lên trang")
    editor_box = RichTextEditor(journalist)
    editor_box.click_in()
    journalist.keyboard.press("Control+A")
    journalist.keyboard.type("Cây cầu dài 550 mét.")
    journalist.get_by_role("button", name="Gửi bản sửa chờ duyệt").click()
    expect(journalist.locator(".messagelist .success")).to_have_text(
        "Đã gửi bản sửa chờ biên tập viên duyệt."
    )

    reader = new_context().new_page()
    reader.goto(article.get_absolute_url())
    expect(reader.locator(".article__body")).to_have_text("Cây cầu dài 500 mét.")
    expect(reader.locator(".stamp").first).to_have_text(f"Cập nhật: {stamp(first_published)}")

    editor = new_context("editor").new_page()
    log_in(editor, make_editor(username="bientap"))
    editor.goto("/admin/articles/article/")
    editor.get_by_role("link", name="1 bản sửa chờ duyệt").click()
    editor.get_by_role("link", name="Xem thay đổi").click()
    expect(editor.locator(".revision-diff del")).to_have_text(["500"])
    expect(editor.locator(".revision-diff ins")).to_have_text(["550"])
    reader.reload()
    expect(reader.locator(".article__body")).to_have_text("Cây cầu dài 500 mét.")
    editor.get_by_role("button", name="Xuất bản bản sửa").click()
    expect(editor.locator(".messagelist .success")).to_contain_text("Đã xuất bản bản sửa")

    reader.reload()
    expect(reader.locator(".article__body")).to_have_text("Cây cầu dài 550 mét.")
    article.refresh_from_db()
    assert article.updated_at > first_published + timedelta(hours=2)
    expect(reader.locator(".stamp").first).to_have_text(
        f"Cập nhật: {stamp(article.updated_at)} · Đăng lần đầu: {stamp(first_published)}"
    )
    assert reader_problems() == []


def test_editor_compares_two_versions_in_the_history_and_restores_one(
    new_context, reader_problems
):
    article = live_article(lead="Sapo bản đầu.")
    page = new_context("editor").new_page()
    log_in(page, make_editor())
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.fill("#id_lead", "Sapo bản hai, có lỗi.")
    page.get_by_role("button", name="Lưu và cập nhật ngay").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    reader = new_context().new_page()
    reader.goto(article.get_absolute_url())
    expect(reader.locator(".article__lead")).to_have_text("Sapo bản hai, có lỗi.")

    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.get_by_role("link", name="Lịch sử").click()
    rows = page.locator(".revision-history tbody tr")
    expect(rows).to_have_count(2)
    page.get_by_role("button", name="So sánh").click()
    expect(page.locator(".revision-diff del")).to_have_text(["đầu."])
    expect(page.locator(".revision-diff ins")).to_have_text(["hai, có lỗi."])

    page.go_back()
    rows.nth(1).get_by_role("link", name="Khôi phục").click()
    expect(page.locator(".errornote")).to_contain_text("bạn đọc sẽ thấy")
    page.get_by_role("button", name="Khôi phục phiên bản này").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)
    expect(page.locator(".revision-history tbody tr")).to_have_count(3)

    reader.reload()
    expect(reader.locator(".article__lead")).to_have_text("Sapo bản đầu.")
    assert Article.objects.get(pk=article.pk).lead == "Sapo bản đầu."
    assert reader_problems() == []
