"""Small factory functions: each builds one valid row, overridable by keyword."""

import io
import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from articles.models import Article, ArticleAuthor, Author, Section

_seq = itertools.count(1)


def make_user(username=None, *, groups=(), password="s3cret-Pass!", **fields):
    User = get_user_model()
    username = username or f"user{next(_seq)}"
    fields.setdefault("is_staff", bool(groups))
    user = User.objects.create_user(username=username, password=password, **fields)
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def make_journalist(**fields):
    return make_user(groups=["Journalists"], **fields)


def make_editor(**fields):
    return make_user(groups=["Editors"], **fields)


def make_moderator(**fields):
    return make_user(groups=["Moderators"], **fields)


def make_section(name=None, **fields):
    return Section.objects.create(name=name or f"Chuyên mục {next(_seq)}", **fields)


def make_author(name=None, **fields):
    return Author.objects.create(name=name or f"Tác giả {next(_seq)}", **fields)


def make_article(*, authors=None, tags=(), **fields):
    """A live article unless `status`/`published_at` say otherwise."""
    fields.setdefault("title", f"Bài viết số {next(_seq)}")
    fields.setdefault("lead", "Sapo của bài viết.")
    fields.setdefault("body", "<p>Nội dung bài viết.</p>")
    fields.setdefault("status", Article.Status.PUBLISHED)
    if fields["status"] == Article.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
    if "section" not in fields:
        fields["section"] = make_section()
    article = Article.objects.create(**fields)
    for position, author in enumerate(authors if authors is not None else [make_author()]):
        ArticleAuthor.objects.create(article=article, author=author, position=position)
    if tags:
        article.tags.add(*tags)
    return article


def image_bytes(fmt="PNG", size=(40, 30), color=(200, 30, 30), **save_options):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format=fmt, **save_options)
    return buffer.getvalue()


def image_upload(name="anh.png", fmt="PNG", content_type="image/png", **options):
    return SimpleUploadedFile(name, image_bytes(fmt, **options), content_type=content_type)


def make_import_record(**overrides):
    """One archive line for `import_articles`, as a dict: a valid published article.

    Pass `key=...` (Ellipsis) to leave a key out of the line.
    """
    record = {
        "title": f"Bài lưu trữ số {next(_seq)}",
        "lead": "Sapo của bài lưu trữ.",
        "body": "<p>Nội dung bài lưu trữ.</p>",
        "section": "Thời sự",
        "authors": ["Đỗ Trọng"],
        "tags": ["Lưu trữ"],
        "status": "published",
        "published_at": "2023-11-27T08:40:36+07:00",
    }
    record.update(overrides)
    return {key: value for key, value in record.items() if value is not ...}


def make_comment(article=None, *, attachment=None, **fields):
    """A pending reader comment; `attachment` is an uploaded file, cleaned and stored as a post would."""
    from comments import attachments
    from comments.models import Comment

    fields.setdefault("name", "Nguyễn Văn An")
    fields.setdefault("email", f"ban-doc{next(_seq)}@example.vn")
    fields.setdefault("body", "Cảm ơn báo đã đưa tin kịp thời.")
    if attachment is not None:
        fields.update(attachments.store(attachments.clean_upload(attachment)))
    return Comment.objects.create(article=article or make_article(), **fields)


def pdf_bytes(*, body=b"BT /F1 12 Tf 72 720 Td (Don kien nghi) Tj ET"):
    """A small, valid PDF document with one page of text."""
    length = str(len(body)).encode()
    return b"".join(
        [
            b"%PDF-1.4\n",
            b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
            b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n",
            b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>\n",
            b"endobj\n",
            b"4 0 obj\n<< /Length " + length + b" >>\nstream\n" + body + b"\nendstream\nendobj\n",
            b"trailer\n<< /Root 1 0 R >>\n%%EOF\n",
        ]
    )


def file_upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def photo_with_gps(size=(1920, 1280), *, latitude=(16.0, 4.0, 12.5), longitude=(108.0, 13.0, 30.0)):
    """A camera-like JPEG of about 2 MB whose EXIF says where it was taken (GPS) and with what.

    Noise keeps the JPEG large, as a real photo is; Pillow writes the GPS IFD.
    """
    from PIL import ExifTags

    noise = Image.merge("RGB", [Image.effect_noise(size, sigma) for sigma in (60, 70, 80)])
    sky = Image.linear_gradient("L").resize(size).convert("RGB")
    photo = Image.blend(Image.blend(Image.new("RGB", size, (40, 110, 170)), sky, 0.4), noise, 0.5)
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Canon"
    exif[ExifTags.Base.Model] = "EOS 90D"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = latitude
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = longitude
    buffer = io.BytesIO()
    photo.save(buffer, format="JPEG", quality=95, exif=exif)
    return buffer.getvalue()


# Hostile images, crafted as an attacker would, cheaply enough to build in a test.


def _png_chunk(kind, data):
    import struct
    import zlib

    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def huge_png(width=9400, height=9400):
    """A real, complete RGB PNG of `width` × `height` black pixels: about 280 KB for 88 MP.

    The rows are compressed one at a time, so the picture is never held in memory.
    """
    import struct
    import zlib

    compressor, row, parts = zlib.compressobj(9), b"\x00" * (1 + 3 * width), []
    for _ in range(height):
        parts.append(compressor.compress(row))
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", b"".join(parts))
        + _png_chunk(b"IEND", b"")
    )


def png_with_text_bombs(*, chunks=60, inflated=1024 * 1024 - 1):
    """A small PNG carrying `chunks` zTXt chunks and an iCCP profile that each inflate
    to about a megabyte: just under Pillow's per-chunk limit, 60 MB of text in all."""
    import zlib

    png = image_bytes("PNG", size=(64, 48))
    bomb = zlib.compress(b"A" * inflated, 9)
    extra = _png_chunk(b"iCCP", b"sRGB\x00\x00" + bomb)
    extra += b"".join(_png_chunk(b"zTXt", b"Comment%d\x00\x00" % n + bomb) for n in range(chunks))
    return png[:33] + extra + png[33:]  # after IHDR (8 + 25 bytes)


def gif_with_frames(frames=5000, size=(1000, 1000)):
    """An animated GIF of `frames` full-size frames, each a copy of one encoded frame."""
    first = image_bytes("GIF", size=size)
    # Header, screen descriptor and palette end where the first image block starts.
    start = first.index(b"\x2c\x00\x00\x00\x00")
    frame = b"\x21\xf9\x04\x04\x02\x00\x00\x00" + first[start:-1]  # graphic control + image
    loop = b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    return first[:start] + loop + frame * frames + b"\x3b"


def animated_webp(frames=1000, size=(2000, 2000)):
    """An animated WebP of `frames` full-canvas frames, each a copy of one lossless frame."""
    import struct

    still = image_bytes("WEBP", size=size, lossless=True)
    bitstream = still[12:]  # the VP8L chunk of the still picture
    width, height = size

    def chunk(kind, data):
        return kind + struct.pack("<I", len(data)) + data + b"\x00" * (len(data) & 1)

    def u24(value):
        return value.to_bytes(3, "little")

    vp8x = chunk(b"VP8X", bytes([0x02, 0, 0, 0]) + u24(width - 1) + u24(height - 1))
    anim = chunk(b"ANIM", b"\xff\xff\xff\xff\x00\x00")
    frame = chunk(
        b"ANMF", u24(0) + u24(0) + u24(width - 1) + u24(height - 1) + u24(40) + b"\x00" + bitstream
    )
    body = b"WEBP" + vp8x + anim + frame * frames
    return b"RIFF" + struct.pack("<I", len(body)) + body


def jpeg_with_scans(scans=5000, size=(2000, 2000)):
    """A progressive JPEG whose last scan is repeated until it has `scans` scans."""
    progressive = image_bytes("JPEG", size=size, progressive=True)
    last_scan = progressive.rindex(b"\xff\xda")
    repeated = progressive[last_scan:-2]
    count = progressive.count(b"\xff\xda")
    return progressive[:-2] + repeated * (scans - count) + b"\xff\xd9"


def phone_photo(size=(4000, 3000)):
    """A 12 MP phone-like JPEG with GPS and camera EXIF (noise keeps it photo-sized)."""
    return photo_with_gps(size=size)


def make_curated_slot(article, position, *, section=None, **fields):
    """Place `article` in slot `position` of the front page (or of `section`'s page)."""
    from curation.models import CuratedPage, CuratedSlot

    page, _ = CuratedPage.objects.get_or_create(section=section)
    return CuratedSlot.objects.create(page=page, position=position, article=article, **fields)
