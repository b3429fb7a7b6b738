import io
import re
import struct
import zlib

import pytest
from django.conf import settings
from PIL import ExifTags, Image, PngImagePlugin

from comments.models import Comment
from tests.factories import file_upload, image_bytes, image_upload, pdf_bytes

from .helpers import assert_nothing_kept, send, send_raw_file, stored_files

pytestmark = pytest.mark.django_db

TYPE_REFUSED = "Không thể đính kèm loại file này."


def noisy_image_bytes(fmt, size=(300, 200)):
    buffer = io.BytesIO()
    Image.effect_noise(size, 80).convert("RGB").save(buffer, format=fmt)
    return buffer.getvalue()


def png_claiming_size(width, height):
    """A tiny PNG whose header claims `width` × `height` pixels: a decompression bomb."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def stored_bytes(comment):
    return (settings.PRIVATE_MEDIA_ROOT / comment.attachment).read_bytes()


@pytest.mark.parametrize(
    "upload, content_type, extension",
    [
        (lambda: image_upload("anh.png", "PNG", "image/png"), "image/png", "png"),
        (lambda: image_upload("anh.jpg", "JPEG", "image/jpeg"), "image/jpeg", "jpg"),
        (lambda: image_upload("anh.webp", "WEBP", "image/webp"), "image/webp", "webp"),
        (lambda: image_upload("anh.gif", "GIF", "image/gif"), "image/gif", "gif"),
        (lambda: file_upload("don.pdf", pdf_bytes(), "application/pdf"), "application/pdf", "pdf"),
    ],
    ids=["png", "jpeg", "webp", "gif", "pdf"],
)
def test_images_and_pdf_documents_are_accepted(client, article, upload, content_type, extension):
    response = send(client, article, attachment=upload())
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert comment.attachment_type == content_type
    assert re.fullmatch(
        rf"comments/\d{{4}}/\d{{2}}/[0-9a-f]{{32}}\.{extension}", comment.attachment
    )
    assert comment.attachment_size == len(stored_bytes(comment))


def test_attachments_live_in_private_storage_outside_media_root(client, article):
    send(client, article, attachment=image_upload())
    comment = Comment.objects.get()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == [comment.attachment]
    assert stored_files(settings.MEDIA_ROOT) == []
    assert not str(settings.PRIVATE_MEDIA_ROOT).startswith(str(settings.MEDIA_ROOT))


def test_photo_is_turned_upright_and_loses_its_metadata(client, article):
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # the camera was held sideways
    exif[ExifTags.Base.Make] = "PhoneMaker"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (21.0, 1.0, 42.0)
    photo = image_bytes("JPEG", size=(60, 40), exif=exif.tobytes())
    assert Image.open(io.BytesIO(photo)).getexif().get_ifd(ExifTags.IFD.GPSInfo)

    send(client, article, attachment=file_upload("ảnh hiện trường.jpg", photo, "image/jpeg"))
    comment = Comment.objects.get()
    data = stored_bytes(comment)
    stored = Image.open(io.BytesIO(data))
    assert stored.size == (40, 60)
    assert (comment.attachment_width, comment.attachment_height) == (40, 60)
    assert not stored.getexif()
    assert b"Exif" not in data and b"PhoneMaker" not in data


def test_png_text_chunks_and_colour_profile_are_removed(client, article):
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Nguyen Van A, 0912345678")
    png = image_bytes("PNG", pnginfo=info, icc_profile=b"\x00" * 128)
    send(client, article, attachment=file_upload("anh.png", png, "image/png"))
    data = stored_bytes(Comment.objects.get())
    assert b"0912345678" not in data and b"tEXt" not in data and b"iCCP" not in data


def test_jpeg_with_video_appended_is_accepted_without_it(client, article):
    motion_photo = image_bytes("JPEG") + b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 500
    assert (
        send(client, article, attachment=file_upload("PXL_1.jpg", motion_photo)).status_code == 303
    )
    assert b"ftypmp42" not in stored_bytes(Comment.objects.get())


def test_large_image_gets_a_small_thumbnail(client, article):
    send(client, article, attachment=image_upload("lon.png", size=(1600, 1200)))
    comment = Comment.objects.get()
    thumbnail = Image.open(settings.PRIVATE_MEDIA_ROOT / comment.attachment_thumbnail)
    assert thumbnail.size == (480, 360)
    assert comment.thumbnail_size == (480, 360)


@pytest.mark.parametrize(
    "name, content, content_type, message",
    [
        ("virus.exe", b"MZ\x90\x00\x03" + b"\x00" * 200, "application/x-msdownload", TYPE_REFUSED),
        ("trang.html", b"<!doctype html><html><body>hi</body></html>", "text/html", TYPE_REFUSED),
        (
            "logo.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "image/svg+xml",
            TYPE_REFUSED,
        ),
        ("tai-lieu.zip", b"PK\x03\x04" + b"\x00" * 100, "application/zip", TYPE_REFUSED),
        ("ghi-chu.txt", "Chỉ là chữ.".encode(), "text/plain", TYPE_REFUSED),
        # A spoofed extension and content type change nothing: the content decides.
        (
            "photo.jpg",
            b"<html><script>alert(document.cookie)</script></html>",
            "image/jpeg",
            TYPE_REFUSED,
        ),
        ("scan.pdf", b"<html><body>not a pdf</body></html>", "application/pdf", TYPE_REFUSED),
        (
            "anh.png",
            image_bytes("PNG") + b"<html><script>alert(1)</script></html>",
            "image/png",
            "File này chứa mã trang web ẩn bên trong nên không thể đính kèm.",
        ),
        (
            "anh.png",
            image_bytes("PNG") + b"PK\x03\x04" + b"\x00" * 64,
            "image/png",
            "Ảnh này có dữ liệu lạ nối sau phần ảnh nên không thể đính kèm.",
        ),
        (
            "anh.webp",
            image_bytes("WEBP") + b"PK\x03\x04" + b"\x00" * 64,
            "image/webp",
            "Ảnh này có dữ liệu lạ nối sau phần ảnh nên không thể đính kèm.",
        ),
        (
            "anh.gif",
            b"GIF89a/*\x00\x00\x00\x00*/=1;alert(document.domain);",
            "image/gif",
            "File này không phải là ảnh hợp lệ.",
        ),
        (
            "bom.png",
            png_claiming_size(50_000, 50_000),
            "image/png",
            "Ảnh có số điểm ảnh quá lớn, không thể xử lý.",
        ),
        (
            "bom-vua.png",
            png_claiming_size(10_000, 10_000),
            "image/png",
            "Ảnh có số điểm ảnh quá lớn, không thể xử lý.",
        ),
        (
            "cut.jpg",
            noisy_image_bytes("JPEG")[:6000],
            "image/jpeg",
            "Ảnh bị hỏng hoặc không đầy đủ (bị cắt cụt).",
        ),
        (
            "cut.png",
            noisy_image_bytes("PNG")[:20000],
            "image/png",
            "Ảnh bị hỏng hoặc không đầy đủ (bị cắt cụt).",
        ),
        (
            "cut.pdf",
            pdf_bytes()[:-30],
            "application/pdf",
            "Tài liệu PDF bị hỏng hoặc không đầy đủ.",
        ),
        ("rong.pdf", b"", "application/pdf", "File trống, không có nội dung."),
    ],
    ids=[
        "executable",
        "html",
        "svg",
        "zip",
        "text",
        "html-named-photo-jpg",
        "html-named-pdf",
        "png-with-html-appended",
        "png-with-zip-appended",
        "webp-with-zip-appended",
        "gif-javascript-polyglot",
        "decompression-bomb",
        "image-over-pixel-limit",
        "truncated-jpeg",
        "truncated-png",
        "truncated-pdf",
        "empty-file",
    ],
)
def test_refused_file_gets_its_message_and_leaves_nothing(
    client, article, name, content, content_type, message
):
    response = send(client, article, attachment=file_upload(name, content, content_type))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'value="Trần Thị Bình"' in html  # the rest of the input is kept
    assert_nothing_kept()


def test_pixel_limit_follows_pillow_setting(client, article, monkeypatch):
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    response = send(client, article, attachment=image_upload(size=(40, 30)))
    assert response.status_code == 400
    assert "Ảnh có số điểm ảnh quá lớn" in response.content.decode()
    assert_nothing_kept()


def test_refused_file_leaves_no_temporary_file_when_uploads_go_to_disk(client, article, settings):
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = send(client, article, attachment=file_upload("x.exe", b"MZ" + b"\x00" * 50_000))
    assert response.status_code == 400
    assert_nothing_kept()


@pytest.mark.parametrize(
    "raw_name, shown_name",
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\An\\Báo cáo.pdf", "Báo cáo.pdf"),
        ("CON.pdf", "_CON.pdf"),
        ("lpt1.tar.pdf", "_lpt1.tar.pdf"),
        ("hoadon\u202egpj.exe", "hoadongpj.pdf"),
        ("Đơn kiến nghị\u200b của dân.pdf", "Đơn kiến nghị của dân.pdf"),
        ("Đơn kiến nghị".replace("ế", "e\u0302\u0301") + ".pdf", "Đơn kiến nghị.pdf"),
        ("bao<cao>|2024?*.pdf", "bao_cao__2024.pdf"),
        ("invoice.pdf.exe", "invoice.pdf.pdf"),
        ("anh-that-ra-la-pdf.jpg", "anh-that-ra-la-pdf.pdf"),
        (".htaccess", "htaccess.pdf"),
        ("...", "dinh-kem.pdf"),
        ("x" * 300 + ".pdf", "x" * 96 + ".pdf"),
    ],
    ids=[
        "parent-dirs",
        "windows-path",
        "reserved-device",
        "reserved-device-double-ext",
        "bidi-override",
        "zero-width",
        "decomposed-vietnamese",
        "windows-forbidden-characters",
        "double-extension",
        "wrong-extension",
        "dot-file",
        "only-dots",
        "very-long",
    ],
)
def test_hostile_file_names_are_cleaned_for_display(client, article, raw_name, shown_name):
    response = send_raw_file(client, article, raw_name, pdf_bytes())
    assert response.status_code == 303
    comment = Comment.objects.get()
    assert comment.attachment_name == shown_name
    assert re.fullmatch(r"comments/\d{4}/\d{2}/[0-9a-f]{32}\.pdf", comment.attachment)
