"""Text helpers the checks share: places, words, addresses and excerpts."""

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

# Letters only: numbers, punctuation and apostrophes end a word (H'Mông → H, Mông).
WORD = re.compile(r"[^\W\d_]+")
CHUNK = re.compile(r"\S+")
# A chunk of text (between spaces) that is a URL, an e-mail address, a domain,
# a hashtag or a handle is left alone by the checks, whatever it spells.
ADDRESS = re.compile(
    r"""(?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)\S+  # URL
    | [^@\s]+@[^@\s]+                        # e-mail
    | [#@][^\s#@]+                           # hashtag or handle
    | [\w-]+(?:\.[\w-]+)*\.[a-z]{2,6}(?:/\S*)?  # domain
    """,
    re.VERBOSE,
)
EDGE_PUNCTUATION = "([{“\"'‘«)]}”’»,.;:!?…"
EXCERPT_WORDS = 4
WORDS_BEFORE = re.compile(rf"(?:\S+\s+){{0,{EXCERPT_WORDS}}}\S*$")
WORDS_AFTER = re.compile(rf"\S*(?:\s+\S+){{0,{EXCERPT_WORDS}}}")


@dataclass(frozen=True)
class Place:
    """A piece of the article's text with its name: "headline", "paragraph 3"…"""

    name: str
    kind: str  # headline, lead, paragraph, subheading, caption, table
    text: str  # as stored (may be NFD)

    @cached_property
    def nfc(self):
        return unicodedata.normalize("NFC", self.text)


def in_address(text, position):
    """True when `position` falls in a URL, e-mail address, domain or hashtag."""
    start, end = chunk_around(text, position, position)
    chunk = text[start:end].strip(EDGE_PUNCTUATION)
    return bool(chunk) and ADDRESS.fullmatch(chunk) is not None


def in_number(text, position):
    """True when `position` falls in a chunk with digits: 5km, Covid-19, 20giờ."""
    start, end = chunk_around(text, position, position)
    return any(char.isdigit() for char in text[start:end])


def excerpt(text, start, end):
    """The match with a few words either side, on one line; … marks a cut."""
    head = text[max(0, start - 120) : start]
    tail = text[end : end + 120]
    left = WORDS_BEFORE.search(head).group()
    right = WORDS_AFTER.match(tail).group()
    cut_left = start - len(left) > 0
    cut_right = end + len(right) < len(text)
    snippet = left + text[start:end] + right
    snippet = re.sub(r"\s*\n\s*", " ", snippet).strip()
    return ("…" if cut_left else "") + snippet + ("…" if cut_right else "")


def chunk_around(text, start, end):
    """(start, end) widened to the whitespace-delimited chunks that touch it."""
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def words_of(text):
    """Lower-cased words of `text`, for comparing paragraphs."""
    return WORD.findall(text.lower())
