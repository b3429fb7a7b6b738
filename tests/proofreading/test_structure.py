from proofreading.review import review
from proofreading.structure import parse_body

from .helpers import HEADLINE, LEAD

FIGURE = (
    '<figure class="image"><img src="/media/a.jpg" alt="{alt}" width="800" height="533">'
    "<figcaption>{caption}</figcaption></figure>"
)
PARAGRAPH = "<p>Công trình được khởi công từ tháng 3 và đã hoàn thành phần móng.</p>"


def kinds(headline=HEADLINE, lead=LEAD, body=PARAGRAPH, **options):
    return [(item.kind, item.where) for item in review(headline, lead, body, **options)]


def test_the_body_is_read_as_ckeditor_writes_it():
    body = parse_body(
        "<p>Mở đầu.</p><h2>Tít phụ</h2><ul><li>Ý thứ nhất</li><li>Ý thứ hai</li></ul>"
        "<blockquote><p>Lời trích dẫn.</p></blockquote>"
        + FIGURE.format(alt="Ảnh công trình", caption="Công trình đang thi công.")
        + "<p>Dòng một<br>dòng hai &amp; ba.</p><table><tr><td>Ô bảng</td></tr></table>"
    )
    assert [(place.name, place.text) for place in body.places] == [
        ("paragraph 1", "Mở đầu."),
        ("subheading 1", "Tít phụ"),
        ("paragraph 2", "Ý thứ nhất"),
        ("paragraph 3", "Ý thứ hai"),
        ("paragraph 4", "Lời trích dẫn."),
        ("caption 1", "Công trình đang thi công."),
        ("paragraph 5", "Dòng một\ndòng hai & ba."),
        ("table 1", "Ô bảng"),
    ]
    assert [(image.number, image.alt, image.caption) for image in body.images] == [
        (1, "Ảnh công trình", "Công trình đang thi công.")
    ]


def test_a_clean_article_has_no_finding():
    body = PARAGRAPH + FIGURE.format(alt="Công trường", caption="Công nhân đổ bê tông.")
    assert kinds(body=body) == []


def test_a_missing_lead_or_cover_is_a_warning():
    assert kinds(lead="  ") == [("missing_lead", "lead")]
    assert kinds(has_cover=False) == [("missing_cover", "cover")]


def test_a_lead_that_repeats_the_first_paragraph_is_a_warning():
    lead = "Công trình được khởi công từ tháng 3 và đã hoàn thành phần móng."
    assert kinds(lead=lead) == [("lead_repeats_body", "lead, paragraph 1")]


def test_a_headline_under_20_or_over_120_characters_is_a_warning():
    assert kinds(headline="Khởi công đường mới") == [("headline_too_short", "headline")]
    assert kinds(headline="Khởi công đường mới ở xã") == []
    long = "Tỉnh khởi công tuyến đường nối hai khu công nghiệp lớn nhất, " * 2
    assert len(long.strip()) > 120
    assert kinds(headline=long) == [("headline_too_long", "headline")]


def test_an_image_needs_a_caption_and_alt_text():
    body = (
        PARAGRAPH + FIGURE.format(alt="", caption="") + '<p><img src="/media/b.jpg" alt="Cầu"></p>'
    )
    found = review(HEADLINE, LEAD, body)
    assert [(item.kind, item.severity, item.where) for item in found] == [
        ("image_without_caption", "warning", "image 1"),
        ("image_without_alt", "warning", "image 1"),
        ("image_without_caption", "warning", "image 2"),
    ]


def test_a_subheading_with_nothing_under_it_is_a_warning():
    body = (
        PARAGRAPH + "<h2>Tiến độ</h2><h3>Vốn</h3><p>Vốn đã giải ngân đạt 80%.</p><h2>Kết luận</h2>"
    )
    assert kinds(body=body) == [
        ("empty_subheading", "subheading 1"),
        ("empty_subheading", "subheading 3"),
    ]


def test_a_subheading_over_a_picture_is_not_empty():
    body = PARAGRAPH + "<h2>Hình ảnh</h2>" + FIGURE.format(alt="Cầu", caption="Cây cầu mới.")
    assert kinds(body=body) == []
