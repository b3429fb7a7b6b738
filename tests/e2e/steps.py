"""What people do in the browser, in words the scenarios can read.

The admin runs in Vietnamese, so elements are found by field names, ids and
CKEditor's class names, not by visible English labels.
"""

import re

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from playwright.sync_api import expect

from tests.factories import image_upload, make_comment, make_user

# Every factory-made user has this password unless a test gives another.
PASSWORD = make_user.__kwdefaults__["password"]


def log_in(page, user, *, next_path="/admin/"):
    """Log in through the admin's login form."""
    page.goto(f"/admin/login/?next={next_path}")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", PASSWORD)
    page.locator("#login-form [type=submit]").click()
    expect(page.locator("#login-form")).to_have_count(0)


class RichTextEditor:
    """The CKEditor 4 instance of one admin field."""

    def __init__(self, page, field="body"):
        self.page = page
        self.root = page.locator(f"#cke_id_{field}")
        self.editable = page.frame_locator(f"#cke_id_{field} iframe.cke_wysiwyg_frame")
        expect(self.editable.locator("body[contenteditable=true]")).to_be_visible()

    def click_in(self):
        self.editable.locator("body").click()
        self.page.keyboard.press("Control+End")

    def type_paragraph(self, text):
        self.page.keyboard.type(text)
        self.page.keyboard.press("Enter")

    def choose_format(self, tag):
        """Pick a block format (`h2`, `p`…) in the Format combo for the current line."""
        self.root.locator(".cke_combo__format .cke_combo_button").click()
        panel = self.page.frame_locator(".cke_combopanel iframe")
        panel.locator(f"a {tag}").click()

    def insert_uploaded_image(self, path, *, alt):
        """Upload `path` in the Image dialog's Upload tab; insert it as a captioned figure."""
        self.root.locator(".cke_button__image").click()
        dialog = self.page.locator(".cke_dialog_container:visible")
        dialog.locator(".cke_dialog_tab[id^='cke_Upload_']").click()
        upload = dialog.locator(".cke_dialog_page_contents[name=Upload]")
        upload.frame_locator("iframe").locator("input[type=file]").set_input_files(path)
        upload.locator(".cke_dialog_ui_fileButton").click()
        # The server's answer fills in the URL and brings the Image Info tab back.
        info = dialog.locator(".cke_dialog_page_contents[name=info]")
        texts = info.locator("input.cke_dialog_ui_input_text")
        expect(texts.nth(0)).to_have_value(re.compile(r"/media/editor/.+"))
        texts.nth(1).fill(alt)
        info.locator("input.cke_dialog_ui_checkbox_input").check()  # "Captioned image"
        dialog.locator(".cke_dialog_ui_button_ok").click()
        expect(dialog).to_have_count(0)

    def caption_image(self, caption):
        """Type the caption into the figure's caption area in the editing area."""
        figcaption = self.editable.locator("figure figcaption")
        figcaption.click()
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(caption)


def pick_autocomplete(page, select_id, text):
    """Choose `text` in the admin's autocomplete (select2) widget of `select_id`."""
    page.locator(f"#{select_id} + .select2").click()
    page.keyboard.type(text)
    option = page.locator(".select2-container--open .select2-results__option", has_text=text)
    option.first.click()
    expect(page.locator(f"#{select_id} option:checked", has_text=text)).to_have_count(1)


def add_byline(page, authors):
    """Fill the byline inline with `authors`, in order, adding rows as needed."""
    for position, author in enumerate(authors):
        row = page.locator(f"#id_credits-{position}-author")
        for _attempt in range(3):
            if row.count():
                break
            # Seen once in CI: the click landed while the page above the link was
            # still settling (editor image, tag widget) and added no row. A reader
            # would click again; so does this step, only while the row is missing.
            page.locator("#credits-group .add-row a").click()
            try:
                row.wait_for(state="attached", timeout=3000)
            except PlaywrightTimeoutError:
                pass
        expect(row).to_have_count(1)
        pick_autocomplete(page, f"id_credits-{position}-author", author.name)
        page.fill(f"#id_credits-{position}-position", str(position))


def image_is_loaded(img):
    """True when the browser fetched and decoded the image (not a broken icon)."""
    img.scroll_into_view_if_needed()
    return img.evaluate("img => img.decode().then(() => img.naturalWidth > 0, () => false)")


def fill_comment_form(page, *, name, email, body, attachment=None):
    """Fill the comment form on the page (under the article, comments.js shows it)."""
    form = page.locator("form.comment-form")
    expect(form).to_be_visible()
    form.locator("[name=name]").fill(name)
    form.locator("[name=email]").fill(email)
    form.locator("[name=body]").fill(body)
    if attachment is not None:
        form.locator("[name=attachment]").set_input_files(attachment)
    return form


def send_comment(page, **fields):
    """Fill the comment form and press its send button."""
    form = fill_comment_form(page, **fields)
    form.locator("button[type=submit]").click()
    return form


def fill_moderation_queue():
    """Three waiting comments of a few lines each, the first with a picture."""
    for number in range(3):
        make_comment(
            name=f"Bạn đọc số {number + 1}",
            body="Cảm ơn báo đã đưa tin kịp thời. Mong thành phố sớm hoàn thành công trình "
            "để bà con đi lại thuận tiện hơn trong mùa mưa.",
            attachment=image_upload("anh.png", size=(900, 600)) if number == 0 else None,
        )
