"""The only code that reads a reader's PDF: PDFium renders its pages to pixels.

Runs inside the sandbox child (newsroom/sandbox.py), never in the web worker,
and imports no Django. It sends the page count, then for each page its size in
pixels and in points followed by the page's RGB pixels, row after row. Forms
are not initialised, so no form script or XFA runs; PDFium has no JavaScript
engine in this build anyway.
"""

import math
import struct

from newsroom.sandbox import Refused

COUNT = struct.Struct(">I")
PAGE = struct.Struct(">IIdd")  # width and height in pixels, then in points


def main(data, send, *, max_pages, dpi, max_pixels, max_side):
    # Imported here: the web worker imports this module for the message formats
    # above, and has no business loading PDFium.
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as error:
        reason = "encrypted" if error.err_code == pdfium_c.FPDF_ERR_PASSWORD else "unreadable"
        raise Refused(reason) from None
    count = len(document)
    if count < 1:
        raise Refused("unreadable")
    if count > max_pages:
        raise Refused("too_many_pages")
    send(COUNT.pack(count))
    for index in range(count):
        page = document[index]
        width, height = page.get_size()
        if not (math.isfinite(width) and math.isfinite(height) and width > 0 and height > 0):
            raise Refused("unreadable")
        scale = render_scale(width, height, dpi=dpi, max_pixels=max_pixels, max_side=max_side)
        bitmap = page.render(scale=scale, rev_byteorder=True, may_draw_forms=False)
        pixels = bitmap.buffer if bitmap.stride == bitmap.width * 3 else _packed(bitmap)
        send(PAGE.pack(bitmap.width, bitmap.height, width, height), pixels)
        del bitmap, pixels
        page.close()


def render_scale(width, height, *, dpi, max_pixels, max_side):
    """Pixels per point: `dpi`, or less when the page would pass either pixel cap."""
    scale = min(dpi / 72, math.sqrt(max_pixels / (width * height)), max_side / max(width, height))
    # PDFium rounds each side up to whole pixels; make sure that stays under the caps.
    while (
        math.ceil(width * scale) * math.ceil(height * scale) > max_pixels
        or math.ceil(max(width, height) * scale) > max_side
    ):
        scale *= 0.99
    return scale


def _packed(bitmap):
    row = bitmap.width * 3
    buffer = memoryview(bitmap.buffer).cast("B")
    return b"".join(
        buffer[y * bitmap.stride : y * bitmap.stride + row] for y in range(bitmap.height)
    )
