"""Hand-made PDFs, friendly and hostile, written byte by byte as an attacker would.

`build_pdf` lays out numbered objects with a correct cross-reference table, or
packs some of them into a compressed object stream (/Type /ObjStm) located by
a cross-reference stream, where a byte pattern can never see them.
"""

import io
import zlib

import pypdfium2 as pdfium
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

TEXT = b"DON KIEN NGHI"
# Names that run code, open links, submit forms or carry files: none may be stored.
ACTIVE_NAMES = {
    "/JavaScript",
    "/JS",
    "/OpenAction",
    "/AA",
    "/URI",
    "/AcroForm",
    "/XFA",
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/Launch",
    "/SubmitForm",
    "/Annots",
}


def stream(dictionary, data, *, compress=False):
    """The body of a stream object."""
    if compress:
        data = zlib.compress(data)
        dictionary += b" /Filter /FlateDecode"
    return b"<< " + dictionary + b" /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def build_pdf(objects, *, root=1, packed=(), version=b"1.7"):
    """A PDF of `objects` ({number: body}); the numbers in `packed` go into a compressed object stream."""
    out = io.BytesIO()
    out.write(b"%PDF-" + version + b"\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    loose = [n for n in sorted(objects) if n not in packed]
    for number in loose:
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n")
    if not packed:
        size = max(objects) + 1
        xref = out.tell()
        out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        for number in range(1, size):
            if number in offsets:
                out.write(b"%010d 00000 n \n" % offsets[number])
            else:
                out.write(b"0000000000 65535 f \n")
        out.write(
            b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, xref)
        )
        return out.getvalue()

    object_stream, xref_stream = max(objects) + 1, max(objects) + 2
    index, bodies = [], b""
    for number in packed:
        index.append(b"%d %d" % (number, len(bodies)))
        bodies += objects[number] + b"\n"
    header = b" ".join(index) + b"\n"
    offsets[object_stream] = out.tell()
    out.write(
        b"%d 0 obj\n" % object_stream
        + stream(
            b"/Type /ObjStm /N %d /First %d" % (len(packed), len(header)),
            header + bodies,
            compress=True,
        )
        + b"\nendobj\n"
    )
    offsets[xref_stream] = out.tell()
    rows = [b"\x00\x00\x00\x00\x00\xff\xff"]
    for number in range(1, xref_stream + 1):
        if number in offsets:
            rows.append(b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00")
        elif number in packed:
            rows.append(
                b"\x02" + object_stream.to_bytes(4, "big") + packed.index(number).to_bytes(2, "big")
            )
        else:
            rows.append(b"\x00\x00\x00\x00\x00\xff\xff")
    out.write(
        b"%d 0 obj\n" % xref_stream
        + stream(
            b"/Type /XRef /Size %d /W [1 4 2] /Root %d 0 R" % (xref_stream + 1, root),
            b"".join(rows),
            compress=True,
        )
        + b"\nendobj\n"
    )
    out.write(b"startxref\n%d\n%%%%EOF\n" % offsets[xref_stream])
    return out.getvalue()


def document(*, pages=1, catalog=b"", page=b"", media_box=b"0 0 612 792", extra=None, packed=()):
    """A text document: each page says TEXT in 48-point Helvetica near its top.

    Objects: 1 catalog, 2 page tree, 3 font, 4 content, 5-9 free for `extra`, pages from 10.
    """
    kids = b" ".join(b"%d 0 R" % (10 + n) for n in range(pages))
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        2: b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % pages,
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        4: stream(b"", b"BT /F1 48 Tf 72 600 Td (" + TEXT + b") Tj ET"),
        **(extra or {}),
    }
    for n in range(pages):
        objects[10 + n] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [" + media_box + b"]"
            b" /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R " + page + b" >>"
        )
    return build_pdf(objects, packed=packed)


def active_names(data):
    """Every name used as a key or value anywhere in the PDF, walked object by object with pypdf."""
    reader = PdfReader(io.BytesIO(data), strict=True)
    names, seen = set(), set()

    def walk(value):
        if isinstance(value, IndirectObject):
            key = (value.idnum, value.generation)
            if key in seen:
                return
            seen.add(key)
            value = value.get_object()
        if isinstance(value, NameObject):
            names.add(str(value))
        elif isinstance(value, DictionaryObject):
            for key, item in value.items():
                names.add(str(key))
                walk(item)
        elif isinstance(value, ArrayObject):
            for item in value:
                walk(item)

    walk(reader.trailer)
    # Objects nothing points to count too: a reader could still find them.
    for generation, numbers in reader.xref.items():
        for number in numbers:
            walk(IndirectObject(number, generation, reader))
    for number in reader.xref_objStm:
        walk(IndirectObject(number, 0, reader))
    return names


def page_pixels(data, number=0):
    """Page `number` of a stored PDF as an RGB picture, drawn by PDFium at 72 dpi."""
    page = pdfium.PdfDocument(data)[number]
    return page.render(scale=1).to_pil().convert("L")


def dark_share(image, box):
    """The share of dark pixels in `box` (left, top, right, bottom, in points at 72 dpi)."""
    region = image.crop(box)
    histogram = region.histogram()
    return sum(histogram[:128]) / (region.width * region.height)


def encrypted(*, user_password):
    """`document()` encrypted by pypdf; with an empty user password it opens without one."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(document())))
    writer.encrypt(user_password=user_password, owner_password="chu-so-huu", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def nested_forms(*, depth=8, fan_out=10):
    """One page drawing a form that draws the next one `fan_out` times, `depth` deep.

    A few kilobytes that ask the renderer for fan_out ** depth drawings: far
    more CPU and memory than any limit allows.
    """
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [10 0 R] /Count 1 >>",
        4: stream(b"", b"/X Do"),
        10: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
        b" /Resources << /XObject << /X 20 0 R >> >> /Contents 4 0 R >>",
    }
    for level in range(depth):
        number = 20 + level
        if level == depth - 1:
            resources, drawing = b"", b"0 0 1 1 re f"
        else:
            resources = b"/Resources << /XObject << /X %d 0 R >> >>" % (number + 1)
            drawing = b" ".join([b"q 0.9 0 0 0.9 1 1 cm /X Do Q"] * fan_out)
        objects[number] = stream(
            b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] " + resources, drawing
        )
    return build_pdf(objects)
