import unicodedata

import pytest

from articles.demo.stories import STORIES
from proofreading.syllables import SOLID_LOANWORDS, is_judged, is_syllable, split_glued
from proofreading.text import WORD

from .corpus import stories

HARD_SYLLABLES = [
    "nghiêng", "khuỷu", "thuở", "quyển", "người", "Nguyễn", "giữa", "gìn", "quốc", "hoằng",
    "ngoẵng", "khuya", "huynh", "huỵch", "nguệch", "ngoạc", "khuấy", "xoong", "soóc", "giếng",
    "yêu", "uyên", "oái", "hoạch", "quệch", "ngoèo", "thuê", "quý", "kỹ", "ạ", "ừ", "ơ",
]  # fmt: skip
NOT_SYLLABLES = [
    "mat",  # a stop final takes sắc or nặng only
    "màt",
    "mảp",
    "ci",  # k, not c, before i/e/ê
    "ka",  # c, not k, before a
    "gha",  # gh only before i/e/ê
    "nge",  # ngh before e
    "ă",  # ă and â need a final
    "tiê",  # iê needs a final
    "muô",
    "đắk",  # Đắk Lắk: k is no Vietnamese final
    "láà",  # two tones
]
GLUED = {
    "làkhi": ("là", "khi"),
    "lýtừthành": ("lý", "từ", "thành"),
    "đềthuộc": ("đề", "thuộc"),
    "đãđược": ("đã", "được"),
    "xửlýcác": ("xử", "lý", "các"),
    "tròtiên": ("trò", "tiên"),
    "khôngai": ("không", "ai"),
    "khángiả": ("khán", "giả"),
    "hạtầng": ("hạ", "tầng"),
    "vịtrí": ("vị", "trí"),
}


def corpus_texts():
    for story in stories():
        yield from (story.headline, story.lead, *story.blocks)
    for story in STORIES:
        yield from (story.title, story.lead, *story.body, story.cover, story.figure)


@pytest.mark.parametrize("word", HARD_SYLLABLES)
def test_correct_syllables_are_valid_and_never_split(word):
    assert is_syllable(word)
    assert split_glued(word) is None


def test_every_vietnamese_word_of_the_corpus_and_the_demo_is_a_valid_syllable():
    words = {word for text in corpus_texts() for word in WORD.findall(text)}
    # Lowercase words only: HĐND is an abbreviation and Lênin a foreign name.
    judged = {word for word in words if word.islower() and is_judged(word)}
    assert len(judged) > 900  # a broad sample of the language
    assert sorted(word for word in judged if not is_syllable(word)) == []


def test_tones_and_decomposed_input_are_understood():
    for base, nucleus in (("ma", 1), ("tan", 1), ("nhiêu", 3), ("ngươi", 3)):
        for tone in "\u0301\u0300\u0309\u0303\u0323":
            word = unicodedata.normalize("NFC", base[: nucleus + 1] + tone + base[nucleus + 1 :])
            assert is_syllable(word) and is_syllable(unicodedata.normalize("NFD", word))


@pytest.mark.parametrize("word", NOT_SYLLABLES)
def test_ill_formed_words_are_not_syllables(word):
    assert not is_syllable(word)


@pytest.mark.parametrize("word", ["mat", "màt", "ci", "đắk", "hđnd", "xyz"])
def test_a_word_that_is_no_syllable_and_cannot_be_split_is_left_alone(word):
    assert split_glued(word) is None


@pytest.mark.parametrize("word, pieces", GLUED.items())
def test_glued_words_split_into_their_syllables(word, pieces):
    assert not is_syllable(word)
    assert split_glued(word) == pieces


def test_the_suggested_split_restores_nearly_every_glued_pair_of_the_corpus():
    pairs = set()
    for text in corpus_texts():
        words = text.split()
        pairs.update(
            (first, second)
            for first, second in zip(words, words[1:], strict=False)
            if first.islower() and second.islower() and is_syllable(first) and is_syllable(second)
            and is_judged(first + second) and not is_syllable(first + second)
        )  # fmt: skip
    right = sum(split_glued(first + second) == (first, second) for first, second in pairs)
    assert len(pairs) > 3000
    assert right / len(pairs) >= 0.99


@pytest.mark.parametrize("word", ["Covid", "startup", "café", "Müller", "señor", "iPhone", "2024"])
def test_words_without_vietnamese_letters_or_tones_are_not_judged(word):
    assert not is_judged(word)


def test_each_loanword_written_solid_would_otherwise_be_flagged():
    """The list only keeps correct words from a false alarm: no dead entries."""
    assert [word for word in SOLID_LOANWORDS if split_glued(word) is None] == []


def test_a_long_glued_run_is_split_quickly():
    """A whole sentence pasted without spaces costs little: pieces are at most seven letters."""
    sentence = "người dân phấn khởi đón nhận tuyến đường mới nghiêng về phía bờ sông " * 5
    pieces = split_glued(sentence.replace(" ", ""))
    assert pieces is not None and " ".join(pieces) == sentence.strip()
