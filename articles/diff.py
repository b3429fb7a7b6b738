"""Word-level differences between two versions of a text, for the article history.

Texts are compared as readers read them: HTML becomes its text, one block per
paragraph, in Unicode NFC with whitespace collapsed. So a reflowed paragraph,
an attribute change or a word typed in decomposed form (NFD, as some Mac and
phone keyboards send it) is no change, and a changed tone mark is one changed
word: Vietnamese puts each syllable between spaces, and a word is compared whole.
"""

import difflib
import unicodedata
from html.parser import HTMLParser
from pathlib import PurePosixPath

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Elements that end a line of reading; their text starts a new block.
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header",
    "hr", "li", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul",
}  # fmt: skip
# Unicode's paragraph separator: a newline in the HTML source is only whitespace.
PARAGRAPH = "\u2029"


class _TextCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS:
            self.parts.append(PARAGRAPH)
        elif tag == "img":
            # A picture counts as its file name (in brackets) and its alternative text.
            attrs = dict(attrs)
            name = PurePosixPath(attrs.get("src") or "").name
            self.parts.append(f" [{name}] " if name else " ")
            self.parts.append(f" {attrs.get('alt') or ''} ")

    def handle_endtag(self, tag):
        if tag in BLOCK_TAGS:
            self.parts.append(PARAGRAPH)

    def handle_data(self, data):
        self.parts.append(data.replace(PARAGRAPH, " "))


def text_blocks(html):
    """The paragraphs of `html` as plain text: NFC, whitespace collapsed, empty ones dropped."""
    collector = _TextCollector()
    collector.feed(html or "")
    collector.close()
    text = unicodedata.normalize("NFC", "".join(collector.parts))
    blocks = (" ".join(block.split()) for block in text.split(PARAGRAPH))
    return [block for block in blocks if block]


def words(blocks):
    """The words of `blocks`, with a paragraph mark between blocks."""
    tokens = []
    for index, block in enumerate(blocks):
        if index:
            tokens.append(PARAGRAPH)
        tokens.extend(block.split())
    return tokens


def _render(tokens, *, marked=False):
    # A paragraph break that was added or removed is shown as ¶, or it would be invisible.
    paragraph = "¶" if marked else "<br>"
    return " ".join(paragraph if token == PARAGRAPH else escape(token) for token in tokens)


def diff_words(old_tokens, new_tokens):
    """HTML of the new words, removed ones in <del> and added ones in <ins> (all escaped)."""
    matcher = difflib.SequenceMatcher(None, old_tokens, new_tokens, autojunk=False)
    pieces = []
    for op, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if op == "equal":
            pieces.append(_render(new_tokens[new_start:new_end]))
            continue
        if op in ("delete", "replace"):
            pieces.append(f"<del>{_render(old_tokens[old_start:old_end], marked=True)}</del>")
        if op in ("insert", "replace"):
            pieces.append(f"<ins>{_render(new_tokens[new_start:new_end], marked=True)}</ins>")
    return mark_safe(" ".join(pieces))


def diff_html(old_html, new_html):
    """The word diff of two rich texts; None when readers would see the same text."""
    old_tokens, new_tokens = words(text_blocks(old_html)), words(text_blocks(new_html))
    return None if old_tokens == new_tokens else diff_words(old_tokens, new_tokens)


def diff_text(old, new):
    """The word diff of two plain texts (headline, lead); None when the words are the same."""
    return diff_html(escape(old or ""), escape(new or ""))
