"""A post's attachment is decoded last: only once the rest of the form is valid, the
honeypot passed and the rate limit allowed the post. Decoding is the costly step."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from comments import attachments
from comments.models import Comment
from tests.factories import image_upload

from .helpers import assert_nothing_kept, send

pytestmark = pytest.mark.django_db

SIDE = 9400  # 88 million pixels: just under Pillow's own bomb limit, so it would decode


def huge_png(side=SIDE):
    """A real, valid greyscale PNG of side × side pixels, about 90 KB: black compresses well."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    compressor = zlib.compressobj(9)
    row = b"\x00" * (side + 1)  # filter byte, then one byte per pixel
    pixels = b"".join(compressor.compress(row * 1000) for _ in range(side // 1000))
    pixels += compressor.compress(row * (side % 1000)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture(scope="module")
def huge_png_bytes():
    return huge_png()


@pytest.fixture
def decoding(monkeypatch):
    """Every file the comment form hands to the image pipeline, and every image Pillow opens."""
    seen = {"cleaned": [], "opened": []}
    clean_upload, image_open = attachments.clean_upload, Image.open

    def clean_upload_spy(uploaded_file):
        seen["cleaned"].append(uploaded_file.name)
        return clean_upload(uploaded_file)

    def image_open_spy(*args, **kwargs):
        seen["opened"].append(args[0])
        return image_open(*args, **kwargs)

    monkeypatch.setattr(attachments, "clean_upload", clean_upload_spy)
    monkeypatch.setattr(Image, "open", image_open_spy)
    return seen


def bomb(data):
    return SimpleUploadedFile("anh-chup.png", data, content_type="image/png")


def test_the_huge_png_is_real():
    with Image.open(io.BytesIO(huge_png(side=1200))) as image:
        assert image.size == (1200, 1200)
        image.load()  # decodes to the end: a valid image, not a truncated one


def test_huge_image_with_a_bad_email_is_refused_without_being_decoded(
    client, article, decoding, huge_png_bytes
):
    response = send(client, article, email="khong-phai-email", attachment=bomb(huge_png_bytes))
    assert response.status_code == 400
    assert "Vui lòng nhập một địa chỉ email hợp lệ." in response.content.decode()
    assert decoding == {"cleaned": [], "opened": []}
    assert_nothing_kept()


@pytest.mark.parametrize(
    "fields, status, message",
    [
        ({"name": ""}, 400, "Vui lòng nhập họ tên."),
        ({"body": "x"}, 400, "Ý kiến quá ngắn"),
        ({"website": "http://spam.example"}, 400, "có vẻ biểu mẫu đã được điền tự động"),
        ({"body": "cam on bao da dua tin ve con duong nay"}, 200, "tiếng Việt không dấu"),
    ],
    ids=["no-name", "short-text", "honeypot", "asks-for-diacritics"],
)
def test_huge_image_is_not_decoded_while_anything_else_is_wrong(
    client, article, decoding, huge_png_bytes, fields, status, message
):
    response = send(client, article, attachment=bomb(huge_png_bytes), **fields)
    assert response.status_code == status
    assert message in response.content.decode()
    assert decoding == {"cleaned": [], "opened": []}
    assert_nothing_kept()


def test_huge_image_from_a_rate_limited_address_is_not_decoded(
    client, article, settings, decoding, huge_png_bytes
):
    settings.COMMENTS_RATE_LIMIT = 1
    assert send(client, article).status_code == 303
    response = send(client, article, attachment=bomb(huge_png_bytes))
    assert response.status_code == 429
    assert decoding == {"cleaned": [], "opened": []}
    assert Comment.objects.count() == 1


def test_attachment_of_an_otherwise_valid_post_is_decoded_once(client, article, decoding):
    response = send(client, article, attachment=image_upload(size=(900, 600)))
    assert response.status_code == 303
    assert decoding["cleaned"] == ["anh.png"]
    assert decoding["opened"]
    assert Comment.objects.get().has_attachment
