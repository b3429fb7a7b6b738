from proofreading.review import review

from .helpers import HEADLINE, LEAD

FIRST = (
    "Theo Sở Công Thương, kim ngạch xuất khẩu của tỉnh trong 11 tháng đạt hơn 30 tỷ USD, "
    "tăng 12% so với cùng kỳ năm trước."
)
SECOND = "Các doanh nghiệp gỗ, dệt may và điện tử đều đã có đơn hàng đến hết quý I năm sau."


def found(*paragraphs):
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return [(item.kind, item.severity, item.where) for item in review(HEADLINE, LEAD, body)]


def test_a_paragraph_pasted_twice_is_an_error_with_both_places():
    assert found(FIRST, SECOND, FIRST) == [
        ("duplicate_paragraph", "error", "paragraph 1, paragraph 3")
    ]


def test_a_paragraph_pasted_twice_with_small_changes_is_found():
    edited = FIRST.replace("hơn 30 tỷ USD", "gần 31 tỷ USD")
    assert found(FIRST, edited, SECOND) == [
        ("duplicate_paragraph", "error", "paragraph 1, paragraph 2")
    ]


def test_paragraphs_on_the_same_subject_are_not_duplicates():
    other = (
        "Theo Sở Công Thương, kim ngạch nhập khẩu của tỉnh trong 11 tháng chỉ đạt 21 tỷ USD, "
        "giảm nhẹ vì giá nguyên liệu đầu vào hạ và nhu cầu máy móc chững lại."
    )
    assert found(FIRST, other, SECOND) == []


def test_short_lines_may_repeat():
    assert found("Ảnh: Quang Tám", FIRST, "Ảnh: Quang Tám", SECOND) == []


def test_a_paragraph_pasted_three_times_is_reported_against_the_first():
    assert found(FIRST, SECOND, FIRST, FIRST) == [
        ("duplicate_paragraph", "error", "paragraph 1, paragraph 3"),
        ("duplicate_paragraph", "error", "paragraph 1, paragraph 4"),
    ]
