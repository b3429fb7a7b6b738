"""What CKEditor 4 really writes for image alignment and new-window links, in Chromium.

tests/articles/test_rich_text.py posts this markup through the admin form; here
the editor itself produces it, and gives back what was stored unchanged.
"""

import pytest

from articles.models import Article
from articles.sanitize import sanitize_html
from tests.articles.test_rich_text import CKEDITOR_4_OUTPUT, KEPT
from tests.e2e.steps import RichTextEditor, log_in
from tests.factories import make_article, make_editor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Each alignment the image dialog offers, with and without a caption, set through
# image2's own widget API (what the dialog's radio buttons call).
ALIGN_AND_READ = """async ([align, captioned]) => {
  const editor = CKEDITOR.instances.id_body;
  await new Promise(done => editor.setData(
    '<p><img alt="Ảnh" src="/static/img/logo.png" width="120" height="40"></p>', done));
  const widget = Object.values(editor.widgets.instances)[0];
  widget.setData({hasCaption: captioned, align: align});  // as the dialog's OK does
  return editor.getData();
}"""


@pytest.mark.parametrize("captioned", [False, True], ids=["plain", "captioned"])
def test_the_editor_writes_alignment_as_the_classes_the_sanitizer_keeps(new_context, captioned):
    page = new_context("staff").new_page()
    log_in(page, make_editor())
    page.goto("/admin/articles/article/add/")
    RichTextEditor(page)
    written = {
        align: page.evaluate(ALIGN_AND_READ, [align, captioned])
        for align in ["left", "center", "right", "none"]
    }
    for align, html in written.items():
        assert "style=" not in html and "float" not in html, html
        kept = sanitize_html(html)
        if align == "none":
            assert "align-" not in kept
            continue
        if captioned and align == "center":
            assert '<div class="align-center">\n<figure class="image">' in kept, html
        elif captioned:
            assert f'<figure class="image align-{align}">' in kept, html
        elif align == "center":
            assert '<p class="align-center"><img' in kept, html
        else:
            assert f'class="align-{align}"' in kept and "<img" in kept, html


def test_stored_markup_comes_back_from_the_editor_as_it_was_saved(new_context):
    article = make_article(body=CKEDITOR_4_OUTPUT)
    page = new_context("staff").new_page()
    log_in(page, make_editor())
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    RichTextEditor(page)
    round_trip = sanitize_html(page.evaluate("() => CKEDITOR.instances.id_body.getData()"))
    for kept in KEPT:
        assert kept in round_trip
    assert Article.objects.get(pk=article.pk).body == sanitize_html(CKEDITOR_4_OUTPUT)


def test_readers_see_the_images_aligned_as_the_editor_chose(new_context):
    article = make_article(
        body=CKEDITOR_4_OUTPUT.replace("https://cdn.baotinh.vn/", "/static/img/")
    )
    page = new_context().new_page()
    page.goto(article.get_absolute_url())
    body = page.locator(".article__body")
    float_of = "element => getComputedStyle(element).float"
    assert body.locator('img[alt="Cầu Phú Cường"]').evaluate(float_of) == "left"
    assert body.locator("figure.align-right").evaluate(float_of) == "right"
    assert body.locator('a img[src$="nho.jpg"]').evaluate(float_of) == "right"
    centred = body.locator("div.align-center figure")
    box, column = centred.bounding_box(), body.bounding_box()
    left_gap = box["x"] - column["x"]
    right_gap = column["x"] + column["width"] - box["x"] - box["width"]
    assert abs(left_gap - right_gap) <= 2
    link = body.locator('a[href="https://baochinhphu.vn/"]')
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("rel") == "noopener noreferrer"
