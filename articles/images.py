"""Cover thumbnails (the small JPEG that list pages show instead of the full cover),
and cleaning of images stored before the image pipeline."""

import functools
import logging
from pathlib import PurePosixPath

from ckeditor_uploader import utils as ckeditor_utils
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction

from newsroom import images

logger = logging.getLogger(__name__)

# At most 640 px wide; a tall picture is bounded by the stored long edge.
THUMBNAIL_BOX = (640, images.STORED_LONG_EDGE)


# An archive import gives hundreds of articles the same cover: its thumbnail is
# made once. Keyed by the bytes themselves, so a changed picture is never confused.
@functools.lru_cache(maxsize=8)
def make_thumbnail(data):
    """JPEG bytes of the picture in `data`: at most 640 px wide, upright, on white, no metadata."""
    return images.clean_image(data, thumbnail_box=THUMBNAIL_BOX).thumbnail


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
    except (OSError, ValidationError) as error:
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


def clean_stored_images():
    """Re-encode covers and editor images stored with metadata before the image pipeline.

    A cover is replaced through the article (new cover, new thumbnail, the old
    files deleted after the commit); an editor image is rewritten under its own
    name, since article bodies link to it. Returns (covers, editor images) cleaned.
    """
    from ckeditor_uploader.views import get_image_files

    from .fields import CleanedImage
    from .models import Article

    covers = 0
    for article in Article.objects.exclude(cover_image="").iterator():
        try:
            with article.cover_image.open("rb") as stored:
                data = stored.read()
        except OSError:
            continue  # a missing file: lists already fall back to no picture
        if images.carries_metadata(data):
            with transaction.atomic():
                article.cover_image = CleanedImage.from_file(
                    ContentFile(data), article.cover_image.name
                )
                article.save()
            covers += 1
    editor_images = 0
    storage = ckeditor_utils.storage
    for name in get_image_files():
        with storage.open(name, "rb") as stored:
            data = stored.read()
        if not images.carries_metadata(data):
            continue
        try:
            clean = images.clean_image(data)
        except ValidationError as error:
            logger.warning("Editor image %s left as it is: %s", name, error)
            continue
        storage.delete(name)
        storage.save(name, ContentFile(clean.content))
        editor_images += 1
    return covers, editor_images
