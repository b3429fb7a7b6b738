"""Cover thumbnails: the small JPEG that list pages show instead of the full cover."""

import io
import logging
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

THUMBNAIL_MAX_WIDTH = 640
THUMBNAIL_QUALITY = 80
# Pillow's complaints about a file it cannot turn into a picture.
UNREADABLE = (OSError, SyntaxError, ValueError, Image.DecompressionBombError)


def make_thumbnail(data):
    """JPEG bytes of the picture in `data`: at most 640 px wide, upright, on white, no metadata."""
    with Image.open(io.BytesIO(data)) as image:
        image = ImageOps.exif_transpose(image)
        if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
            # JPEG has no alpha: transparent parts become the page's white.
            rgba = image.convert("RGBA")
            image = Image.new("RGB", rgba.size, "white")
            image.paste(rgba, mask=rgba.getchannel("A"))
        elif image.mode != "RGB":
            image = image.convert("RGB")
        if image.width > THUMBNAIL_MAX_WIDTH:
            height = max(1, round(image.height * THUMBNAIL_MAX_WIDTH / image.width))
            image = image.resize((THUMBNAIL_MAX_WIDTH, height), Image.Resampling.LANCZOS)
        image.info = {}  # EXIF, ICC, XMP and comments stay behind.
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", quality=THUMBNAIL_QUALITY, optimize=True)
    return buffer.getvalue()


def refresh_cover_thumbnail(article):
    """Store a new thumbnail of the article's cover and point the article at it.

    Without a cover, or when the cover cannot be read, the article is left with
    no thumbnail (lists then show the cover itself). Returns the new file's name,
    or "" when none was stored. Works on historical models in migrations too.
    """
    cover = article.cover_image
    article.cover_thumbnail = ""
    if not cover:
        return ""
    try:
        content = make_thumbnail(_read(cover))
    except UNREADABLE as error:
        logger.warning("No thumbnail for the cover %s: %s", cover.name, error)
        return ""
    name = f"{PurePosixPath(cover.name).stem}.jpg"
    # Named, so that Django reads the width and height from the content.
    article.cover_thumbnail.save(name, ContentFile(content, name=name), save=False)
    return article.cover_thumbnail.name


def _read(field_file):
    """The bytes of a stored cover, or of one just uploaded and not yet stored.

    An upload is left open and rewound: Django stores it when the article is saved.
    """
    if getattr(field_file, "_committed", True):
        with field_file.storage.open(field_file.name, "rb") as stored:
            return stored.read()
    upload = field_file.file
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    return data
