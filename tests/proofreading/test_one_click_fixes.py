"""A one-click fix changes the words the finding shows and nothing else of the HTML."""

import unicodedata

import pytest

from proofreading.fixes import FixNotApplicable, apply_fix
from proofreading.review import review
from tests.proofreading.helpers import HEADLINE, LEAD


def only(findings, kind, where=None):
    chosen = [item for item in findings if item.kind == kind and where in (None, item.where)]
    assert chosen, f"no {kind} in {findings}"
    return chosen


def test_the_split_is_applied_to_the_occurrence_the_finding_shows_and_nowhere_else():
    body = (
        "<p>Ông nói làkhi trời mưa &amp; gió, làkhi nào cũng vậy.</p>"
        '<p>Đoạn hai có <strong>làkhi</strong> ở&nbsp;đây, <a href="/lam">xem</a>.</p>'
    )
    first, second = only(review(HEADLINE, LEAD, body), "glued_syllables", "paragraph 1")

    _h, _l, fixed_first = apply_fix(HEADLINE, LEAD, body, first)
    _h, _l, fixed_second = apply_fix(HEADLINE, LEAD, body, second)

    assert fixed_first == body.replace("nói làkhi", "nói là khi")
    assert fixed_second == body.replace("gió, làkhi", "gió, là khi")


def test_a_fix_in_a_later_paragraph_leaves_the_same_word_elsewhere_and_the_markup_alone():
    body = (
        "<p>Mở đầu đãđược nói.</p>"
        '<figure class="image"><img alt="Cầu" src="/media/a.jpg" width="10">'
        "<figcaption>Ảnh đãđược chụp</figcaption></figure>"
        "<p>Một <em>đãđược</em> hai&nbsp;ba &lt;b&gt;</p>"
    )
    [finding] = only(review(HEADLINE, LEAD, body), "glued_syllables", "paragraph 2")

    _h, _l, fixed = apply_fix(HEADLINE, LEAD, body, finding)

    assert fixed == body.replace("<em>đãđược</em>", "<em>đã được</em>")
    assert [
        item.where for item in review(HEADLINE, LEAD, fixed) if item.kind == "glued_syllables"
    ] == [
        "paragraph 1",
        "caption 1",
    ]


def test_headline_and_lead_are_fixed_as_plain_text():
    headline, lead = "Tỉnh khởi công tuyến đường đãđược duyệt", "Dự án xửlý nước thải."
    findings = review(headline, lead, "<p>Thân bài.</p>")
    [in_headline] = only(findings, "glued_syllables", "headline")
    [in_lead] = only(findings, "glued_syllables", "lead")

    assert apply_fix(headline, lead, "<p>Thân bài.</p>", in_headline)[0] == (
        "Tỉnh khởi công tuyến đường đã được duyệt"
    )
    assert apply_fix(headline, lead, "<p>Thân bài.</p>", in_lead)[1] == "Dự án xử lý nước thải."


def test_decomposed_text_is_normalized_in_its_paragraph_only():
    nfd = unicodedata.normalize("NFD", "Người dân Đà Nẵng")
    body = f"<p>{nfd} vui mừng.</p><p>Đoạn khác.</p>"
    [finding] = only(review(HEADLINE, LEAD, body), "decomposed_unicode")

    _h, _l, fixed = apply_fix(HEADLINE, LEAD, body, finding)

    assert fixed == "<p>Người dân Đà Nẵng vui mừng.</p><p>Đoạn khác.</p>"
    assert unicodedata.is_normalized("NFC", fixed)


def test_a_spacing_warning_is_fixed_where_it_is():
    body = "<p>Bộ Lao động -Thương binh và Xã hội họp , rồi về.</p>"
    findings = review(HEADLINE, LEAD, body)

    _h, _l, fixed = apply_fix(HEADLINE, LEAD, body, *only(findings, "dash_spacing"))
    _h, _l, spaced = apply_fix(HEADLINE, LEAD, body, *only(findings, "space_before_punctuation"))

    assert fixed == "<p>Bộ Lao động - Thương binh và Xã hội họp , rồi về.</p>"
    assert spaced == "<p>Bộ Lao động -Thương binh và Xã hội họp, rồi về.</p>"


def test_a_finding_the_text_no_longer_has_is_not_applied():
    body = "<p>Ông nói làkhi trời mưa.</p>"
    [finding] = only(review(HEADLINE, LEAD, body), "glued_syllables")

    with pytest.raises(FixNotApplicable):
        apply_fix(HEADLINE, LEAD, "<p>Ông nói là khi trời mưa.</p>", finding)


def test_a_word_split_by_markup_is_left_for_the_editor():
    body = "<p>Ông nói <b>là</b>khi trời mưa, đãđược.</p>"
    glued = only(review(HEADLINE, LEAD, body), "glued_syllables")
    [split_by_tag] = [item for item in glued if item.suggestion.old == "làkhi"]

    with pytest.raises(FixNotApplicable):
        apply_fix(HEADLINE, LEAD, body, split_by_tag)


def test_a_word_ckeditor_wrote_with_entities_is_fixed_too():
    body = "<p>Dự &aacute;n đ&atilde;được ph&ecirc; duyệt &amp; xong.</p>"
    [finding] = only(review(HEADLINE, LEAD, body), "glued_syllables")

    _h, _l, fixed = apply_fix(HEADLINE, LEAD, body, finding)

    # The letters around it are written as letters, as the sanitizer stores them anyway.
    assert fixed == "<p>Dự án đã được phê duyệt &amp; xong.</p>"
