"""Images uploaded through CKEditor: staff who edit articles only, images only, by content."""

import io
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from tests.factories import (
    huge_png,
    image_bytes,
    image_upload,
    make_editor,
    make_journalist,
    make_moderator,
    make_user,
    photo_with_gps,
)

pytestmark = pytest.mark.django_db

UPLOAD_URL = reverse("ckeditor_upload")
BROWSE_URL = reverse("ckeditor_browse")
ONLY_IMAGES = "Chỉ được tải lên ảnh JPEG, PNG, GIF và WebP."
HOSTILE_HTML = b"<html><body><script>alert(document.cookie)</script></body></html>"


def stored_files():
    """Every file under MEDIA_ROOT/editor/, as paths relative to it."""
    root = Path(settings.MEDIA_ROOT) / "editor"
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def test_journalist_uploads_a_png_into_the_editor_folder(client, journalist):
    response = client.post(UPLOAD_URL, {"upload": image_upload("anh.png")})

    assert response.status_code == 200
    answer = response.json()
    assert answer["uploaded"] == "1"
    assert answer["url"].startswith(settings.MEDIA_URL + "editor/")
    stored = Path(settings.MEDIA_ROOT) / answer["url"].removeprefix(settings.MEDIA_URL)
    assert stored.read_bytes() == image_bytes()
    assert stored.suffix == ".png"


def test_editor_uploads_a_jpeg_too(client):
    client.force_login(make_editor())
    response = client.post(
        UPLOAD_URL, {"upload": image_upload("anh.jpg", fmt="JPEG", content_type="image/jpeg")}
    )
    assert response.status_code == 200 and response.json()["url"].endswith(".jpg")


def test_html_named_like_a_photo_is_refused_and_nothing_is_stored(client, journalist):
    fake = SimpleUploadedFile("photo.jpg", HOSTILE_HTML, content_type="image/jpeg")

    response = client.post(UPLOAD_URL, {"upload": fake})

    assert response.status_code == 400
    assert response.json() == {"uploaded": 0, "error": {"message": ONLY_IMAGES}}
    assert stored_files() == []


def test_a_real_image_is_stored_with_the_extension_of_its_content(client, journalist):
    gif_named_html = SimpleUploadedFile("trang.html", image_bytes("GIF"), content_type="text/html")
    response = client.post(UPLOAD_URL, {"upload": gif_named_html})
    assert response.status_code == 200
    assert response.json()["url"].endswith("/trang.gif")
    assert not any(name.endswith(".html") for name in stored_files())


def test_vietnamese_file_names_become_readable_ascii(client, journalist):
    response = client.post(UPLOAD_URL, {"upload": image_upload("Ảnh Đà Nẵng.png")})
    assert response.json()["url"].endswith("/anh-da-nang.png")


def test_oversized_image_is_refused(client, journalist, settings):
    settings.EDITOR_MAX_IMAGE_BYTES = 1024 * 1024
    big = image_upload("lon.bmp", fmt="BMP", content_type="image/bmp", size=(800, 600))
    assert big.size > settings.EDITOR_MAX_IMAGE_BYTES
    response = client.post(UPLOAD_URL, {"upload": big})
    assert response.status_code == 400
    assert response.json()["error"]["message"] == (
        "Chỉ được tải lên ảnh có dung lượng tối đa 1 MB."
    )
    assert stored_files() == []


def test_upload_without_a_file_gets_a_message(client, journalist):
    response = client.post(UPLOAD_URL)
    assert response.status_code == 400
    assert response.json()["error"]["message"] == "Hãy chọn một ảnh để tải lên."


@pytest.mark.parametrize(
    "who",
    [make_moderator, lambda: make_user(is_staff=True), None],
    ids=["moderator", "staff without article rights", "anonymous"],
)
def test_upload_and_browse_are_refused_to_anyone_who_cannot_edit_articles(client, who):
    if who is not None:
        client.force_login(who())
    assert client.post(UPLOAD_URL, {"upload": image_upload()}).status_code == 403
    assert client.get(BROWSE_URL).status_code == 403
    assert stored_files() == []


def test_journalist_browses_uploaded_images(client, journalist):
    url = client.post(UPLOAD_URL, {"upload": image_upload("cau-moi.png")}).json()["url"]
    response = client.get(BROWSE_URL)
    assert response.status_code == 200
    assert url in response.content.decode()


def test_upload_dialog_gets_the_callback_script(client, journalist):
    response = client.post(UPLOAD_URL + "?CKEditorFuncNum=1", {"upload": image_upload("a.png")})
    assert response.status_code == 200
    html = response.content.decode()
    assert "window.parent.CKEDITOR.tools.callFunction(1, '/media/editor/" in html


def test_upload_dialog_is_told_why_a_file_was_refused(client, journalist):
    fake = SimpleUploadedFile("photo.jpg", HOSTILE_HTML, content_type="image/jpeg")
    response = client.post(UPLOAD_URL + "?CKEditorFuncNum=3", {"upload": fake})
    assert response.status_code == 400
    assert response.content.decode() == (
        "<script>window.parent.CKEDITOR.tools.callFunction(3, '', "
        '"Ch\\u1ec9 \\u0111\\u01b0\\u1ee3c t\\u1ea3i l\\u00ean \\u1ea3nh JPEG, PNG, GIF v\\u00e0 '
        'WebP.");</script>'
    )


@pytest.mark.parametrize("func_num", ["1);alert(1);//", "<script>", "1 ", "-1"])
def test_a_callback_number_that_is_not_digits_cannot_inject_script(client, journalist, func_num):
    query = urlencode({"CKEditorFuncNum": func_num})
    response = client.post(f"{UPLOAD_URL}?{query}", {"upload": image_upload("b.png")})
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "alert" not in response.content.decode() and "<" not in response.content.decode()
    assert not any(name.endswith("b.png") for name in stored_files())


def test_upload_only_answers_posts(client, journalist):
    assert client.get(UPLOAD_URL).status_code == 405


# Security issue 12: editor images are cleaned as readers' are, and posts need the CSRF token.


def stored_bytes(url):
    return (Path(settings.MEDIA_ROOT) / url.removeprefix(settings.MEDIA_URL)).read_bytes()


def test_a_photo_uploaded_in_the_editor_loses_its_gps_and_camera(client, journalist):
    photo = SimpleUploadedFile("hien-truong.jpg", photo_with_gps(), content_type="image/jpeg")
    response = client.post(UPLOAD_URL, {"upload": photo})

    assert response.status_code == 200
    data = stored_bytes(response.json()["url"])
    image = Image.open(io.BytesIO(data))
    assert image.size == (1920, 1280)
    assert not image.getexif()
    assert b"Canon" not in data and b"EOS 90D" not in data


def test_a_gif_with_html_appended_is_stored_as_a_clean_gif(client, journalist):
    polyglot = image_bytes("GIF", size=(64, 48)) + HOSTILE_HTML
    response = client.post(UPLOAD_URL, {"upload": SimpleUploadedFile("anh.gif", polyglot)})

    assert response.status_code == 200
    data = stored_bytes(response.json()["url"])
    assert b"<script" not in data and b"<html" not in data
    assert Image.open(io.BytesIO(data)).size == (64, 48)


def test_an_image_too_large_in_pixels_is_refused_and_nothing_is_stored(client, journalist):
    bomb = SimpleUploadedFile("bom.png", huge_png(), content_type="image/png")
    response = client.post(UPLOAD_URL, {"upload": bomb})

    assert response.status_code == 400
    assert response.json()["error"]["message"].startswith(
        "Ảnh có số điểm ảnh quá lớn, không thể xử lý."
    )
    assert stored_files() == []


def test_a_cross_site_post_with_a_staff_session_is_refused_and_stores_nothing():
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_journalist())
    browser.get(reverse("admin:articles_article_add"))  # the session has its CSRF cookie
    response = browser.post(
        UPLOAD_URL,
        {"upload": image_upload("tu-trang-khac.png")},
        HTTP_ORIGIN="https://evil.example",
        HTTP_SEC_FETCH_SITE="cross-site",
    )

    assert response.status_code == 403
    assert stored_files() == []


def test_the_editor_sends_the_token_from_its_page_and_its_upload_is_stored():
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(make_journalist())
    page = browser.get(reverse("admin:articles_article_add")).content.decode()
    assert "js/editor-uploads.js" in page  # the script that adds the X-CSRFToken header
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = browser.post(
        UPLOAD_URL, {"upload": image_upload("cung-trang.png")}, HTTP_X_CSRFTOKEN=token
    )

    assert response.status_code == 200
    assert response.json()["url"].endswith("/cung-trang.png")


def browsed(client):
    return client.get(BROWSE_URL).content.decode()


def test_journalists_browse_only_their_own_uploads_editors_and_superusers_all(client):
    first, second = make_journalist(), make_journalist()
    urls = {}
    for user, name in ((first, "cua-an.png"), (second, "cua-binh.png")):
        client.force_login(user)
        urls[user] = client.post(UPLOAD_URL, {"upload": image_upload(name)}).json()["url"]

    client.force_login(first)
    assert urls[first] in browsed(client) and urls[second] not in browsed(client)
    client.force_login(second)
    assert urls[second] in browsed(client) and urls[first] not in browsed(client)
    for boss in (make_editor(), make_user(is_staff=True, is_superuser=True)):
        client.force_login(boss)
        assert urls[first] in browsed(client) and urls[second] in browsed(client)
