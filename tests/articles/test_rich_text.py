import pytest

from articles.models import Article
from tests.factories import make_article

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
