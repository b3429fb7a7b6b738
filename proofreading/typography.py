"""Typography slips: repeated words, spaces around punctuation and dashes, quotes, NFD text."""

import re
import unicodedata

from .findings import Suggestion, finding
from .text import chunk_around, excerpt, in_address

# Vietnamese doubles many words on purpose (ngày ngày, từ từ, xanh xanh, trong
# trong); these grammatical words never are, so twice in a row is a slip.
NEVER_DOUBLED = frozenset(
    """của và là các những được đã sẽ đang với cho tại để theo khi thì mà nhưng hoặc
    cũng vẫn đều bị do nên vì nếu bằng như trên dưới vào về này đó ở một hai ba
    the a an and of to in on for is are was""".split()
)
SPACES = " \u00a0\u2009\u202f"
# Each pattern starts with the character it is about, then looks behind: a
# pattern that starts by looking behind is tried at every position, ten times slower.
REPEATED_WORD = re.compile(rf"(?<![^\W\d_])([^\W\d_]+)[{SPACES}]+(\1)(?![^\W\d_])", re.IGNORECASE)
DOUBLE_SPACE = re.compile(rf"[{SPACES}](?<=\S[{SPACES}])[{SPACES}]+(?=\S)")
# A space before , . ; : ! ? that ends a clause (".vn" and "..." are not punctuation
# here), or a mark typed on the wrong side of its space ("12 km ,vốn").
SPACE_BEFORE = re.compile(
    rf"[{SPACES}](?<=\S[{SPACES}])[{SPACES}]*(?:[,.;:!?](?=\s|$|[\"”’»)\]])|[,;:!?](?=[^\W\d_]))"
)
# , ; : ! ? glued to the next word ("1,5" and "10:30" have digits, not letters, after).
NO_SPACE_AFTER = re.compile(r"[,;:!?](?<=\S[,;:!?])(?=[^\W\d_])")
# A full stop between a word and a capital: "năm nay.Chiều qua" (see _stops_without_space).
STOP_BEFORE_LETTER = re.compile(r"\.(?<=[^\W\d_]\.)(?=[^\W\d_])")
LAST_WORD = re.compile(r"[^\W\d_]+$")
DASHES = "-–—"
DASH_SPACE_BEFORE = re.compile(rf"[{SPACES}](?<=\S[{SPACES}])[{DASHES}](?=[^\W\d_])")
DASH_SPACE_AFTER = re.compile(rf"[{DASHES}](?<=\w[{DASHES}])[{SPACES}](?=\S)")
LIST_MARKER = re.compile(r"(?:^|(?<=\s))[0-9a-zđ]{1,2}\)")
PAIRS = (("“", "”", "unbalanced_quotes"), ("«", "»", "unbalanced_quotes"))
BRACKETS = (("(", ")"), ("[", "]"))


def check_typography(place):
    """Typography findings in one place of the article."""
    text = place.nfc
    findings = [*_repeated_words(place, text)]
    # Spaces are everywhere: look for the slips only where a quick search says they may be.
    odd_spaces = any(space in text for space in SPACES[1:])
    slips = [
        ("double_space", DOUBLE_SPACE, odd_spaces or "  " in text),
        (
            "space_before_punctuation",
            SPACE_BEFORE,
            odd_spaces or _any(text, " ,", " .", " ;", " :", " !", " ?"),
        ),
        ("missing_space_after_punctuation", NO_SPACE_AFTER, True),
        ("missing_space_after_punctuation", None, True),
        ("dash_spacing", DASH_SPACE_BEFORE, odd_spaces or _any(text, " -", " –", " —")),
        ("dash_spacing", DASH_SPACE_AFTER, True),
    ]
    for kind, pattern, worth_looking in slips:
        if not worth_looking:
            continue
        matches = pattern.finditer(text) if pattern else _stops_without_space(text)
        for match in matches:
            marks = [i for i in range(match.start(), match.end()) if not text[i].isspace()]
            if marks and in_address(text, marks[0]):
                continue  # "?a=1,b" in a URL; but "vpf.vn -chia" is a slip after one
            findings.append(_spacing_finding(kind, place, text, match))
    findings.extend(_unbalanced(place, text))
    return findings


def _any(text, *needles):
    return any(needle in text for needle in needles)


def check_decomposed(place):
    """An error when the place was typed in decomposed Unicode (NFD)."""
    text = place.text
    if unicodedata.is_normalized("NFC", text):
        return []
    marks = [index for index, char in enumerate(text) if unicodedata.combining(char)]
    start, end = chunk_around(text, marks[0], marks[-1] + 1)
    old = text[start:end]
    first_start, first_end = chunk_around(text, marks[0], marks[0] + 1)
    nfc_start = len(unicodedata.normalize("NFC", text[:first_start]))
    nfc_end = nfc_start + len(unicodedata.normalize("NFC", text[first_start:first_end]))
    return [
        finding(
            "decomposed_unicode",
            place.name,
            excerpt(place.nfc, nfc_start, nfc_end),
            Suggestion(old, unicodedata.normalize("NFC", old)),
        )
    ]


def check_mixed_quotes(places):
    """Straight and curly double quotes in one article: the less used style, where it is."""
    straight = {place.name: place.nfc.count('"') for place in places}
    curly = {place.name: sum(place.nfc.count(mark) for mark in "“”") for place in places}
    if not sum(straight.values()) or not sum(curly.values()):
        return []
    # The less used style is the slip; on a tie, the one that comes second.
    first_straight = next(index for index, place in enumerate(places) if straight[place.name])
    first_curly = next(index for index, place in enumerate(places) if curly[place.name])
    curly_is_slip = (sum(curly.values()), first_straight) < (sum(straight.values()), first_curly)
    minority, marks = (curly, "“”") if curly_is_slip else (straight, '"')
    findings = []
    for place in places:
        if minority[place.name]:
            text = place.nfc
            first = min(index for index in (text.find(mark) for mark in marks) if index >= 0)
            findings.append(finding("mixed_quotes", place.name, excerpt(text, first, first + 1)))
    return findings


def _repeated_words(place, text):
    for match in REPEATED_WORD.finditer(text):
        if match[1].lower() in NEVER_DOUBLED:
            yield finding(
                "repeated_word",
                place.name,
                excerpt(text, match.start(), match.end()),
                Suggestion(match[0], match[1]),
            )


def _stops_without_space(text):
    """Full stops glued to a capital after a lowercase word of two letters or more.

    TP.HCM, PGS.TS, Th.S and v.v. are abbreviations, not two sentences.
    """
    for match in STOP_BEFORE_LETTER.finditer(text):
        word = LAST_WORD.search(text, max(0, match.start() - 40), match.start())
        if len(word[0]) >= 2 and word[0].islower() and text[match.end()].isupper():
            yield match


def _spacing_finding(kind, place, text, match):
    """A spacing finding whose suggestion rewrites the chunk around the slip."""
    start, end = chunk_around(text, match.start(), match.end())
    old = text[start:end]
    slip = match[0]
    if kind == "double_space":
        fixed = " "
    elif kind == "space_before_punctuation":
        fixed = slip.strip(SPACES) + (" " if text[match.end() : match.end() + 1].isalpha() else "")
    elif kind == "missing_space_after_punctuation":
        fixed = slip + " "
    else:  # dash_spacing: a space on both sides
        fixed = " " + slip.strip(SPACES) + " "
    new = text[start : match.start()] + fixed + text[match.end() : end]
    return finding(
        kind, place.name, excerpt(text, match.start(), match.end()), Suggestion(old, new)
    )


def _unbalanced(place, text):
    for opening, closing, kind in PAIRS:
        position = _unmatched(text, opening, closing)
        if position is not None:
            yield finding(kind, place.name, excerpt(text, position, position + 1))
    if text.count('"') % 2:
        last = text.rindex('"')
        yield finding("unbalanced_quotes", place.name, excerpt(text, last, last + 1))
    # "a) … b) …" lists close brackets they never opened.
    unlisted = LIST_MARKER.sub(lambda marker: marker[0][:-1] + " ", text) if ")" in text else text
    for opening, closing in BRACKETS:
        position = _unmatched(unlisted, opening, closing)
        if position is not None:
            yield finding("unbalanced_brackets", place.name, excerpt(text, position, position + 1))


def _unmatched(text, opening, closing):
    """Index of the first mark left without its partner, or None."""
    if opening not in text and closing not in text:
        return None
    stack = []
    for mark in re.finditer(f"[{re.escape(opening)}{re.escape(closing)}]", text):
        if mark[0] == opening:
            stack.append(mark.start())
        elif not stack:
            return mark.start()
        else:
            stack.pop()
    return stack[0] if stack else None
