"""CKEditor speaks the newsroom's Vietnamese: alt text is not a caption, headings are "Tiêu đề phụ"."""

import pytest
from playwright.sync_api import expect

from tests.e2e.steps import RichTextEditor, log_in
from tests.factories import make_journalist

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_format_menu_and_the_image_dialog_say_what_each_field_is_for(new_context):
    page = new_context("staff").new_page()
    log_in(page, make_journalist())
    page.goto("/admin/articles/article/add/")
    editor = RichTextEditor(page)
    assert page.evaluate("CKEDITOR.instances.id_body.langCode") == "vi"

    editor.root.locator(".cke_combo__format a.cke_combo_button").click()
    menu = page.frame_locator(".cke_combopanel iframe").locator(".cke_panel_listItem a")
    expect(menu).to_have_text(
        ["Đoạn văn", "Tiêu đề phụ (H2)", "Tiêu đề phụ nhỏ (H3)", "Tiêu đề phụ cấp 3 (H4)"]
    )
    page.keyboard.press("Escape")

    editor.root.locator(".cke_button__image").click()
    dialog = page.locator(".cke_dialog").last
    expect(dialog.get_by_text("Mô tả ảnh (cho người khiếm thị)")).to_be_visible()
    caption = dialog.get_by_text("Chú thích ảnh", exact=True)
    expect(caption).to_be_visible()
    # The caption is the checkbox that puts a caption under the picture, not the alt text.
    assert caption.evaluate("label => document.getElementById(label.htmlFor).type") == "checkbox"
