"""A reader attaches a PDF with a script in it; the moderator reads its pages in the admin."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.comments import pdfs
from tests.e2e.steps import image_is_loaded, log_in, send_comment
from tests.factories import make_article, make_moderator

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TEXT = "Tôi gửi kèm đơn kiến nghị của bà con tổ 5."


def test_moderator_reads_the_pages_of_a_reader_pdf_without_downloading_it(
    new_context, reader_problems, tmp_path
):
    article = make_article()
    moderator = make_moderator()
    document = tmp_path / "Đơn kiến nghị.pdf"
    document.write_bytes(
        pdfs.document(
            pages=2, catalog=b"/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"
        )
    )
    reader = new_context().new_page()
    reader.goto(article.get_absolute_url())
    send_comment(reader, name="Lê Thị Hoa", email="hoa@example.vn", body=TEXT, attachment=document)
    expect(reader.locator(".comments__thanks")).to_be_visible()
    assert Comment.objects.get().attachment_pages == 2

    page = new_context("staff").new_page()
    log_in(page, moderator)
    page.goto("/admin/comments/comment/")
    row = page.locator("#result_list tbody tr", has_text="tổ 5")
    expect(row.locator(".field-attachment_preview")).to_contain_text("2 trang")
    assert image_is_loaded(row.locator(".field-attachment_preview img"))
    row.locator("th a").click()
    pages = page.locator(".field-pdf_pages img")
    expect(pages).to_have_count(2)
    for number in range(2):
        assert image_is_loaded(pages.nth(number))
        expect(pages.nth(number)).to_have_attribute("alt", f"Trang {number + 1}")
    assert pages.first.evaluate("img => img.getBoundingClientRect().width") > 200  # readable
    assert reader_problems() == []
