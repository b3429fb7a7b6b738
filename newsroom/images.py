"""The one image pipeline: every image the site stores passes through here.

Readers' attachments, covers, editor uploads and every thumbnail of them are
made by `clean_image()`. It reads the dimensions from the file's header with
plain byte walks before Pillow decodes anything, refuses what would cost too
much to decode (too many pixels, absurd JPEG scan counts), decodes JPEGs at
reduced scale when they are stored smaller, keeps only the first frame of an
animation, and writes new files that carry no metadata: no GPS, no camera or
phone model, no text chunks, no colour profile.

With `renditions=True` it also makes the copies reader pages choose from
(`<picture>` with `srcset`): a few widths, each in WebP and in JPEG.

Callers get bytes and sizes back; no other module opens Pillow.
"""

import io
import struct
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# Just above phones' 50 MP modes (8160 × 6144 = 50.1 MP) and most cameras; a
# 9400 × 9400 "photo" of a few hundred kilobytes is an attack, not a picture.
DEFAULT_MAX_PIXELS = 52_000_000
# Bytes of pixels held in memory at once while decoding (see Header.bytes_per_pixel).
# With the resized copies this keeps a worker within about 70 MB of its idle
# size. A JPEG is decoded at 1/2, 1/4 or 1/8 scale until it fits; other formats
# cannot be, so this caps them at about 8 MP (an RGB PNG: a 4K screenshot),
# 4 MP (a PNG with transparency) or 2.8 MP (a WebP, which libwebp holds twice).
DEFAULT_MAX_DECODED_BYTES = 32 * 1024 * 1024
# Long edge of a stored image: sharp on any screen the site is read on.
STORED_LONG_EDGE = 2560
# Encoders write about 10 scans for a progressive JPEG; each scan makes
# libjpeg pass over the whole image again, so both the count and the count
# times the pixels are bounded (15 scans of a 50 MP photo).
MAX_JPEG_SCANS = 64
MAX_JPEG_SCAN_PIXELS = 750_000_000
# Widths of the renditions a reader's browser chooses from (srcset): from a
# compact card on an ordinary screen (7rem) to the article cover on a sharp one.
# No rendition is wider than its image, and one within 15 % of the image's own
# width is left out: the image's width (up to the last) takes its place.
RENDITION_WIDTHS = (160, 320, 640, 960, 1200)
RENDITION_FORMATS = ("WEBP", "JPEG")
RENDITION_QUALITY = 80

EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "GIF": "gif", "WEBP": "webp"}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
# What a PNG needs to be decoded: text, colour profiles, APNG frames and
# private chunks never reach Pillow (a zTXt or iCCP chunk can inflate a
# thousandfold). eXIf stays for its orientation; the encoder drops it.
PNG_KEPT_CHUNKS = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"eXIf"}
JPEG_FRAME_MARKERS = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
# EXIF orientation -> the transposition that makes the picture upright.
ORIENTATIONS = {
    2: [Image.Transpose.FLIP_LEFT_RIGHT],
    3: [Image.Transpose.ROTATE_180],
    4: [Image.Transpose.FLIP_TOP_BOTTOM],
    5: [Image.Transpose.TRANSPOSE],
    6: [Image.Transpose.ROTATE_270],
    7: [Image.Transpose.TRANSVERSE],
    8: [Image.Transpose.ROTATE_90],
}


@dataclass(frozen=True)
class Rendition:
    """One copy of an image for srcset: `width` pixels wide, in WebP or JPEG."""

    format: str
    content: bytes
    width: int
    height: int

    @property
    def extension(self):
        return EXTENSIONS[self.format]


@dataclass(frozen=True)
class CleanImage:
    """A re-encoded image and, if asked for, its JPEG thumbnail and its renditions."""

    format: str
    content: bytes
    width: int
    height: int
    thumbnail: bytes | None = None
    thumbnail_width: int | None = None
    thumbnail_height: int | None = None
    renditions: tuple[Rendition, ...] = ()

    @property
    def extension(self):
        return EXTENSIONS[self.format]

    @property
    def content_type(self):
        return CONTENT_TYPES[self.format]


@dataclass(frozen=True)
class Header:
    format: str
    width: int
    height: int
    bytes_per_pixel: int
    data: bytes  # what Pillow is given to decode


def image_format(data):
    """`JPEG`, `PNG`, `GIF` or `WEBP` from the first bytes; None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def rendition_widths(width):
    """The widths of the renditions of an image `width` pixels wide (never wider)."""
    top = min(width, RENDITION_WIDTHS[-1])
    return [w for w in RENDITION_WIDTHS if w < top and w * 1.15 < width] + [top]


def rendition_height(width, height, rendition_width):
    """The height of the rendition `rendition_width` wide of a `width` × `height` image."""
    return max(1, round(height * rendition_width / width))


def clean_image(data, *, thumbnail_box=None, renditions=False):
    """Decode `data` within bounded cost and return it re-encoded without metadata.

    The image keeps its format, is turned upright, loses every frame but the
    first and is scaled down to STORED_LONG_EDGE. With `thumbnail_box`
    (width, height), a JPEG on white fitting that box comes too. With
    `renditions`, its renditions (rendition_widths(), each in WebP and JPEG).
    Raises ValidationError with a message for the person who sent it.
    """
    header = read_header(data)
    thumbnail = size = None
    copies = ()
    try:
        with _open(header) as image:
            orientation = image.getexif().get(0x0112) if header.format != "GIF" else None
            image = _stored_pixels(image, header.format)
        for method in ORIENTATIONS.get(orientation, []):
            image = image.transpose(method)
        content = _encode(image, header.format)
        if thumbnail_box:
            thumbnail, size = _thumbnail(image, thumbnail_box)
        if renditions:
            copies = _renditions(image)
    except (OSError, ValueError, SyntaxError, EOFError, struct.error):
        # Decoded, but in a form Pillow cannot scale or write back.
        raise _invalid() from None
    return CleanImage(
        format=header.format,
        content=content,
        width=image.width,
        height=image.height,
        thumbnail=thumbnail,
        thumbnail_width=size and size[0],
        thumbnail_height=size and size[1],
        renditions=copies,
    )


def carries_metadata(data):
    """True when a stored JPEG, PNG or WebP holds EXIF, XMP, text or a colour profile:
    what the site stored before every image went through clean_image()."""
    kind = image_format(data)
    if kind == "JPEG":
        position = 2
        while position + 4 <= len(data) and data[position] == 0xFF:
            marker = data[position + 1]
            if marker == 0xDA:
                return False
            # APP1 (EXIF, XMP), APP2 (ICC) onwards and COM; APP0 is JFIF, APP14 Adobe.
            if 0xE1 <= marker <= 0xED or marker == 0xEF or marker == 0xFE:
                return True
            position += 2 + struct.unpack(">H", data[position + 2 : position + 4])[0]
        return False
    if kind == "PNG":
        position = 8
        while position + 8 <= len(data):
            (length,) = struct.unpack(">I", data[position : position + 4])
            if data[position + 4 : position + 8] not in PNG_KEPT_CHUNKS - {b"eXIf"}:
                return True
            position += 12 + length
        return False
    if kind == "WEBP":
        return data[12:16] == b"VP8X" and bool(data[20] & 0x2C)  # ICC, EXIF or XMP flag
    return False


def read_header(data):
    """The format, dimensions and decoding cost of `data`, read without decoding it."""
    kind = image_format(data)
    if kind is None:
        raise _invalid()
    try:
        header = {"JPEG": _jpeg_header, "PNG": _png_header, "GIF": _gif_header}.get(
            kind, _webp_header
        )(data)
    except (struct.error, IndexError):
        raise _damaged() from None
    if header.width < 1 or header.height < 1:
        raise _invalid()
    if header.width * header.height > getattr(settings, "IMAGES_MAX_PIXELS", DEFAULT_MAX_PIXELS):
        raise _too_many_pixels()
    return header


def _jpeg_header(data):
    position, scans, size, components = 2, 0, None, 3
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise _damaged()
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte before a marker
            position += 1
            continue
        if marker == 0xD9:  # end of image: what follows (a motion photo's video) is dropped
            break
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a length
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if length < 2:
            raise _damaged()
        if marker in JPEG_FRAME_MARKERS and size is None:
            height, width, components = struct.unpack(">HHB", data[position + 5 : position + 10])
            size = (width, height)
        position += 2 + length
        if marker == 0xDA:
            scans += 1
            if scans > MAX_JPEG_SCANS:
                raise _too_many_scans()
            position = _end_of_entropy_data(data, position)
    if size is None or scans == 0:
        raise _damaged()
    if scans * size[0] * size[1] > MAX_JPEG_SCAN_PIXELS:
        raise _too_many_scans()
    return Header("JPEG", *size, 1 if components == 1 else 4, data)


def _end_of_entropy_data(data, position):
    """Where the marker after a scan's compressed data starts."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            return len(data)
        following = data[position + 1]
        # FF00 is an escaped FF and FFD0-FFD7 are restart markers, both inside the scan.
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            position += 2
        elif following == 0xFF:
            position += 1
        else:
            return position


def _png_header(data):
    kept, position = [data[:8]], 8
    width = height = None
    while position + 8 <= len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        if kind == b"IHDR":
            width, height, depth, color = struct.unpack(">IIBB", data[position + 8 : position + 18])
        if kind in PNG_KEPT_CHUNKS:
            kept.append(data[position : position + 12 + length])
        position += 12 + length
        if kind == b"IEND":
            break
    if width is None:
        raise _damaged()
    # Pillow holds grey and palette images in one byte a pixel, the rest in four;
    # scaling an image with alpha makes a premultiplied copy the same size.
    bytes_per_pixel = {0: 6 if depth == 16 else 1, 3: 1, 4: 8, 6: 8}.get(color, 4)
    return Header("PNG", width, height, bytes_per_pixel, b"".join(kept))


def _gif_header(data):
    width, height, flags = struct.unpack("<HHB", data[6:11])
    if not (width and height):
        raise _invalid()
    position = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    while position < len(data):
        block = data[position]
        if block == 0x2C:  # the first frame, which may reach beyond the screen
            left, top, frame_width, frame_height = struct.unpack(
                "<HHHH", data[position + 1 : position + 9]
            )
            width, height = max(width, left + frame_width), max(height, top + frame_height)
            break
        if block != 0x21:  # only extensions may come before the first frame
            raise _invalid()
        position += 2
        while data[position]:
            position += data[position] + 1
        position += 1
    # Decoded as a palette image, one byte a pixel; four leave room for conversions.
    return Header("GIF", width, height, 4, data)


def _webp_header(data):
    kind = data[12:16]
    if kind == b"VP8X":  # extended: the canvas every frame is drawn on
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
    elif kind == b"VP8L":
        (bits,) = struct.unpack("<I", data[21:25])
        width, height = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    elif kind == b"VP8 ":
        width, height = (value & 0x3FFF for value in struct.unpack("<HH", data[26:30]))
    else:
        raise _invalid()
    # libwebp's animation decoder keeps two canvases of four bytes a pixel, Pillow a third.
    return Header("WEBP", width, height, 12, data)


class _open:
    """The image Pillow reads from a checked header, ready to load within budget."""

    def __init__(self, header):
        self.header = header

    def __enter__(self):
        header = self.header
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                self.image = Image.open(io.BytesIO(header.data), formats=[header.format])
            budget = getattr(settings, "IMAGES_MAX_DECODED_BYTES", DEFAULT_MAX_DECODED_BYTES)
            if header.format == "JPEG":
                _draft(self.image, header.bytes_per_pixel, budget)
            if self.image.width * self.image.height * header.bytes_per_pixel > budget:
                raise _too_many_pixels()
            self.image.load()
        except ValidationError:
            self.__exit__()
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            self.__exit__()
            raise _too_many_pixels() from None
        except UnidentifiedImageError:
            self.__exit__()
            raise _invalid() from None
        except (OSError, SyntaxError, ValueError, EOFError, struct.error):
            self.__exit__()
            raise _damaged() from None
        return self.image

    def __exit__(self, *exc_info):
        if getattr(self, "image", None) is not None:
            self.image.close()


def _draft(image, bytes_per_pixel, budget):
    """Have libjpeg decode straight to 1/2, 1/4 or 1/8 of the size: the least
    reduction that still covers the stored size, or more if memory asks for it."""
    width, height = image.size
    scale = 1
    while scale < 8 and max(width, height) // (scale * 2) >= STORED_LONG_EDGE:
        scale *= 2
    while scale < 8 and -(-width // scale) * -(-height // scale) * bytes_per_pixel > budget:
        scale *= 2
    if scale > 1:
        image.draft(image.mode, (width // scale, height // scale))


def _fitted(size, long_edge):
    width, height = size
    scale = min(1, long_edge / max(width, height))
    return max(1, round(width * scale)), max(1, round(height * scale))


def _stored_pixels(image, kind):
    """The first frame, in a mode its format can store, at most STORED_LONG_EDGE long."""
    transparency = image.info.get("transparency")
    if image.mode.startswith("I;16"):  # 16-bit grey: Pillow scales it as 32-bit
        image = image.convert("I")
    if kind == "JPEG" and image.mode not in ("L", "RGB"):
        image = image.convert("RGB")
    elif kind == "WEBP" and image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA")
    target = _fitted(image.size, STORED_LONG_EDGE)
    if target != image.size:
        image = image.resize(target, Image.Resampling.LANCZOS, reducing_gap=3.0)
    else:
        image = image.copy()
    if image.mode == "I":
        image = image.convert("I;16")  # what PNG can store again
    image.info = {}
    if transparency is not None and image.mode in ("P", "L", "RGB"):
        image.info["transparency"] = transparency
    return image


def _encode(image, kind, **options):
    buffer = io.BytesIO()
    if kind in ("JPEG", "WEBP"):
        options.setdefault("quality", 88)
    if "transparency" in image.info:
        options["transparency"] = image.info["transparency"]
    image.save(buffer, format=kind, **options)
    return buffer.getvalue()


def _thumbnail(image, box):
    """JPEG bytes of `image` fitted in `box`, transparent parts on white, and its size."""
    small = image.copy()
    if small.mode.startswith("I"):  # 16-bit grey to 8-bit
        small = small.convert("I").point(lambda value: value / 256).convert("L")
    small.thumbnail(box, Image.Resampling.LANCZOS)
    if small.mode in ("RGBA", "LA", "PA", "P") or "transparency" in small.info:
        rgba = small.convert("RGBA")
        small = Image.new("RGB", rgba.size, "white")
        small.paste(rgba, mask=rgba.getchannel("A"))
    elif small.mode != "RGB":
        small = small.convert("RGB")
    small.info = {}
    return _encode(small, "JPEG", quality=80, optimize=True), small.size


def _renditions(image):
    """WebP and JPEG copies of `image` at each of rendition_widths(), widest first.

    Each width is scaled from the one before it: a 1200 px copy of a 2560 px
    cover, then 960 px of that, and so on, for a fraction of the work.
    """
    source = image
    if source.mode.startswith("I"):  # 16-bit grey to 8-bit
        source = source.convert("I").point(lambda value: value / 256).convert("L")
    transparent = source.mode in ("RGBA", "LA", "PA") or "transparency" in source.info
    source = source.convert("RGBA" if transparent else "RGB")
    copies = []
    for width in reversed(rendition_widths(image.width)):
        size = (width, rendition_height(image.width, image.height, width))
        if size != source.size:
            source = source.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        source.info = {}
        copies.append(Rendition("WEBP", _encode(source, "WEBP", quality=RENDITION_QUALITY), *size))
        flat = source
        if source.mode == "RGBA":
            flat = Image.new("RGB", source.size, "white")
            flat.paste(source, mask=source.getchannel("A"))
        jpeg = _encode(flat, "JPEG", quality=RENDITION_QUALITY, optimize=True, progressive=True)
        copies.append(Rendition("JPEG", jpeg, *size))
    return tuple(copies)


def _invalid():
    return ValidationError(_("This file is not a valid image."), code="invalid_image")


def _damaged():
    return ValidationError(
        _("This image is damaged or incomplete (truncated). Send the whole file."),
        code="truncated",
    )


def _too_many_pixels():
    return ValidationError(
        _("This image is too large in pixels to process. Choose a smaller picture."),
        code="bomb",
    )


def _too_many_scans():
    return ValidationError(
        _("This JPEG image is built in too many passes to process."), code="jpeg_scans"
    )
