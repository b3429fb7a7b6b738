import pytest

from proofreading.review import review

from .helpers import HEADLINE, LEAD, findings_in


@pytest.mark.parametrize(
    "text, old, new",
    [
        ("Doanh nghiệp giữ vai tròtiên phong trong chuyển đổi số.", "tròtiên", "trò tiên"),
        ("Đó là lúc đãđược cấp phép xây dựng.", "đãđược", "đã được"),
        ("Quy trình xửlýcác hồ sơ còn chậm.", "xửlýcác", "xử lý các"),
        ("Điều đáng nói làkhi trời mưa, đường ngập sâu.", "làkhi", "là khi"),
        ("Ông NguyễnVăn An phát biểu tại hội nghị.", "NguyễnVăn", "Nguyễn Văn"),
        ("Đoàn công tác đến tạiHà Nội chiều qua.", "tạiHà", "tại Hà"),
    ],
)
def test_glued_syllables_are_an_error_with_their_split(text, old, new):
    (found,) = review(HEADLINE, LEAD, f"<p>{text}</p>")
    assert (found.kind, found.severity, found.where) == ("glued_syllables", "error", "paragraph 1")
    assert (found.suggestion.old, found.suggestion.new) == (old, new)
    assert old in found.excerpt


@pytest.mark.parametrize(
    "text",
    [
        # Names: capitalized words from other languages read like glued syllables.
        "Hội thảo về chủ nghĩa Mác - Lênin và tư tưởng Hồ Chí Minh.",
        "Đoàn đã thăm Mêhicô, Pêru và Chilê trong tuần qua.",
        "Hoa hậu H'Hen Niê về thăm buôn làng ở Đắk Lắk.",
        "Cầu thủ Pelé và José Mourinho được nhắc đến nhiều.",
        # English, abbreviations, numbers and units.
        "Startup AI gọi vốn thành công trong mùa Covid-19, theo VnExpress.",
        "HĐND tỉnh và UBND TP.HCM ký kết hợp tác, vốn 2,5 triệu USD cho 5km đường.",
        # Addresses and hashtags, whatever they spell.
        "Xem tại https://baomoi.vn/làkhi-đãđược hoặc gửi thư về làkhi@baomoi.vn nhé.",
        "Chia sẻ cảm nhận với hashtag #ViệtNamtươiđẹp trên mạng xã hội.",
        # Loanwords the press writes solid.
        "Chiếc ôtô chở bêtông và ximăng đi được 20 kilômét.",
    ],
)
def test_names_foreign_words_and_addresses_are_left_alone(text):
    assert findings_in(text) == []


def test_a_word_glued_twice_in_a_paragraph_is_reported_twice():
    found = findings_in("Nhà máy làkhi nào cũng đông, làkhi nào cũng sáng đèn.")
    assert found == [("glued_syllables", ("làkhi", "là khi"))] * 2
