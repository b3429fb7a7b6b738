"""What a check reports: a finding, its kind and severity, and their labels for the desk."""

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

ERROR, WARNING = "error", "warning"

# kind → (severity, label). Slips a reader notices at once, or that break
# search, are errors; the rest are warnings an editor may overrule.
KINDS = {
    "glued_syllables": (ERROR, _("Glued syllables")),
    "duplicate_paragraph": (ERROR, _("Duplicated paragraph")),
    "decomposed_unicode": (ERROR, _("Decomposed Unicode (NFD)")),
    "repeated_word": (WARNING, _("Word repeated")),
    "double_space": (WARNING, _("Double space")),
    "space_before_punctuation": (WARNING, _("Space before punctuation")),
    "missing_space_after_punctuation": (WARNING, _("No space after punctuation")),
    "dash_spacing": (WARNING, _("Space on one side of a dash only")),
    "unbalanced_quotes": (WARNING, _("Unbalanced quotation marks")),
    "unbalanced_brackets": (WARNING, _("Unbalanced brackets")),
    "mixed_quotes": (WARNING, _("Straight and curly quotes mixed")),
    "missing_lead": (WARNING, _("No lead")),
    "lead_repeats_body": (WARNING, _("Lead repeats the first paragraph")),
    "headline_too_short": (WARNING, _("Headline too short")),
    "headline_too_long": (WARNING, _("Headline too long")),
    "image_without_caption": (WARNING, _("Image without a caption")),
    "image_without_alt": (WARNING, _("Image without alt text")),
    "missing_cover": (WARNING, _("No cover image")),
    "empty_subheading": (WARNING, _("Subheading with no text under it")),
}
SEVERITY_LABELS = {ERROR: _("Error"), WARNING: _("Warning")}
# A place is "headline", "lead", "cover", or a part of the body and its number.
PLACE_LABELS = {
    "headline": pgettext_lazy("place in an article", "Headline"),
    "lead": pgettext_lazy("place in an article", "Lead"),
    "cover": pgettext_lazy("place in an article", "Cover image"),
    "paragraph": pgettext_lazy("place in an article", "Paragraph %(number)s"),
    "subheading": pgettext_lazy("place in an article", "Subheading %(number)s"),
    "caption": pgettext_lazy("place in an article", "Caption %(number)s"),
    "image": pgettext_lazy("place in an article", "Image %(number)s"),
    "table": pgettext_lazy("place in an article", "Table %(number)s"),
}


@dataclass(frozen=True)
class Suggestion:
    """A machine-applicable fix: replace `old` by `new` in the place the finding names.

    The checks read text normalized to NFC, so `old` is NFC text, except for
    decomposed_unicode, whose `old` is the stored NFD text: normalize first.
    """

    old: str
    new: str


@dataclass(frozen=True)
class Finding:
    kind: str
    severity: str
    where: str  # one place ("paragraph 3") or several ("paragraph 3, paragraph 7")
    excerpt: str
    suggestion: Suggestion | None = None

    @property
    def kind_label(self):
        return KINDS[self.kind][1]

    @property
    def severity_label(self):
        return SEVERITY_LABELS[self.severity]

    @property
    def where_label(self):
        return ", ".join(place_label(place) for place in self.where.split(", "))


def finding(kind, where, excerpt, suggestion=None):
    """A Finding of `kind`, with the severity that kind always has."""
    return Finding(kind, KINDS[kind][0], where, excerpt, suggestion)


def place_label(place):
    """ "paragraph 3" → "Đoạn 3" (in the active language)."""
    match = re.fullmatch(r"([a-z]+)(?: (\d+))?", place)
    if match is None or match[1] not in PLACE_LABELS:
        return place
    label = PLACE_LABELS[match[1]]
    return str(label) % {"number": match[2]} if match[2] else str(label)
