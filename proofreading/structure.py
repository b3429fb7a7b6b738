"""The body's structure, read from its HTML, and the checks on it.

The body is the sanitized HTML CKEditor 4 writes: paragraphs (p, li,
blockquote), subheadings (h2–h4) and captioned images from the image2
plugin, `<figure class="image"><img alt src><figcaption>…</figcaption></figure>`.
"""

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from html.parser import HTMLParser
from operator import itemgetter

from .findings import finding
from .text import Place, excerpt, words_of

HEADLINE_MIN, HEADLINE_MAX = 20, 120
# Two paragraphs this alike by words (difflib's ratio) are one pasted twice.
DUPLICATE_RATIO = 0.8
# Short lines ("Ảnh: TTXVN", "(Còn nữa)") may repeat on purpose.
DUPLICATE_MIN_WORDS = 8
# A looser bound on distinct words shared, to pick the pairs worth comparing:
# Dice of the vocabularies >= SET_RATIO means sharing >= SHARED_WORDS of each.
SET_RATIO = DUPLICATE_RATIO - 0.1
SHARED_WORDS = SET_RATIO / (2 - SET_RATIO)
KINDS = {
    "p": "paragraph",
    "li": "paragraph",
    "blockquote": "paragraph",
    "h1": "subheading",
    "h2": "subheading",
    "h3": "subheading",
    "h4": "subheading",
    "h5": "subheading",
    "h6": "subheading",
    "figcaption": "caption",
    "td": "table",
    "th": "table",
    "caption": "table",
}


@dataclass
class Image:
    number: int
    alt: str | None
    caption: str = ""


@dataclass
class Body:
    places: list = field(default_factory=list)  # Place, in reading order
    images: list = field(default_factory=list)
    # ("subheading" | "content", place name), in reading order
    outline: list = field(default_factory=list)

    @property
    def paragraphs(self):
        return [place for place in self.places if place.kind == "paragraph"]


class _BodyParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.body = Body()
        self.stack = [["", []]]  # [tag, text parts]; the root holds loose text
        self.counts = {}
        self.figure = None  # the images of the open <figure>
        self.tables = 0

    def handle_starttag(self, tag, attrs):
        if tag in KINDS:
            self._flush(self.stack[-1])
            self.stack.append([tag, []])
        elif tag == "br":
            self.stack[-1][1].append("\n")
        elif tag == "img":
            image = Image(len(self.body.images) + 1, dict(attrs).get("alt"))
            self.body.images.append(image)
            self.body.outline.append(("content", f"image {image.number}"))
            if self.figure is not None:
                self.figure.append(image)
        elif tag == "figure":
            self.figure = []
        elif tag == "table":
            self.tables += 1

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "figure":
            self.figure = None
        if tag not in KINDS or all(frame[0] != tag for frame in self.stack[1:]):
            return
        while True:
            frame = self.stack.pop()
            self._flush(frame)
            if frame[0] == tag:
                break

    def handle_data(self, data):
        self.stack[-1][1].append(data)

    def close(self):
        super().close()
        while len(self.stack) > 1:
            self._flush(self.stack.pop())
        self._flush(self.stack[0])
        return self.body

    def _flush(self, frame):
        tag, parts = frame
        text = "".join(parts).strip()
        parts.clear()
        if not text.strip("\u00a0 \n"):
            return
        kind = KINDS.get(tag, "paragraph")
        if kind == "caption" and self.figure:
            number = self.figure[-1].number
            for image in self.figure:
                image.caption = text
        elif kind == "table":
            number = self.tables
        else:
            number = self.counts[kind] = self.counts.get(kind, 0) + 1
        place = Place(f"{kind} {number}", kind, text)
        self.body.places.append(place)
        self.body.outline.append(("subheading" if kind == "subheading" else "content", place.name))


def parse_body(html):
    """The places, images and outline of an article body."""
    parser = _BodyParser()
    parser.feed(html or "")
    return parser.close()


def check_structure(headline, lead, body, *, has_cover):
    """Findings about the article's parts: headline, lead, cover, images, subheadings."""
    findings = []
    title = " ".join(headline.split())
    if len(title) < HEADLINE_MIN:
        findings.append(finding("headline_too_short", "headline", title))
    elif len(title) > HEADLINE_MAX:
        findings.append(finding("headline_too_long", "headline", excerpt(title, 0, 0)))
    paragraphs = body.paragraphs
    if not lead.strip():
        findings.append(finding("missing_lead", "lead", ""))
    elif paragraphs and _alike(words_of(lead), words_of(paragraphs[0].text)):
        findings.append(
            finding("lead_repeats_body", f"lead, {paragraphs[0].name}", excerpt(lead, 0, 0))
        )
    if not has_cover:
        findings.append(finding("missing_cover", "cover", ""))
    for image in body.images:
        if not image.caption:
            findings.append(finding("image_without_caption", f"image {image.number}", ""))
        if not (image.alt or "").strip():
            findings.append(
                finding("image_without_alt", f"image {image.number}", image.caption[:80])
            )
    roles = [role for role, _name in body.outline] + ["end"]
    for index, (role, name) in enumerate(body.outline):
        if role == "subheading" and roles[index + 1] != "content":
            text = next(place.text for place in body.places if place.name == name)
            findings.append(finding("empty_subheading", name, text))
    return findings


def check_duplicates(paragraphs):
    """Paragraphs that are the same or nearly the same, with both their places."""
    words = [words_of(place.text) for place in paragraphs]
    findings, repeated = [], set()
    for earlier, later in _candidate_pairs(words):
        if later not in repeated and _alike(words[earlier], words[later]):
            repeated.add(later)  # reported once, with the first paragraph it repeats
            text = paragraphs[later].text
            where = f"{paragraphs[earlier].name}, {paragraphs[later].name}"
            findings.append(finding("duplicate_paragraph", where, excerpt(text, 0, 0)))
    return findings


def _candidate_pairs(words):
    """Pairs (earlier, later) sharing enough of their vocabulary to be alike, in order.

    Comparing every pair costs milliseconds on a long article. Two paragraphs
    this alike share more than half their distinct words, so they share one
    of each paragraph's rarest words (the prefix filter of set-similarity joins).
    """
    vocabularies = [set(each) if len(each) >= DUPLICATE_MIN_WORDS else set() for each in words]
    frequency = Counter(word for vocabulary in vocabularies for word in vocabulary)
    rank = {
        word: place
        for place, (word, _count) in enumerate(sorted(frequency.items(), key=itemgetter(1, 0)))
    }
    index = defaultdict(list)
    pairs = []
    for later, vocabulary in enumerate(vocabularies):
        rarest = sorted(vocabulary, key=rank.__getitem__)
        prefix = rarest[: len(rarest) - math.ceil(SHARED_WORDS * len(rarest)) + 1]
        candidates = {earlier for word in prefix for earlier in index[word]}
        for word in prefix:
            index[word].append(later)
        for earlier in sorted(candidates):
            first, second = vocabularies[earlier], vocabularies[later]
            if 2 * len(first & second) >= SET_RATIO * (len(first) + len(second)):
                pairs.append((earlier, later))
    return pairs


def _alike(first, second):
    return bool(first) and SequenceMatcher(None, first, second, autojunk=False).ratio() >= (
        DUPLICATE_RATIO
    )
