"""Readers' PDFs are rebuilt from pictures of their pages, never stored as sent.

A PDF can carry scripts, actions that run on open, links, forms that submit
themselves, XFA and attached files, and can hide any of them behind name
escapes (`/J#61vaScript`) or inside compressed object streams: no pattern
over the bytes finds them all. So, as journalists' document sanitizers
(Dangerzone) do, PDFium renders each page to pixels in a limited child process
(comments/pdf_render.py under newsroom/sandbox.py), and this process, which
never parses the reader's file, writes a new PDF holding one JPEG per page
and nothing else, plus a smaller JPEG of each page for the moderators.
Nothing active can survive that; the price is that the text is no longer
selectable.
"""

import io
import logging
import math
import struct
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

from newsroom import sandbox

from .pdf_render import COUNT, PAGE

logger = logging.getLogger(__name__)

MIB = 1024 * 1024
DPI = 150
# 4 million pixels holds an A3 page at 150 dpi; a larger page is drawn at a lower
# resolution. The caps bound what the child sends and what this process encodes.
MAX_PAGE_PIXELS = 4_000_000
MAX_PAGE_SIDE = 6000
# The largest page PDF readers accept (200 inches); a bigger one is scaled down to it.
MAX_PAGE_POINTS = 14400
PREVIEW_BOX = (900, 1200)
JPEG_QUALITY = 80
PREVIEW_QUALITY = 80


@dataclass(frozen=True)
class RebuiltPdf:
    content: bytes
    previews: tuple[bytes, ...]

    @property
    def pages(self):
        return len(self.previews)


def max_pages():
    return getattr(settings, "COMMENTS_PDF_MAX_PAGES", 20)


def limits():
    """The sandbox limits for one PDF.

    A typical 10-page letter takes PDFium a quarter of a second of CPU and 70 MB
    (benchmarks/pdf_rebuild.py); the wall-clock limit stays well under gunicorn's
    30-second worker timeout, leaving time for a busy machine.
    """
    return sandbox.Limits(
        cpu_seconds=getattr(settings, "COMMENTS_PDF_CPU_SECONDS", 8),
        memory_bytes=getattr(settings, "COMMENTS_PDF_MEMORY_BYTES", 512 * MIB),
        wall_seconds=getattr(settings, "COMMENTS_PDF_TIMEOUT", 15),
        max_message_bytes=PAGE.size + MAX_PAGE_PIXELS * 3,
    )


def preview_name(stored_name, number):
    """Where page `number` (from 1) of a stored PDF keeps its preview: beside the PDF."""
    return f"{stored_name.rsplit('.', 1)[0]}-page{number}.jpg"


def damaged():
    return ValidationError(
        _("This PDF document is damaged or incomplete. Attach the whole file."), code="truncated"
    )


def rebuild(data):
    """The reader's PDF redrawn as page images, or ValidationError with a message for the reader."""
    if b"%%EOF" not in data[-1024:]:
        raise damaged()  # Cut short: most likely an interrupted download.
    options = {"dpi": DPI, "max_pixels": MAX_PAGE_PIXELS, "max_side": MAX_PAGE_SIDE}
    messages = sandbox.run("comments.pdf_render", data, limits(), max_pages=max_pages(), **options)
    try:
        (count,) = COUNT.unpack(next(messages, b""))
        if not 1 <= count <= max_pages():
            raise sandbox.SandboxError("page count out of range")
        pages = []
        for message in messages:
            if len(pages) == count:
                raise sandbox.SandboxError("more pages than announced")
            pages.append(_page(message))
        if len(pages) != count:
            raise sandbox.SandboxError("pages missing")
    except sandbox.Refused as refusal:
        raise _refusal(refusal.reason) from None
    except (sandbox.SandboxError, struct.error) as error:
        logger.warning("A reader's PDF could not be rebuilt: %s", error)
        raise ValidationError(
            _(
                "This PDF document is too complex or too damaged to be processed. Save it "
                "again as a simpler PDF, or attach photos of its pages."
            ),
            code="pdf_failed",
        ) from None
    finally:
        messages.close()
    return RebuiltPdf(
        content=_image_pdf([(jpeg, size) for jpeg, size, _preview in pages]),
        previews=tuple(preview for _jpeg, _size, preview in pages),
    )


def _refusal(reason):
    if reason == "encrypted":
        return ValidationError(
            _(
                "This PDF document is protected by a password. Remove the password, "
                "then attach it again."
            ),
            code="pdf_encrypted",
        )
    if reason == "too_many_pages":
        return ValidationError(
            _("This PDF document has more than %(max)d pages. Attach only the pages that matter.")
            % {"max": max_pages()},
            code="pdf_too_many_pages",
        )
    return damaged()


def _page(message):
    """One rendered page from the child, checked, as (page JPEG, size in points, preview JPEG)."""
    width, height, points_wide, points_high = PAGE.unpack_from(message)
    if not (
        0 < width <= MAX_PAGE_SIDE
        and 0 < height <= MAX_PAGE_SIDE
        and width * height <= MAX_PAGE_PIXELS
        and len(message) == PAGE.size + width * height * 3
        and all(math.isfinite(side) and side > 0 for side in (points_wide, points_high))
    ):
        raise sandbox.SandboxError("bad page")
    pixels = memoryview(message)[PAGE.size :]
    image = Image.frombuffer("RGB", (width, height), pixels, "raw", "RGB", 0, 1)
    page = _jpeg(image, JPEG_QUALITY)
    image.thumbnail(PREVIEW_BOX)
    preview = _jpeg(image, PREVIEW_QUALITY)
    scale = min(1, MAX_PAGE_POINTS / max(points_wide, points_high))
    return page, (width, height, points_wide * scale, points_high * scale), preview


def _jpeg(image, quality):
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality, optimize=True)
    return buffer.getvalue()


def _image_pdf(pages):
    """A PDF with one full-page JPEG per page and nothing else: no text, links, forms or scripts."""
    out = io.BytesIO(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    out.seek(0, io.SEEK_END)
    offsets = []

    def add(body, data=None):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % len(offsets) + body)
        if data is not None:
            out.write(b"\nstream\n" + data + b"\nendstream")
        out.write(b"\nendobj\n")

    # Objects: 1 catalog, 2 page tree, then a page, its drawing and its image for each page.
    kids = b" ".join(b"%d 0 R" % (3 + 3 * n) for n in range(len(pages)))
    add(b"<< /Type /Catalog /Pages 2 0 R >>")
    add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, len(pages)))
    for jpeg, (width, height, points_wide, points_high) in pages:
        page = len(offsets) + 1
        add(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Contents %d 0 R"
            b" /Resources << /XObject << /P %d 0 R >> >> >>"
            % (points_wide, points_high, page + 1, page + 2)
        )
        draw = b"q %.2f 0 0 %.2f 0 0 cm /P Do Q" % (points_wide, points_high)
        add(b"<< /Length %d >>" % len(draw), draw)
        add(
            b"<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB"
            b" /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>" % (width, height, len(jpeg)),
            jpeg,
        )
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1))
    out.writelines(b"%010d 00000 n \n" % offset for offset in offsets)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(offsets) + 1, xref)
    )
    return out.getvalue()
