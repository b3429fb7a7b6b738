"""What search engines and link previews read: absolute URLs and JSON-LD."""

import json
import mimetypes

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import localtime

# The same escapes as Django's json_script: no `</script>` or `<!--` can close the block.
_JSON_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def absolute_url(url):
    """`url` on SITE_URL, unless the storage already made it absolute."""
    if not url or url.startswith(("http://", "https://")):
        return url
    return f"{settings.SITE_URL}{url}"


def cover_url(article):
    """The cover image's absolute URL, or "" when the article has none."""
    return absolute_url(article.cover_image.url) if article.cover_image else ""


def cover_enclosure(article):
    """(url, size in bytes, MIME type) of the cover image, or None when there is no file."""
    if not article.cover_image:
        return None
    try:
        size = article.cover_image.size
    except OSError:
        # A row whose file went missing still gets its feed item, without an enclosure.
        return None
    mime_type = mimetypes.guess_type(article.cover_image.name)[0] or "application/octet-stream"
    return cover_url(article), size, mime_type


def news_article_data(article):
    """The schema.org NewsArticle describing `article` (a plain dict)."""
    url = absolute_url(article.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title,
        "description": article.lead,
        # In the newsroom's time zone, like the page's Open Graph times.
        "datePublished": localtime(article.published_at).isoformat()
        if article.published_at
        else None,
        "dateModified": localtime(article.public_updated_at).isoformat(),
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": absolute_url(author.get_absolute_url()),
            }
            for author in article.byline_authors
        ],
        "publisher": {
            "@type": "Organization",
            "name": settings.SITE_NAME,
            "url": settings.SITE_URL + "/",
            "logo": {"@type": "ImageObject", "url": absolute_url(static("img/logo.png"))},
        },
        "inLanguage": "vi",
    }
    if article.cover_image:
        data["image"] = [cover_url(article)]
    if article.section:
        data["articleSection"] = article.section.name
    tags = [tag.name for tag in article.tags.all()]
    if tags:
        data["keywords"] = tags
    return {key: value for key, value in data.items() if value is not None}


def json_ld_script(data):
    """`data` as a <script type="application/ld+json"> block, safe to put in HTML."""
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_JSON_SCRIPT_ESCAPES)),
    )
