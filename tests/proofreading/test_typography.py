import unicodedata

import pytest

from proofreading.review import review

from .helpers import HEADLINE, LEAD, findings_in


@pytest.mark.parametrize(
    "text, kind, old, new",
    [
        ("Đây là thành quả của của cả tập thể.", "repeated_word", "của của", "của"),
        ("Nhà máy và và kho bãi đều mở rộng.", "repeated_word", "và và", "và"),
        ("Giá lúa  tăng nhẹ trong tuần.", "double_space", "lúa  tăng", "lúa tăng"),
        ("Giá lúa\u00a0 tăng nhẹ trong tuần.", "double_space", "lúa\u00a0 tăng", "lúa tăng"),
        ("Giá lúa tăng , giá cà phê giảm.", "space_before_punctuation", "tăng ,", "tăng,"),
        ("Ai sẽ chịu trách nhiệm ?", "space_before_punctuation", "nhiệm ?", "nhiệm?"),
        (
            "Giá lúa tăng,giá cà phê giảm.",
            "missing_space_after_punctuation",
            "tăng,giá",
            "tăng, giá",
        ),
        ("Nguồn tin:Sở Công Thương.", "missing_space_after_punctuation", "tin:Sở", "tin: Sở"),
        (
            "Giá lúa tăng nhẹ.Giá cà phê giảm.",
            "missing_space_after_punctuation",
            "nhẹ.Giá",
            "nhẹ. Giá",
        ),
        ("Sở Lao động -Thương binh và Xã hội.", "dash_spacing", "động -Thương", "động - Thương"),
        ("Sở Lao động- Thương binh và Xã hội.", "dash_spacing", "động- Thương", "động - Thương"),
    ],
)
def test_typography_slips_are_warnings_with_a_fix(text, kind, old, new):
    (found,) = review(HEADLINE, LEAD, f"<p>{text}</p>")
    assert (found.kind, found.severity, found.where) == (kind, "warning", "paragraph 1")
    assert (found.suggestion.old, found.suggestion.new) == (old, new)
    assert text.replace(old, new) != text


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Ông nói: “Chúng tôi sẽ làm ngay.", "unbalanced_quotes"),
        ("Ông nói: Chúng tôi sẽ làm ngay”.", "unbalanced_quotes"),
        ('Ông nói: "Chúng tôi sẽ làm ngay.', "unbalanced_quotes"),
        ("Dự án (vốn 1.000 tỷ đồng sẽ khởi công.", "unbalanced_brackets"),
        ("Dự án vốn 1.000 tỷ đồng] sẽ khởi công.", "unbalanced_brackets"),
    ],
)
def test_unbalanced_quotes_and_brackets_are_warnings(text, kind):
    assert findings_in(text) == [(kind, None)]


@pytest.mark.parametrize(
    "text",
    [
        # Numbers, times, ranges and negative temperatures.
        "Hơn 1.000 người, tăng 2,5% so với năm 2023; tỷ số 2-1 lúc 10:30, nhiệt độ -5 độ C.",
        # Abbreviations glued to a capital, and "v.v.".
        "PGS.TS Nguyễn Văn A, Th.S Lê B ở TP.HCM và TP.Dĩ An, v.v. đã dự.",
        # Dashes spaced on both sides, or on neither.
        "Tuyến Hà Nội – Hải Phòng, giai đoạn 2021 - 2025, dịch Covid-19, V-League.",
        # Vietnamese doubles words on purpose.
        "Ngày ngày người người đi làm, từ từ xa xa, nước trong trong.",
        # Lists lettered a) b) close brackets they never opened.
        "Gồm hai bước: a) đăng ký; b) nộp hồ sơ (bản sao).",
        # Ellipses, and punctuation inside addresses.
        "Và rồi... chẳng ai nói gì. Xem https://example.vn/a?b=1,c=2 hoặc vpf.vn.",
        'Trích dẫn "thẳng" cũng được, miễn là nhất quán: "như thế này".',
    ],
)
def test_clean_typography_is_not_flagged(text):
    assert findings_in(text) == []


def test_straight_quotes_among_curly_ones_are_reported_where_they_are():
    body = (
        "<p>Ông nói: “Chúng tôi đã sẵn sàng”.</p><p>Bà đáp: “Vậy thì bắt đầu”.</p>"
        '<p>Anh hỏi: "Khi nào xong?".</p>'
    )
    found = [(item.kind, item.where) for item in review(HEADLINE, LEAD, body)]
    assert found == [("mixed_quotes", "paragraph 3")]


def test_text_typed_in_decomposed_unicode_is_an_error_with_its_normalized_form():
    paragraph = unicodedata.normalize("NFD", "Người dân phấn khởi đón Tết.")
    (found,) = review(HEADLINE, LEAD, f"<p>{paragraph}</p>")
    assert (found.kind, found.severity, found.where) == (
        "decomposed_unicode",
        "error",
        "paragraph 1",
    )
    assert found.suggestion.old == paragraph
    assert found.suggestion.new == unicodedata.normalize("NFC", paragraph)
    assert found.excerpt.startswith("Người")


def test_the_headline_and_lead_are_checked_too():
    found = review(
        "Tỉnh khởi công tuyến đường  nối hai khu công nghiệp", "Dự án dài 12 km ,vốn lớn.", ""
    )
    assert [(item.kind, item.where) for item in found] == [
        ("double_space", "headline"),
        ("space_before_punctuation", "lead"),
    ]
    assert (found[1].suggestion.old, found[1].suggestion.new) == ("km ,vốn", "km, vốn")
