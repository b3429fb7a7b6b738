"""The `picture` tag: a cover or card image as a responsive <picture>. No queries,
no storage calls (Article.card_image and cover_picture build the srcsets)."""

from html import escape

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

# How wide each kind of picture is drawn (static/css/site.css), so the browser picks
# the smallest rendition that is still sharp: a 390 px phone's card never loads 1200 px.
SIZES = {
    # The front page's lead story: a column of 2/3 of the page, the whole width below 800 px.
    "lead": "(max-width: 800px) calc(100vw - 2rem), (max-width: 1100px) "
    "calc((100vw - 3.5rem) * 2 / 3), 696px",
    # The article page's cover: the article column, at most 760 px.
    "cover": "(max-width: 792px) calc(100vw - 2rem), 760px",
    # A card in a grid: one column on a phone, up to four on a wide screen.
    "grid": "(max-width: 552px) calc(100vw - 2rem), (max-width: 1100px) 330px, 260px",
    # A grid card that becomes a 7rem row on phones (front-page sections, archive).
    "row": "(max-width: 600px) 7rem, (max-width: 1100px) 330px, 260px",
    "compact": "7rem",
    "search": "8rem",
}


@register.simple_tag
def picture(image, alt, layout="grid", eager=False):
    """`image` (a CardImage) as <picture>: WebP and JPEG srcsets with the `layout`'s sizes.

    `eager` for the picture that is the page's largest on the first screen: loaded
    at once and first (fetchpriority); the others wait until they are near.
    """
    if image is None:
        return ""
    # Built as one string: this runs for every card, and format_html() escaping each
    # part cost more than the rest of the card. The URLs come from the storage.
    size = f' width="{image.width}" height="{image.height}"' if image.width else ""
    loading = ' fetchpriority="high"' if eager else ' loading="lazy"'
    attributes = f'alt="{conditional_escape(alt)}"{size}{loading} decoding="async"'
    if not image.jpeg_srcset:
        return mark_safe(f'<img src="{escape(image.url)}" {attributes}>')
    sizes = SIZES[layout]
    return mark_safe(
        f'<picture><source type="image/webp" srcset="{escape(image.webp_srcset)}" '
        f'sizes="{sizes}"><img src="{escape(image.url)}" srcset="{escape(image.jpeg_srcset)}" '
        f'sizes="{sizes}" {attributes}></picture>'
    )
