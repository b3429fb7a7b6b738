"""The word diff of the article history reads Vietnamese as readers do."""

import re
import unicodedata

from articles.diff import diff_html, diff_text, text_blocks


def marked(html, tag):
    return re.findall(rf"<{tag}>(.*?)</{tag}>", str(html))


def test_a_changed_tone_mark_is_one_changed_word():
    diff = diff_html("<p>Trời hôm nay mát quá.</p>", "<p>Trời hôm nay mạt quá.</p>")
    assert marked(diff, "del") == ["mát"]
    assert marked(diff, "ins") == ["mạt"]
    assert str(diff).startswith("Trời hôm nay ")


def test_a_changed_tone_mark_in_a_place_name_is_one_changed_word():
    diff = diff_text("Đoàn công tác đến Hà Nội sáng nay", "Đoàn công tác đến Hà Nôi sáng nay")
    assert marked(diff, "del") == ["Nội"] and marked(diff, "ins") == ["Nôi"]


def test_reflowed_html_with_the_same_text_is_no_change():
    before = "<p>Học và làm theo Bác gắn với thực hiện nhiệm vụ chính trị.</p>"
    after = (
        '<p class="lead">\n  Học và làm theo\n  <strong>Bác</strong> gắn với\n'
        "  thực hiện nhiệm vụ&nbsp;chính trị.\n</p>\n"
    )
    assert diff_html(before, after) is None


def test_decomposed_and_composed_vietnamese_are_the_same_text():
    composed = "<p>Người dân Đà Nẵng đón Tết.</p>"
    assert unicodedata.normalize("NFD", composed) != composed
    assert diff_html(unicodedata.normalize("NFD", composed), composed) is None


def test_added_and_removed_words_are_marked_and_escaped():
    diff = diff_text("Giá xăng giảm", "Giá xăng <b>tăng</b> & giảm")
    assert marked(diff, "ins") == ["&lt;b&gt;tăng&lt;/b&gt; &amp;"]
    assert "<b>" not in str(diff)


def test_a_removed_paragraph_break_is_shown():
    diff = diff_html("<p>Đoạn một.</p><p>Đoạn hai.</p>", "<p>Đoạn một. Đoạn hai.</p>")
    assert marked(diff, "del") == ["¶"]


def test_paragraphs_become_text_blocks():
    assert text_blocks("<h2>Tiêu đề phụ</h2><p>Một <em>hai</em></p><ul><li>Ba</li></ul>") == [
        "Tiêu đề phụ",
        "Một hai",
        "Ba",
    ]


def test_a_replaced_picture_is_a_change_even_with_the_same_caption():
    before = '<figure><img src="/media/editor/2024/05/cau-cu.jpg" alt="Cây cầu"></figure>'
    after = '<figure><img alt="Cây cầu" src="/media/editor/2024/05/cau-moi.jpg"></figure>'
    diff = diff_html(before, after)
    assert marked(diff, "del") == ["[cau-cu.jpg]"] and marked(diff, "ins") == ["[cau-moi.jpg]"]
    assert diff_html(before, before.replace('">', '" width="640">')) is None
