import pytest

from comments.diacritics import looks_unaccented_vietnamese
from comments.models import Comment

from .helpers import send

ASK = "có vẻ được gõ tiếng Việt không dấu"


@pytest.mark.parametrize(
    "text",
    [
        "cam on bao da dua tin",
        "Toi thay duong nay rat xau, de nghi chinh quyen sua lai som",
        "Duong Tran Phu bi ngap nang sau tran mua dem qua",
        "bai viet hay qua, cam on tac gia",
    ],
)
def test_vietnamese_without_diacritics_is_spotted(text):
    assert looks_unaccented_vietnamese(text)


@pytest.mark.parametrize(
    "text",
    [
        "Cảm ơn báo đã đưa tin",
        "Đề nghị chính quyền sửa lại đường",
        "Thank you for the news report today",
        "I am on the way to the bank",
        "Is this the way to go home",
        "le chat est sur la table",
        "saya suka makan nasi goreng",
        "Ich bin ein Berliner und du",
        "cam on bao",  # too short to judge
        "OK 👍 123 456",
    ],
)
def test_text_with_diacritics_other_languages_and_short_text_are_not_flagged(text):
    assert not looks_unaccented_vietnamese(text)


@pytest.mark.django_db
def test_form_asks_once_to_retype_with_diacritics_then_accepts_on_confirmation(client, article):
    text = "cam on bao da dua tin ve con duong nay"
    asked = send(client, article, body=text)
    html = asked.content.decode()
    assert asked.status_code == 200
    assert ASK in html
    assert text in html  # the reader's text is kept to retype
    assert '<input type="hidden" name="confirm_no_diacritics" value="1">' in html
    assert Comment.objects.count() == 0

    confirmed = send(client, article, body=text, confirm_no_diacritics="1")
    assert confirmed.status_code == 303
    assert Comment.objects.get().body == text


@pytest.mark.django_db
def test_retyped_text_with_diacritics_is_accepted_without_asking(client, article):
    assert send(client, article, body="Cảm ơn báo đã đưa tin về con đường này").status_code == 303


@pytest.mark.django_db
def test_english_comment_is_accepted_without_asking(client, article):
    response = send(client, article, body="Thank you for covering the flooding on our street.")
    assert response.status_code == 303
