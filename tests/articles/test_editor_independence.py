"""Article bodies are stored as plain HTML that any editor can open: nothing of CKEditor 4
(its markers, widget wrappers, protected comments, data-cke attributes) survives a save.
CKEditor 4 is out of support; SECURITY.md says why this keeps it replaceable."""

import pytest

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db

# What CKEditor 4 (image2, bookmarks, protected source) can leave in the HTML it posts.
CKEDITOR_OUTPUT = """
<p>Đoạn mở đầu<span data-cke-bookmark="1" style="display:none">&nbsp;</span></p>
<!--{cke_protected}%3Cscript%3Ealert(1)%3C%2Fscript%3E-->
<div class="cke_widget_wrapper cke_widget_block" data-cke-widget-wrapper="1">
<figure class="image cke_widget_element" data-cke-widget-data="%7B%7D" data-widget="image">
<img data-cke-saved-src="/media/editor/cau.jpg" src="/media/editor/cau.jpg" alt="Cầu Cửa Hội">
<figcaption>Cầu Cửa Hội</figcaption></figure></div>
<p><a data-cke-saved-href="https://baomoi.example.vn/" href="https://baomoi.example.vn/">Liên kết</a></p>
"""


def test_nothing_ckeditor_specific_is_stored():
    stored = Article.objects.get(pk=make_article(body=CKEDITOR_OUTPUT).pk).body
    assert "cke" not in stored.lower()
    assert "data-" not in stored and "<!--" not in stored and "style=" not in stored
    assert '<figure class="image">' in stored
    assert '<img src="/media/editor/cau.jpg" alt="Cầu Cửa Hội">' in stored
    assert "<figcaption>Cầu Cửa Hội</figcaption>" in stored
    assert 'href="https://baomoi.example.vn/"' in stored
