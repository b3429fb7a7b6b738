"""Covers are stored re-encoded by the image pipeline: no GPS position, no camera, bounded cost."""

import io
import json
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import ExifTags, Image

from articles.models import Article
from tests.articles.admin_forms import ADD_URL, article_form_data
from tests.factories import (
    file_upload,
    huge_png,
    make_article,
    make_import_record,
    phone_photo,
    photo_with_gps,
)

pytestmark = pytest.mark.django_db


def assert_clean(name):
    """The stored file has no EXIF (so no GPS, no camera) and no device names."""
    with default_storage.open(name, "rb") as stored:
        data = stored.read()
    image = Image.open(io.BytesIO(data))
    assert not image.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert not image.getexif()
    assert b"Canon" not in data and b"EOS 90D" not in data
    return image


def test_a_cover_uploaded_in_the_admin_is_stored_without_gps_or_camera(client, journalist):
    data = article_form_data(title="Ảnh bìa có tọa độ")
    data["cover_image"] = file_upload("hien-truong.jpg", photo_with_gps(), "image/jpeg")
    assert client.post(ADD_URL, data).status_code == 302

    article = Article.objects.get(title="Ảnh bìa có tọa độ")
    assert article.cover_image.name.endswith(".jpg")
    cover = assert_clean(article.cover_image.name)
    assert cover.size == (1920, 1280) == (article.cover_width, article.cover_height)
    assert_clean(article.cover_thumbnail.name)


def test_a_cover_saved_by_code_is_cleaned_too():
    article = make_article()
    article.cover_image.save("bia.jpg", ContentFile(phone_photo()), save=True)

    article.refresh_from_db()
    cover = assert_clean(article.cover_image.name)
    assert max(cover.size) <= 2560
    assert (article.cover_width, article.cover_height) == cover.size


def test_an_imported_cover_is_cleaned(tmp_path):
    (tmp_path / "bia.jpg").write_bytes(photo_with_gps(size=(1200, 800)))
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps(make_import_record(external_id="a-1", cover_image="bia.jpg")))
    call_command("import_articles", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    article = Article.objects.get()
    assert assert_clean(article.cover_image.name).size == (1200, 800)


def test_a_cover_too_large_in_pixels_is_refused_in_the_form_and_nothing_is_stored(
    client, journalist, settings
):
    data = article_form_data(title="Bài có ảnh bìa độc")
    data["cover_image"] = file_upload("bom.png", huge_png(), "image/png")
    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "Ảnh có số điểm ảnh quá lớn, không thể xử lý." in response.content.decode()
    assert not Article.objects.exists()
    assert [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()] == []
