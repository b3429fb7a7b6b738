"""Diacritic-free search: how text is normalized, split, and highlighted.

Stored text and query words go through the same `fold` and the same split, so
`làm theo Bác`, `LAM THEO BAC` and `lam theo bac` are the same three words.
The normalized columns hold the words between single spaces, with a space at
each end, so a word is matched whole: `an` finds `ăn` and `An`, not `bạn`.
"""

import functools
import re
from html import unescape
from html.parser import HTMLParser

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .sanitize import sanitize_html
from .slugs import fold

# A reader's query is cut to this many characters, then to this many words of
# at most this length: any query, however long or strange, stays a small LIKE.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 8
MAX_WORD_LENGTH = 30

_FOLDED_WORD = re.compile(r"[a-z0-9]+")
# A word as a reader sees it, diacritics included; `_` separates like punctuation.
_WORD = re.compile(r"[^\W_]+")


def folded_words(text):
    """The words of `text`, lower-cased and stripped of diacritics."""
    return _FOLDED_WORD.findall(fold(text))


def normalized(text):
    """`text` as stored for search: ` word word word ` (whole-word LIKE friendly)."""
    words = folded_words(text)
    return f" {' '.join(words)} " if words else ""


class _TextExtractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_data(self, data):
        self.parts.append(data)

    def handle_starttag(self, tag, attrs):
        # Tags separate words: `<p>một</p><p>hai</p>` is two words, not `mộthai`.
        self.parts.append(" ")

    def handle_endtag(self, tag):
        self.parts.append(" ")


def html_to_text(html):
    """The readable text of sanitized rich text, tags dropped, entities decoded."""
    if not html:
        return ""
    parser = _TextExtractor()
    parser.feed(html)
    parser.close()
    return " ".join(unescape("".join(parser.parts)).split())


def search_columns(title, lead, body):
    """The (search_title, search_text) values stored for an article."""
    # The body is sanitized first so that script or style content never becomes searchable.
    body_text = html_to_text(sanitize_html(body))
    return normalized(title), normalized(" ".join([title or "", lead or "", body_text]))


def query_words(query):
    """The distinct words of a reader's query, bounded in number and length."""
    words = []
    for word in folded_words((query or "")[:MAX_QUERY_LENGTH]):
        word = word[:MAX_WORD_LENGTH]
        if word not in words:
            words.append(word)
    return words[:MAX_QUERY_WORDS]


def marked_words(query):
    """The words of a reader's query that carry diacritics, lower-cased, as typed.

    `Bình Dương` gives `bình`, `dương`: spelled this way, they must not be
    matched by `đường` just because both fold to `duong`.
    """
    words = []
    for word in _WORD.findall((query or "")[:MAX_QUERY_LENGTH]):
        word = word.lower()[:MAX_WORD_LENGTH]
        if word != fold(word) and word not in words:
            words.append(word)
    return words[:MAX_QUERY_WORDS]


def typed_phrase(query):
    """The query's words as the reader typed them, diacritics and case kept, between
    single spaces: what "exact" means when ranking. Punctuation (and NUL) is dropped."""
    return " ".join(_WORD.findall((query or "")[:MAX_QUERY_LENGTH]))


def highlight(text, words):
    """`text` escaped, with each word matching `words` wrapped in <mark>.

    Every piece of `text` is escaped before any markup is added, so a reader's
    text can never inject HTML. Matching folds each word, so `dia phuong`
    marks `địa phương`.
    """
    pattern = _words_pattern(words)
    pieces, position = [], 0
    for match in _WORD.finditer(text or ""):
        if pattern and pattern.search(fold(match.group())):
            pieces.append(escape(text[position : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            position = match.end()
    pieces.append(escape((text or "")[position:]))
    return mark_safe("".join(pieces))


def _words_pattern(words):
    """A regex finding any of `words` (folded) as a whole word of folded text, or None."""
    return _compiled(tuple(sorted(set(words)))) if words else None


@functools.lru_cache(maxsize=256)
def _compiled(words):
    alternatives = "|".join(re.escape(word) for word in words)
    return re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?![a-z0-9])")


def _first_match(text, words):
    """The folded text's first match of `words`, or None: one pass over the whole text,
    rather than folding it word by word."""
    pattern = _words_pattern(words)
    return pattern.search(fold(text)) if pattern else None


def excerpt(text, words, *, length=40):
    """About `length` words of `text` around the first matched word, highlighted."""
    text = text or ""
    tokens = text.split()
    match = _first_match(text, words)
    # fold() keeps the spaces between words, so the folded text's words are the text's.
    first = min(len(fold(text)[: match.start()].split()), len(tokens) - 1) if match else 0
    start = max(0, min(first - length // 4, len(tokens) - length))
    chosen = tokens[start : start + length]
    prefix = "… " if start > 0 else ""
    suffix = " …" if start + length < len(tokens) else ""
    return mark_safe(prefix + highlight(" ".join(chosen), words) + suffix)


def search_excerpt(lead, body, words, *, length=40):
    """An excerpt from the lead, or from the body when only the body matches."""
    if _first_match(lead or "", words):
        return excerpt(lead, words, length=length)
    # The body is read only when the lead does not match: most results stop above.
    body_text = html_to_text(body)
    if _first_match(body_text, words):
        return excerpt(body_text, words, length=length)
    return excerpt(lead or body_text, words, length=length)
