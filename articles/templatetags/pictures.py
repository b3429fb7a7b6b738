"""The `picture` tag: a cover or card image as a responsive <picture>. No queries,
one storage call (Article.card_image / cover_picture build the srcset)."""

from django import template
from django.utils.html import format_html
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
    size = format_html(' width="{}" height="{}"', image.width, image.height) if image.width else ""
    loading = mark_safe(' fetchpriority="high"' if eager else ' loading="lazy"')
    if not image.jpeg_srcset:
        return format_html(
            '<img src="{}" alt="{}"{}{} decoding="async">', image.url, alt, size, loading
        )
    sizes = SIZES[layout]
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">'
        '<img src="{}" srcset="{}" sizes="{}" alt="{}"{}{} decoding="async"></picture>',
        image.webp_srcset,
        sizes,
        image.url,
        image.jpeg_srcset,
        sizes,
        alt,
        size,
        loading,
    )
