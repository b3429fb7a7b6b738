"""Glued syllables: "vai tròtiên phong", "đãđược", "NguyễnVăn"."""

from functools import lru_cache

from .findings import Suggestion, finding
from .syllables import SOLID_LOANWORDS, is_judged, is_syllable, split_glued
from .text import WORD, excerpt, in_address, in_number


def check_glued(place):
    """A finding for every word that is no syllable but splits into two or more."""
    text = place.nfc
    findings = []
    for match in WORD.finditer(text):
        pieces = _pieces(match[0])
        if not pieces or in_address(text, match.start()) or in_number(text, match.start()):
            continue  # URLs, e-mail, hashtags, numbers and units (5km, Covid-19)
        findings.append(
            finding(
                "glued_syllables",
                place.name,
                excerpt(text, match.start(), match.end()),
                Suggestion(match[0], " ".join(pieces)),
            )
        )
    return findings


@lru_cache(maxsize=65536)
def _pieces(word):
    """The syllables a glued `word` is made of, or None when it is fine or not ours to judge.

    Only lowercase words are split: a capitalized word is a name, and names
    from other languages (Lênin, Mêhicô, Niê) read like glued syllables. A
    capital inside a word ("NguyễnVăn", "tròTiên") marks where syllables met.
    """
    if not is_judged(word):
        return None
    if word.islower():
        if word in SOLID_LOANWORDS:
            return None
        return split_glued(word)
    segments = _case_segments(word)
    if len(segments) < 2:
        return None
    pieces = []
    for number, segment in enumerate(segments):
        if is_syllable(segment):
            pieces.append(segment)
        elif segment.islower() and number == 0 and split_glued(segment):
            pieces.extend(split_glued(segment))
        else:
            return None
    return pieces


def _case_segments(word):
    """ "NguyễnVăn" → ["Nguyễn", "Văn"]: cut before a capital that follows a small letter."""
    segments, start = [], 0
    for index in range(1, len(word)):
        if word[index].isupper() and word[index - 1].islower():
            segments.append(word[start:index])
            start = index
    segments.append(word[start:])
    return segments
