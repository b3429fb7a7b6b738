"""The allowlist for rich text: what an article body may contain.

Exactly what the editor offers and the reader's page can show, in markup that
does not depend on the editor: image alignment is three plain classes (the
reader CSP forbids inline styles anyway), which CKEditor 4 writes because
settings.CKEDITOR_CONFIGS sets `image2_alignClasses`, and which another editor
could write as well. static/css/site.css styles them.
"""

import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT = "align-left", "align-center", "align-right"
ALIGN_CLASSES = [ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT]  # image2_alignClasses' order

ALLOWED_TAGS = {
    "p",
    "div",
    "br",
    "hr",
    "h2",
    "h3",
    "h4",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "span",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "caption",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
# The link dialog's "new window"; its other targets mean nothing on a page
# that is never framed. nh3 adds rel="noopener noreferrer" to every link.
ALLOWED_ATTRIBUTE_VALUES = {"a": {"target": {"_blank"}}}
# Where CKEditor 4's image2 puts them: "image" marks a captioned <figure>; a
# left or right image carries its class itself (the <img>, or the <figure>
# when captioned); a centred one is wrapped in <p> (or <div> when captioned).
ALLOWED_CLASSES = {
    "figure": {"image", ALIGN_LEFT, ALIGN_RIGHT},
    "img": {ALIGN_LEFT, ALIGN_RIGHT},
    "p": {ALIGN_CENTER},
    "div": {ALIGN_CENTER},
}
# The reader CSP says `img-src 'self' data: https:`: any other image is blocked.
IMAGE_SCHEMES = {"", "https"}


def sanitize_html(html):
    """Return `html` with only allowlisted tags, attributes, classes and URL schemes."""
    if not html:
        return ""
    return _clean(html, on_refused_image=None)


def validate_image_sources(html):
    """Refuse rich text with images the reader's page would not show (http: and the like)."""
    refused = []
    if html:
        _clean(html, on_refused_image=refused.append)
    if refused:
        raise ValidationError(
            _("Images must be uploaded to the site or come from an https:// address: %(sources)s"),
            code="image_source",
            params={"sources": ", ".join(source.strip() for source in refused)},
        )


def _clean(html, *, on_refused_image):
    def attribute_filter(tag, attribute, value):
        if attribute == "class":
            # nh3 would keep an emptied class="" behind; leave no attribute instead.
            kept = [name for name in value.split() if name in ALLOWED_CLASSES.get(tag, ())]
            return " ".join(kept) or None
        if tag == "img" and attribute == "src" and not _showable_image(value):
            if on_refused_image is not None:
                on_refused_image(value)
            return None
        return value

    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=ALLOWED_ATTRIBUTE_VALUES,
        allowed_classes=ALLOWED_CLASSES,
        attribute_filter=attribute_filter,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


def _showable_image(src):
    # As a browser reads it: tabs and newlines dropped, surrounding blanks ignored.
    address = re.sub(r"[\t\n\r]", "", src).strip(" \x00-\x1f").lower()
    # Object storage on plain HTTP (a MinIO on the private network): the policy names it.
    media_origin = settings.MEDIA_ORIGIN.lower()
    if media_origin and address.startswith(f"{media_origin}/"):
        return True
    try:
        return urlsplit(address).scheme in IMAGE_SCHEMES
    except ValueError:
        return False
