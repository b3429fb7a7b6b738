"""Reader attachments: judged by their content, cleaned, stored privately, served safely.

A reader's file is never stored as sent. Images go through the site's image
pipeline (newsroom.images: bounded decoding, orientation applied, every
metadata block dropped, first frame only, at most 2,560 px long); PDFs are
rebuilt from pictures of their pages (comments/pdf.py).
Everything else is refused, whatever its name or claimed type says.
"""

import re
import secrets
import struct
import unicodedata
from dataclasses import dataclass
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

from newsroom import images

from . import pdf

MEBIBYTE = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * MEBIBYTE
THUMBNAIL_BOX = (480, 480)
MAX_NAME_LENGTH = 100


@dataclass(frozen=True)
class FileKind:
    content_type: str
    extension: str
    pillow_format: str | None = None

    @property
    def is_image(self):
        return self.pillow_format is not None


JPEG = FileKind("image/jpeg", "jpg", "JPEG")
PNG = FileKind("image/png", "png", "PNG")
GIF = FileKind("image/gif", "gif", "GIF")
WEBP = FileKind("image/webp", "webp", "WEBP")
PDF = FileKind("application/pdf", "pdf")
KINDS_BY_EXTENSION = {kind.extension: kind for kind in (JPEG, PNG, GIF, WEBP, PDF)}

# Markup that makes a file a polyglot: a browser or a viewer could run it.
MARKUP = re.compile(
    rb"<\s*(?:script|html|body|svg|iframe|object|embed|meta|!doctype|\?php)", re.IGNORECASE
)
WINDOWS_RESERVED_NAMES = {"CON", "PRN", "AUX", "NUL"} | {
    f"{port}{n}" for port in ("COM", "LPT") for n in range(1, 10)
}
UNSAFE_NAME_CHARACTERS = re.compile(r'[<>:"/\\|?*]')


@dataclass(frozen=True)
class CleanAttachment:
    """A file that passed every check, ready to store."""

    kind: FileKind
    content: bytes
    name: str
    width: int | None = None
    height: int | None = None
    thumbnail: bytes | None = None
    thumbnail_kind: FileKind | None = None
    previews: tuple[bytes, ...] = ()  # a JPEG of each page of a PDF

    @property
    def size(self):
        return len(self.content)


def max_attachment_bytes():
    return getattr(settings, "COMMENTS_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_BYTES)


def max_size_label():
    """`10 MB`: the cap as readers are told it."""
    size = max_attachment_bytes()
    if size >= MEBIBYTE:
        return f"{size / MEBIBYTE:.3g} MB"
    return f"{size / 1024:.3g} KB"


def too_large_message():
    return _("The file is larger than %(size)s. Choose a smaller file.") % {
        "size": max_size_label()
    }


def attachment_storage():
    """The private storage, looked up at use time so settings overrides apply."""
    return storages["attachments"]


def clean_upload(uploaded_file):
    """Check an uploaded file by its content and return what may be stored.

    Raises ValidationError with a message for the reader when the file is refused.
    """
    if uploaded_file.size > max_attachment_bytes():
        raise ValidationError(too_large_message(), code="too_large")
    uploaded_file.seek(0)
    data = uploaded_file.read()
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    kind = sniff(data)
    if kind is None:
        raise ValidationError(
            _(
                "This type of file cannot be attached. Attach a JPEG, PNG, WebP or GIF "
                "image, or a PDF document."
            ),
            code="file_type",
        )
    if MARKUP.search(data):
        raise ValidationError(
            _("This file hides web page code inside it and cannot be attached."),
            code="polyglot",
        )
    name = clean_file_name(uploaded_file.name, kind.extension)
    if kind.is_image:
        return _clean_image(data, kind, name)
    rebuilt = pdf.rebuild(data)
    return CleanAttachment(kind=kind, content=rebuilt.content, name=name, previews=rebuilt.previews)


def sniff(data):
    """The kind of file `data` is, from its first bytes; None when not accepted."""
    if data.startswith(b"%PDF-"):
        return PDF
    image_format = images.image_format(data)
    return next(
        (kind for kind in (JPEG, PNG, GIF, WEBP) if kind.pillow_format == image_format), None
    )


def _has_trailing_data(data, kind):
    """True when bytes follow the end of a PNG or WebP file (a hiding place)."""
    if kind is PNG:
        position = 8
        while position + 8 <= len(data):
            (length,) = struct.unpack(">I", data[position : position + 4])
            chunk_type = data[position + 4 : position + 8]
            position += 12 + length
            if chunk_type == b"IEND":
                return position < len(data)
        return False  # Truncated: Pillow reports it.
    if kind is WEBP:
        (riff_size,) = struct.unpack("<I", data[4:8])
        return 8 + riff_size + (riff_size & 1) < len(data)
    # JPEG is not checked: phones append motion-photo video after the image,
    # and re-encoding drops whatever follows the image anyway.
    return False


def _clean_image(data, kind, name):
    if _has_trailing_data(data, kind):
        raise ValidationError(
            _("This image has extra data after its end and cannot be attached."),
            code="trailing_data",
        )
    clean = images.clean_image(data, thumbnail_box=THUMBNAIL_BOX)
    # The page shows a small image as it is; only a larger one needs a thumbnail.
    small = clean.width <= THUMBNAIL_BOX[0] and clean.height <= THUMBNAIL_BOX[1]
    return CleanAttachment(
        kind=kind,
        content=clean.content,
        name=name,
        width=clean.width,
        height=clean.height,
        thumbnail=None if small else clean.thumbnail,
        thumbnail_kind=None if small else JPEG,
    )




def clean_file_name(raw_name, extension):
    """The reader's file name, safe to show and to offer for download.

    Drops path parts, control, bidi and zero-width characters, characters Windows
    forbids and Windows' reserved device names; keeps Vietnamese letters; caps the
    length; and ends the name with the extension of what the file really is.
    """
    name = unicodedata.normalize("NFC", raw_name or "")
    name = re.split(r"[/\\]", name)[-1]
    name = "".join(
        " " if unicodedata.category(ch) in ("Zl", "Zp") else ch
        for ch in name
        if unicodedata.category(ch)[0] != "C"
    )
    name = " ".join(UNSAFE_NAME_CHARACTERS.sub("_", name).split())
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    stem = stem.strip(" ._")
    if stem.split(".")[0].strip().upper() in WINDOWS_RESERVED_NAMES:
        stem = f"_{stem}"
    stem = stem[: MAX_NAME_LENGTH - len(extension) - 1].rstrip(" .")
    return f"{stem or 'dinh-kem'}.{extension}"


def store(clean):
    """Save a cleaned attachment under a random name; return the comment fields describing it."""
    storage = attachment_storage()
    stem = f"comments/{timezone.now():%Y/%m}/{secrets.token_hex(16)}"
    name = storage.save(f"{stem}.{clean.kind.extension}", ContentFile(clean.content))
    thumbnail = ""
    previews = []
    try:
        if clean.thumbnail is not None:
            thumbnail = storage.save(
                f"{stem}-thumb.{clean.thumbnail_kind.extension}", ContentFile(clean.thumbnail)
            )
        for number, preview in enumerate(clean.previews, 1):
            previews.append(storage.save(pdf.preview_name(name, number), ContentFile(preview)))
    except BaseException:
        delete_stored(name, thumbnail, *previews)
        raise
    return {
        "attachment": name,
        "attachment_thumbnail": thumbnail,
        "attachment_name": clean.name,
        "attachment_type": clean.kind.content_type,
        "attachment_size": clean.size,
        "attachment_width": clean.width,
        "attachment_height": clean.height,
        "attachment_pages": len(previews) or None,
    }


def delete_stored(*names):
    """Remove stored files; names already gone are fine."""
    storage = attachment_storage()
    for name in names:
        if name:
            storage.delete(name)


def file_response(comment, *, thumbnail=False, page=None):
    """The attachment (its thumbnail, the preview of one of its pages) as a response with safe headers.

    With COMMENTS_ATTACHMENT_ACCEL_REDIRECT set (a URL prefix), nginx sends the
    file from an `internal` location; otherwise Django streams it.
    """
    thumbnail = thumbnail and bool(comment.attachment_thumbnail)
    name = comment.attachment_thumbnail if thumbnail else comment.attachment
    if page is not None:
        name = pdf.preview_name(comment.attachment, page)
    kind = KINDS_BY_EXTENSION.get(name.rsplit(".", 1)[-1]) if name else None
    if kind is None:
        raise Http404
    prefix = getattr(settings, "COMMENTS_ATTACHMENT_ACCEL_REDIRECT", "")
    if prefix:
        response = HttpResponse(content_type=kind.content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
    else:
        try:
            stream = attachment_storage().open(name, "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(stream, content_type=kind.content_type)
    download_name = comment.attachment_name if name == comment.attachment else ""
    response["Content-Disposition"] = content_disposition_header(
        not kind.is_image, download_name
    ) or ("inline" if kind.is_image else "attachment")
    response["X-Content-Type-Options"] = "nosniff"
    # Opened on its own, the file may run nothing and load nothing.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
