import json
from html import unescape
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.finders import find
from django.urls import reverse

from articles.models import Article
from articles.sanitize import ALIGN_CLASSES
from tests.articles.admin_forms import ADD_URL, article_form_data, change_url
from tests.factories import make_article, make_section

HOSTILE = """
<h2>Tiêu đề phụ</h2>
<p onclick="steal()">Đoạn <strong>đậm</strong> và <em>nghiêng</em>
<a href="javascript:alert(1)">xấu</a> <a href="https://baomoi.vn/">tốt</a></p>
<script>alert("xss")</script>
<iframe src="https://evil.example/"></iframe>
<object data="x.swf"></object>
<img src="x.png" onerror="alert(1)">
<ul><li>một</li></ul><ol><li>hai</li></ol>
<blockquote>Trích dẫn</blockquote>
<table><tbody><tr><td>ô</td></tr></tbody></table>
<figure class="image"><img src="/media/editor/a.jpg" alt="Ảnh"><figcaption>Chú thích</figcaption></figure>
"""


@pytest.mark.django_db
def test_body_is_stored_without_scripts_handlers_javascript_links_or_embeds():
    article = make_article(body=HOSTILE)
    stored = Article.objects.get(pk=article.pk).body
    for forbidden in (
        "<script",
        'alert("xss")',
        "onclick",
        "onerror",
        "javascript:",
        "<iframe",
        "<object",
    ):
        assert forbidden not in stored


@pytest.mark.django_db
def test_body_keeps_the_structure_a_newsroom_writes():
    stored = Article.objects.get(pk=make_article(body=HOSTILE).pk).body
    for kept in (
        "<h2>Tiêu đề phụ</h2>",
        "<strong>đậm</strong>",
        "<em>nghiêng</em>",
        '<a href="https://baomoi.vn/" rel="noopener noreferrer">tốt</a>',
        "<ul><li>một</li></ul>",
        "<ol><li>hai</li></ol>",
        "<blockquote>Trích dẫn</blockquote>",
        "<td>ô</td>",
        '<figure class="image"><img src="/media/editor/a.jpg" alt="Ảnh">',
        "<figcaption>Chú thích</figcaption>",
    ):
        assert kept in stored


@pytest.mark.django_db
def test_rendered_page_carries_no_hostile_markup(client):
    article = make_article(body=HOSTILE)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "onerror" not in html and "<iframe" not in html
    assert "<h2>Tiêu đề phụ</h2>" in html


@pytest.mark.django_db
def test_body_edited_later_is_cleaned_again_on_save():
    article = make_article()
    article.body = '<p>ok</p><img src=x onerror="alert(1)">'
    article.save()
    article.refresh_from_db()
    assert "onerror" not in article.body


# What CKEditor 4 (django-ckeditor's 4.22, image2 with settings' image2_alignClasses)
# posts for each choice its dialogs offer: a link opening a new window, an image
# aligned left, right (captioned), centred (plain and captioned), and a linked image.
CKEDITOR_4_OUTPUT = """<p>Đọc thêm <a href="https://baochinhphu.vn/" target="_blank">tại đây</a>.</p>

<p><img alt="Cầu Phú Cường" class="align-left" height="200" src="/media/editor/cau.jpg" width="300" />Đoạn văn bao quanh ảnh.</p>

<figure class="image align-right"><img alt="Chợ nổi" height="240" src="/media/editor/cho.jpg" width="320" />
<figcaption>Chợ nổi Cái Răng</figcaption>
</figure>

<p class="align-center"><img alt="Toàn cảnh" height="400" src="https://cdn.baotinh.vn/toan-canh.jpg" width="600" /></p>

<div class="align-center">
<figure class="image"><img alt="Lễ hội" height="300" src="/media/editor/le-hoi.jpg" width="450" />
<figcaption>Lễ hội đua ghe ngo</figcaption>
</figure>
</div>

<p><a href="https://baotinh.vn/anh-lon.jpg"><img alt="" class="align-right" height="100" src="/media/editor/nho.jpg" width="150" /></a></p>
"""

KEPT = [
    '<a href="https://baochinhphu.vn/" target="_blank" rel="noopener noreferrer">tại đây</a>',
    '<img alt="Cầu Phú Cường" class="align-left" height="200" src="/media/editor/cau.jpg"'
    ' width="300">Đoạn văn bao quanh ảnh.',
    '<figure class="image align-right"><img alt="Chợ nổi" height="240"'
    ' src="/media/editor/cho.jpg" width="320">',
    '<p class="align-center"><img alt="Toàn cảnh" height="400"'
    ' src="https://cdn.baotinh.vn/toan-canh.jpg" width="600"></p>',
    '<div class="align-center">\n<figure class="image"><img alt="Lễ hội"',
    "<figcaption>Lễ hội đua ghe ngo</figcaption>",
    '<a href="https://baotinh.vn/anh-lon.jpg" rel="noopener noreferrer"><img alt=""'
    ' class="align-right" height="100" src="/media/editor/nho.jpg" width="150"></a>',
]


def save_through_the_admin(client, body, article=None):
    data = article_form_data(article, title="Bài có ảnh căn lề", body=body, section=make_section())
    return client.post(change_url(article) if article else ADD_URL, data)


@pytest.mark.django_db
def test_what_the_editor_offers_survives_an_admin_save_and_reaches_the_page(client, editor):
    save_through_the_admin(client, CKEDITOR_4_OUTPUT)
    article = Article.objects.get(title="Bài có ảnh căn lề")
    for kept in KEPT:
        assert kept in article.body
    html = client.get(reverse("articles:preview", kwargs={"pk": article.pk})).content.decode()
    for kept in KEPT:
        assert kept in html


@pytest.mark.django_db
def test_a_link_keeps_only_a_new_window_target_and_never_hands_over_the_page(client, editor):
    body = (
        '<p><a href="/a" target="_blank" rel="opener">một</a> <a href="/b" target="_top">hai</a>'
        ' <a href="/c" target="khung">ba</a> <a href="/d" target="_BLANK " onclick="x()">bốn</a></p>'
    )
    save_through_the_admin(client, body)
    assert Article.objects.get().body == (
        '<p><a href="/a" target="_blank" rel="noopener noreferrer">một</a>'
        ' <a href="/b" rel="noopener noreferrer">hai</a>'
        ' <a href="/c" rel="noopener noreferrer">ba</a>'
        ' <a href="/d" rel="noopener noreferrer">bốn</a></p>'
    )


@pytest.mark.django_db
def test_classes_and_styles_no_editor_of_ours_writes_are_dropped(client, editor):
    body = (
        '<figure class="image image-style-side"><img src="/m/a.jpg" style="float:left"></figure>'
        '<p class="align-left">đoạn</p><span class="align-center">chữ</span>'
        '<img class="image align-center" src="/m/b.jpg"><h2 class="align-right">tít</h2>'
    )
    save_through_the_admin(client, body)
    stored = Article.objects.get().body
    assert 'class="image"><img src="/m/a.jpg"></figure>' in stored
    for gone in ["image-style-side", "style=", "float", "align-", 'class=""']:
        assert gone not in stored
    assert "<p>đoạn</p><span>chữ</span>" in stored


@pytest.mark.django_db
@pytest.mark.parametrize(
    "source",
    ["http://cdn.example/anh.jpg", " HTTP://cdn.example/anh.jpg", "ht\ttp://cdn.example/anh.jpg"],
)
def test_an_image_the_page_cannot_show_is_refused_with_a_message(client, editor, source):
    body = f'<p>Ảnh cũ <img alt="" src="{source}"></p>'
    response = save_through_the_admin(client, body)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ảnh phải được tải lên trang hoặc lấy từ một địa chỉ https://" in html
    assert "cdn.example/anh.jpg" in html
    assert not Article.objects.exists()


@pytest.mark.django_db
def test_an_edit_that_adds_an_http_image_leaves_the_article_as_it_was(client, editor):
    article = make_article(body="<p>Bản gốc.</p>")
    save_through_the_admin(client, '<p><img src="http://cdn.example/a.jpg"></p>', article)
    assert Article.objects.get(pk=article.pk).body == "<p>Bản gốc.</p>"


@pytest.mark.django_db
def test_text_saved_without_validation_loses_http_image_sources():
    """The safety net under the form: code that saves through the ORM directly."""
    article = make_article(body='<p><img alt="Ảnh" src="http://cdn.example/a.jpg"></p>')
    assert Article.objects.get(pk=article.pk).body == '<p><img alt="Ảnh"></p>'


@pytest.mark.django_db
def test_the_editor_writes_the_alignment_classes_the_sanitizer_keeps_and_the_css_styles(
    client, editor
):
    form = client.get(ADD_URL).content.decode()
    start = form.index('data-config="', form.index('id="id_body"') - 500) + len('data-config="')
    config = json.loads(unescape(form[start : form.index('"', start)]))
    assert config["image2_alignClasses"] == ALIGN_CLASSES
    editor_css = [url for url in config["contentsCss"] if "editor-contents" in url]
    assert editor_css and find(editor_css[0].removeprefix(settings.STATIC_URL))
    site_css = Path(find("css/site.css")).read_text()
    for name in ALIGN_CLASSES:
        assert f".article__body .{name} " in site_css
        assert (
            f".{name} " in Path(find(editor_css[0].removeprefix(settings.STATIC_URL))).read_text()
        )
