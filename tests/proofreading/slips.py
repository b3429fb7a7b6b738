"""Plant slips in the clean corpus at known places, to check that each one is found.

Each planter takes a paragraph's text and returns it with one slip, or None
when the text offers no place for that slip. The chosen spot is always the
first one that fits, so the planted corpus is the same on every run.
"""

import re
import unicodedata

from proofreading.syllables import is_judged, is_syllable

WORD_PAIR = re.compile(r"(?<![^\s(“\"])([^\W\d_]+) ([^\W\d_]+)(?=[\s,.;:])")


def _syllable(word):
    return word.islower() and is_judged(word) and is_syllable(word)


def glue_two(text):
    """Drop the space between two lowercase syllables: "vai trò tiên" → "vai tròtiên"."""
    for match in WORD_PAIR.finditer(text):
        first, second = match[1], match[2]
        if _syllable(first) and _syllable(second) and not is_syllable(first + second):
            return text[: match.start()] + first + second + text[match.end() :]
    return None


def glue_three(text):
    """Three syllables in a row lose their spaces: "lý từ thành" → "lýtừthành"."""
    for match in re.finditer(r"(?<!\S)(\w+) (\w+) (\w+)(?=[\s,.])", text):
        words = match.groups()
        if all(_syllable(word) for word in words) and not any(
            is_syllable(a + b) for a, b in zip(words, words[1:], strict=False)
        ):
            return text[: match.start()] + "".join(words) + text[match.end() :]
    return None


def glue_name(text):
    """Two capitalized syllables of a name lose their space: "Nguyễn Văn" → "NguyễnVăn"."""
    for match in WORD_PAIR.finditer(text):
        first, second = match[1], match[2]
        if all(
            word[0].isupper() and word[1:].islower() and is_syllable(word) and is_judged(word)
            for word in (first, second)
        ):
            return text[: match.start()] + first + second + text[match.end() :]
    return None


def repeat_word(text):
    """A grammatical word typed twice: "của" → "của của"."""
    match = re.search(r"(?<= )(của|các|những|được|và) ", text)
    return match and text[: match.start()] + match[1] + " " + text[match.start() :]


def double_space(text):
    match = re.search(r"(?<=[^\W\d_]) (?=[^\W\d_])", text)
    return match and text[: match.start()] + "  " + text[match.end() :]


def space_before_comma(text):
    match = re.search(r"(?<=[^\W\d_]), ", text)
    return match and text[: match.start()] + " , " + text[match.end() :]


def no_space_after_comma(text):
    match = re.search(r"(?<=[^\W\d_]), (?=[^\W\d_])", text)
    return match and text[: match.start()] + "," + text[match.end() :]


def no_space_after_stop(text):
    for match in re.finditer(r"([^\W\d_]+)\. (?=[A-ZĐÀ-Ỹ])", text):
        if match[1].islower() and len(match[1]) >= 2:
            return text[: match.end() - 1] + text[match.end() :]
    return None


def one_sided_dash(text):
    """ "lao động và thương binh" → "lao động -thương binh"."""
    match = re.search(r" và (?=[^\W\d_])", text)
    return match and text[: match.start()] + " -" + text[match.end() :]


def unbalanced_quote(text):
    """Drop a closing quotation mark."""
    if "”" in text:
        index = text.index("”")
    elif text.count('"') >= 2:
        index = text.index('"', text.index('"') + 1)
    else:
        return None
    return text[:index] + text[index + 1 :]


def unbalanced_bracket(text):
    """Open a bracket that never closes."""
    match = re.search(r"(?<=[^\W\d_]) (?=[^\W\d_])", text)
    return match and text[: match.end()] + "(" + text[match.end() :]


def other_quotes(text):
    """Swap one pair of quotes to the other style: “…” ↔ "…"."""
    if "“" in text and "”" in text:
        return text.replace("“", '"', 1).replace("”", '"', 1)
    if text.count('"') >= 2:
        return text.replace('"', "“", 1).replace('"', "”", 1)
    return None


def decompose(text):
    nfd = unicodedata.normalize("NFD", text)
    return nfd if nfd != text else None


PARAGRAPH_SLIPS = [
    ("glued_syllables", glue_two),
    ("glued_syllables", glue_three),
    ("glued_syllables", glue_name),
    ("repeated_word", repeat_word),
    ("double_space", double_space),
    ("space_before_punctuation", space_before_comma),
    ("missing_space_after_punctuation", no_space_after_comma),
    ("missing_space_after_punctuation", no_space_after_stop),
    ("dash_spacing", one_sided_dash),
    ("unbalanced_quotes", unbalanced_quote),
    ("unbalanced_brackets", unbalanced_bracket),
    ("mixed_quotes", other_quotes),
    ("decomposed_unicode", decompose),
]


def change_one_word(text):
    """The paragraph pasted again, one word changed."""
    words = text.split(" ")
    middle = len(words) // 2
    words[middle] = "hôm" if words[middle] != "hôm" else "nay"
    return " ".join(words)
