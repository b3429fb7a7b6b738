"""Cover renditions (the WebP and JPEG copies reader pages choose from, one of
them the thumbnail that lists fall back to), content-addressed cover names, and
cleaning of images stored before the image pipeline.

Covers and renditions are named after a hash of their bytes: the same picture is
stored once however many articles show it (an archive import gives hundreds the
same cover), two web servers agree on the name without asking each other, and a
name never changes its content, so browsers may keep it for a year. A file is
deleted only when no article uses it any more (release_cover_files).
"""

import functools
import hashlib
import logging
import re
from functools import partial

from ckeditor_uploader import utils as ckeditor_utils
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.signals import setting_changed
from django.db import transaction
from django.dispatch import receiver

from newsroom import images

logger = logging.getLogger(__name__)

# The card thumbnail is the JPEG rendition this wide (or the nearest wider one).
THUMBNAIL_WIDTH = 640


# What cover_name() makes: the hash of the bytes names their renditions' folder too.
HASHED_COVER = re.compile(r"^covers/([0-9a-f]{2})/(\1[0-9a-f]{30})\.[a-z]+$")


def content_hash(data):
    """The hex digest that names stored covers and their renditions."""
    return hashlib.sha256(data).hexdigest()[:32]


def cover_name(data, extension):
    """`covers/ab/ab…ef.jpg`: where a cleaned cover with these bytes is stored."""
    digest = content_hash(data)
    return f"covers/{digest[:2]}/{digest}.{extension}"


def renditions_dir(data):
    digest = content_hash(data)
    return f"renditions/{digest[:2]}/{digest}"


def rendition_names(renditions):
    """Every file name in a `cover_renditions` value."""
    if not renditions:
        return []
    folder = renditions["dir"]
    return [f"{folder}/{width}.{ext}" for width in renditions["widths"] for ext in ("webp", "jpg")]


# The URL prefix of content-named files, per storage (see media_prefix).
_url_prefixes = {}


def media_prefix(storage):
    """The URL that a content-named file's name is appended to, or None when the
    storage's URLs are not its names under one prefix (signed URLs, say).

    Asked of the storage once: a card is rendered fifty times a page, and building
    ten URLs for each through the storage cost more than the rest of the card.
    """
    key = id(storage)
    if key not in _url_prefixes:
        probe = "renditions/00/00/160.jpg"
        url = storage.url(probe)
        # The storage is kept with its prefix, so that its id is never another's.
        _url_prefixes[key] = (storage, url[: -len(probe)] if url.endswith(probe) else None)
    return _url_prefixes[key][1]


@receiver(setting_changed)
def _forget_url_prefixes(setting, **kwargs):
    if setting in {"MEDIA_URL", "STORAGES"} or setting.startswith("AWS_"):
        _url_prefixes.clear()


def rendition_srcsets(storage, renditions):
    """(WebP srcset, JPEG srcset, a function width -> the JPEG's URL) of `renditions`."""
    folder, widths = renditions["dir"], renditions["widths"]
    prefix = media_prefix(storage)
    if prefix is None:

        def url(width, extension):
            return storage.url(f"{folder}/{width}.{extension}")
    else:
        base = f"{prefix}{folder}/"

        def url(width, extension):
            return f"{base}{width}.{extension}"

    webp = ", ".join(f"{url(width, 'webp')} {width}w" for width in widths)
    jpeg = ", ".join(f"{url(width, 'jpg')} {width}w" for width in widths)
    return webp, jpeg, url


# An archive import gives hundreds of articles the same cover: its renditions are
# made once. Keyed by the bytes themselves, so a changed picture is never confused.
@functools.lru_cache(maxsize=8)
def _make_renditions(data):
    return images.clean_image(data, renditions=True)


def store_once(storage, name, content):
    """Store `content` as `name` unless a file has that (content-hashed) name already.

    True when this call stored it. Never a renamed copy: two servers writing the
    same picture at once write the same bytes.
    """
    if storage.exists(name):
        return False
    stored = storage.save(name, ContentFile(content))
    if stored != name:  # another server stored it a moment ago
        storage.delete(stored)
        return False
    return True


def refresh_cover_renditions(article):
    """Make (or find) the renditions of the article's cover and point the article at them.

    Sets `cover_renditions` and the thumbnail fields (the JPEG rendition
    THUMBNAIL_WIDTH wide, or the nearest wider one). Without a cover, or when the cover cannot be read, the
    article is left with neither (lists then show the cover itself). Returns the
    names of the files this call stored. Works on historical models in migrations too.
    """
    cover = article.cover_image
    article.cover_renditions = {}
    article.cover_thumbnail = ""
    article.cover_thumbnail_width = article.cover_thumbnail_height = None
    if not cover:
        return []
    try:
        renditions = _renditions_in_storage(cover, article.cover_width, article.cover_height)
        stored = []
        if renditions is None:
            renditions, stored = _renditions(cover.storage, _read(cover))
    except (OSError, ValidationError) as error:
        logger.warning("No renditions for the cover %s: %s", cover.name, error)
        return []
    article.cover_renditions = renditions
    folder, widths, size = renditions["dir"], renditions["widths"], renditions["size"]
    width = min(w for w in widths if w >= min(THUMBNAIL_WIDTH, widths[-1]))
    thumbnail = article.cover_thumbnail
    # Set on the field file, not the field: assigning the field reads the file's size back.
    thumbnail.name = f"{folder}/{width}.jpg"
    article.cover_thumbnail_width = width
    article.cover_thumbnail_height = images.rendition_height(*size, width)
    return stored


def _renditions_in_storage(cover, width, height):
    """The renditions of a stored content-named cover when they exist, else None.

    Its name holds the hash and its size is on the article: an import line or a save
    that finds them does not read the cover back from the storage.
    """
    match = HASHED_COVER.match(cover.name or "")
    if not match or not width or not height or not getattr(cover, "_committed", True):
        return None
    folder = f"renditions/{match[1]}/{match[2]}"
    widths = images.rendition_widths(width)
    if not cover.storage.exists(f"{folder}/{widths[-1]}.jpg"):
        return None
    return {"dir": folder, "widths": widths, "size": [width, height]}


def _renditions(storage, data):
    """The `cover_renditions` value for a cover's bytes, and the names stored to make it.

    When the renditions exist already (another article has this cover) nothing is
    decoded: a cover stored through the pipeline is upright and carries no EXIF, so
    its header gives its size. The widest JPEG is written last, so its presence
    means all are there.
    """
    folder = renditions_dir(data)
    if not images.carries_metadata(data):
        header = images.read_header(data)
        widths = images.rendition_widths(header.width)
        if storage.exists(f"{folder}/{widths[-1]}.jpg"):
            size = [header.width, header.height]
            return {"dir": folder, "widths": widths, "size": size}, []
    clean = _make_renditions(data)
    stored = []
    # Narrowest first, so the widest JPEG is the last file written.
    for rendition in sorted(clean.renditions, key=lambda r: (r.width, r.format == "JPEG")):
        name = f"{folder}/{rendition.width}.{rendition.extension}"
        if store_once(storage, name, rendition.content):
            stored.append(name)
    widths = sorted({r.width for r in clean.renditions})
    return {"dir": folder, "widths": widths, "size": [clean.width, clean.height]}, stored


def release_cover_files(storage, cover, renditions, thumbnail=""):
    """Delete a cover and its renditions that no article uses any more.

    Called after the commit that stopped using them, so the check sees it. A cover
    that a correction awaiting an editor proposes is kept for it (its renditions
    are made again when the correction is published).
    """
    from .models import Article, ArticleRevision

    waiting = ArticleRevision.objects.filter(
        state=ArticleRevision.State.PENDING, content__cover_image=cover
    )
    if cover and not Article.objects.filter(cover_image=cover).exists() and not waiting.exists():
        storage.delete(cover)
    if renditions and not Article.objects.filter(cover_renditions__dir=renditions["dir"]).exists():
        for name in rendition_names(renditions):
            storage.delete(name)
    # A thumbnail made before the renditions belonged to its article alone.
    if thumbnail and not thumbnail.startswith("renditions/"):
        if not Article.objects.filter(cover_thumbnail=thumbnail).exists():
            storage.delete(thumbnail)


def release_after_commit(storage, cover, renditions, thumbnail=""):
    """release_cover_files() once the transaction commits; nothing if it rolls back."""
    if cover or renditions or thumbnail:
        transaction.on_commit(partial(release_cover_files, storage, cover, renditions, thumbnail))


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
    """Re-encode covers and editor images stored with metadata before the image
    pipeline, and make the renditions of covers stored before there were any.

    A cover is replaced through the article (new cover, new renditions, the old
    files deleted after the commit); an editor image is rewritten under its own
    name, since article bodies link to it. Returns (covers cleaned, covers given
    renditions, editor images cleaned).
    """
    from ckeditor_uploader.views import get_image_files

    from .fields import CleanedImage
    from .models import RENDITION_FIELDS, Article

    covers = rendered = 0
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
        elif not article.cover_renditions:
            old_thumbnail = article.cover_thumbnail.name
            refresh_cover_renditions(article)
            if not article.cover_renditions:
                continue  # unreadable: logged, and the article keeps what it had
            with transaction.atomic():
                article.save(update_fields=RENDITION_FIELDS)
                # The thumbnail made before the renditions is one of them now.
                release_after_commit(article.cover_image.storage, "", None, old_thumbnail)
            rendered += 1
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
    return covers, rendered, editor_images
