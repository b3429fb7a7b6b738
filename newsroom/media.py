"""Moving media to object storage, and checking that every file the database names is there.

Two storages hold the site's files (settings.STORAGES): "default", the public media
(covers, thumbnails, editor images, and whatever other file fields the models
gain), and "attachments", the readers' private files. `manage.py
copy_media_to_storage` copies the local folders of a one-server site into them
and checks the result.
"""

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.apps import apps
from django.conf import settings
from django.core.files import File
from django.core.files.storage import storages
from django.db import models
from django.http import Http404, HttpResponsePermanentRedirect
from django.utils.cache import patch_cache_control

IMAGE_SOURCE = re.compile(r"""<img\b[^>]*?\bsrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)


@dataclass
class CopyReport:
    copied: list = field(default_factory=list)
    skipped: list = field(default_factory=list)


def copy_folder(folder, storage, report=None):
    """Copy every file under `folder` into `storage` under the same name.

    A file already there with the same size (and the same MD5, where the storage
    tells it, as S3's ETag of a single-part upload does) is skipped, so a copy that
    was interrupted can simply be run again.
    """
    report = report or CopyReport()
    folder = Path(folder)
    if not folder.is_dir():
        return report
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        name = path.relative_to(folder).as_posix()
        if _already_stored(storage, name, path):
            report.skipped.append(name)
            continue
        if storage.exists(name):
            storage.delete(name)  # a different file under that name: replace it
        with path.open("rb") as source:
            saved = storage.save(name, File(source, name=name))
        if saved != name:
            raise RuntimeError(f"{name} was stored as {saved}: the storage renamed it")
        report.copied.append(name)
    return report


def _already_stored(storage, name, path):
    if not storage.exists(name) or storage.size(name) != path.stat().st_size:
        return False
    etag = _etag(storage, name)
    if etag is None or "-" in etag:  # no MD5 to compare (multipart uploads have none)
        return True
    return etag == hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()


def _etag(storage, name):
    bucket = getattr(storage, "bucket", None)
    if bucket is None:
        return None
    return bucket.Object(storage._normalize_name(name)).e_tag.strip('"')


def referenced_files():
    """(storage, name, where) of every file the database names.

    Every FileField of every model (covers, thumbnails, authors' photos, renditions),
    every comment attachment with its thumbnail and page previews, and every image
    placed in an article's body by the editor.
    """
    from articles.models import Article
    from comments.attachments import attachment_storage
    from comments.models import Comment

    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            if not isinstance(model_field, models.FileField):
                continue
            rows = model._default_manager.exclude(**{model_field.attname: ""}).exclude(
                **{f"{model_field.attname}__isnull": True}
            )
            for pk, name in rows.values_list("pk", model_field.attname).iterator():
                yield model_field.storage, name, f"{model._meta.label} {pk} {model_field.name}"
    comments = Comment.objects.exclude(attachment="").only(
        "pk", "attachment", "attachment_thumbnail", "attachment_pages"
    )
    for comment in comments.iterator():
        for name in comment.stored_files():
            yield attachment_storage(), name, f"comments.Comment {comment.pk} attachment"
    for pk, body in Article.objects.values_list("pk", "body").iterator():
        for source in IMAGE_SOURCE.findall(body or ""):
            name = media_name(source)
            if name:
                yield storages["default"], name, f"articles.Article {pk} body"


def media_name(url):
    """The storage name behind a public media URL, or None for an image from elsewhere.

    Knows both the storage's own addresses and the local MEDIA_URL (on this site),
    which bodies written before the move to object storage still use.
    """
    url = url.strip()
    bases = [storages["default"].url("x")[:-1], settings.MEDIA_URL]
    bases += [settings.SITE_URL + base for base in bases if base.startswith("/")]
    for base in bases:
        if base and url.startswith(base):
            return unquote(urlsplit(url[len(base) :]).path) or None
    return None


def missing_files():
    """[(name, where)] of the files the database names that their storage lacks."""
    missing = []
    found = {}
    for storage, name, where in referenced_files():
        key = (id(storage), name)
        if key not in found:
            found[key] = storage.exists(name)
        if not found[key]:
            missing.append((name, where))
    return missing


def moved_media(request, name):
    """/media/<name>, as bodies written on one server link to it: the file in its bucket.

    Only with the media in object storage; on one server nginx (or, with DEBUG,
    Django) serves /media/ from the disk and this is never reached.
    """
    if not settings.MEDIA_IN_OBJECT_STORAGE or name.startswith(("/", "..")) or "/../" in name:
        raise Http404
    response = HttpResponsePermanentRedirect(storages["default"].url(name))
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response
