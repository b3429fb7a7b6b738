"""One-click fixes: apply a finding's suggestion to the headline, lead or body.

The body is HTML. Only text between tags changes, in the place the finding
names ("paragraph 3"), at the occurrence its excerpt shows; tags, attributes
and entities are written back exactly as they were.
"""

import html
import unicodedata

from .structure import _BodyParser
from .text import excerpt


class FixNotApplicable(Exception):
    """The suggestion's text is not where the finding says (the text changed, or spans tags)."""


def apply_fix(headline, lead, body_html, finding):
    """(headline, lead, body_html) with the finding's suggestion applied once."""
    if finding.suggestion is None or ", " in finding.where:
        raise FixNotApplicable
    if finding.where == "headline":
        return _fix_pieces([[headline, True]], finding)[0], lead, body_html
    if finding.where == "lead":
        return headline, _fix_pieces([[lead, True]], finding)[0], body_html
    return headline, lead, _fix_body(body_html, finding)


def _fix_pieces(pieces, finding):
    """The texts of a place's pieces ([text, editable]) with the suggestion applied.

    Entities are pieces that cannot be edited: a suggestion that overlaps one
    is not applied.
    """
    old, new = finding.suggestion.old, finding.suggestion.new
    texts = [unicodedata.normalize("NFC", text) for text, _editable in pieces]
    if finding.kind == "decomposed_unicode":
        # The suggestion is the place written in NFC.
        if texts == [text for text, _editable in pieces]:
            raise FixNotApplicable
        return texts
    joined = "".join(texts)
    bounds, offset = [], 0
    for text in texts:
        bounds.append((offset, offset + len(text)))
        offset += len(text)
    candidates = []
    start = joined.find(old)
    while start != -1:
        end = start + len(old)
        inside = [
            index
            for index, (first, last) in enumerate(bounds)
            if pieces[index][1] and first <= start and end <= last
        ]
        if inside:
            candidates.append((_rank(joined, start, end, finding), inside[0], start))
        start = joined.find(old, start + 1)
    if not candidates:
        raise FixNotApplicable
    _rank_value, index, start = min(candidates)
    local = start - bounds[index][0]
    texts[index] = texts[index][:local] + new + texts[index][local + len(old) :]
    return texts


def _rank(text, start, end, finding):
    """Lower is likelier the occurrence the finding means: a whole word, the same excerpt."""
    old = text[start:end]
    cut = (start > 0 and _joins(text[start - 1], old[0])) or (
        end < len(text) and _joins(text[end], old[-1])
    )
    around = " ".join(excerpt(text, start, end).split())
    return (cut, around != " ".join(finding.excerpt.split()), start)


def _joins(outside, edge):
    """True when the character next to an occurrence makes it part of a longer word.

    Glued syllables are words (letters), other suggestions whole chunks between spaces.
    """
    if outside.isspace():
        return False
    return outside.isalnum() or not edge.isalnum()


class _Rewriter(_BodyParser):
    """The body parser, keeping the raw HTML and which text pieces make each place."""

    def __init__(self):
        super().__init__()
        self.convert_charrefs = False  # entities are written back as they were
        self.out = []  # raw HTML pieces, text pieces as [text]
        self.pending = {}  # id(frame) → indexes in self.out of its unflushed text
        self.place_pieces = {}  # place name → indexes in self.out

    def handle_starttag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        super().handle_starttag(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self.out.append(self.get_starttag_text())
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        super().handle_endtag(tag)

    def handle_data(self, data):
        self._text(data, data, editable=True)

    def handle_entityref(self, name):
        self._text(f"&{name};", html.unescape(f"&{name};"), editable=False)

    def handle_charref(self, name):
        self._text(f"&#{name};", html.unescape(f"&#{name};"), editable=False)

    def _text(self, raw, text, *, editable):
        # CKEditor writes letters as entities (đ&atilde;được): a letter's entity
        # joins the text around it, so a word spelled with one can be fixed.
        editable = editable or text.isalpha()
        pending = self.pending.setdefault(id(self.stack[-1]), [])
        last = self.out[-1] if self.out else None
        if editable and pending and pending[-1] == len(self.out) - 1 and last[2]:
            last[0] += raw
            last[1] += text
        else:
            pending.append(len(self.out))
            self.out.append([raw, text, editable])
        super().handle_data(text)

    def handle_comment(self, data):
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def _flush(self, frame):
        known = len(self.body.places)
        super()._flush(frame)
        pieces = self.pending.pop(id(frame), [])
        if len(self.body.places) > known:
            self.place_pieces[self.body.places[-1].name] = pieces

    def close(self):
        super().close()
        return self.body


def _fix_body(body_html, finding):
    rewriter = _Rewriter()
    rewriter.feed(body_html or "")
    rewriter.close()
    indexes = rewriter.place_pieces.get(finding.where)
    if not indexes:
        raise FixNotApplicable
    pieces = [rewriter.out[index][1:] for index in indexes]
    fixed = _fix_pieces(pieces, finding)
    for index, (before, editable), after in zip(indexes, pieces, fixed, strict=True):
        if editable and after != before:
            # Entities other than letters are pieces of their own, so edited text
            # holds no & or < to keep; letters written as entities become letters.
            rewriter.out[index][0] = html.escape(after, quote=False)
    return "".join(piece[0] if isinstance(piece, list) else piece for piece in rewriter.out)
