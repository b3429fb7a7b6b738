"""`clean_stored_images`: pictures stored before the image pipeline lose their GPS and camera."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from PIL import Image

from articles.models import Article
from tests.factories import image_bytes, make_article, photo_with_gps

pytestmark = pytest.mark.django_db


def read(name):
    with default_storage.open(name, "rb") as stored:
        return stored.read()


def run():
    out = io.StringIO()
    call_command("clean_stored_images", stdout=out)
    return out.getvalue().strip()


def test_old_covers_and_editor_images_with_gps_are_cleaned_once(
    django_capture_on_commit_callbacks,
):
    # As the site stored them before: the upload's bytes, written as they came.
    old_cover = default_storage.save(
        "covers/2024/05/hien-truong.jpg", ContentFile(photo_with_gps())
    )
    article = make_article()
    Article.objects.filter(pk=article.pk).update(cover_image=old_cover)
    tagged = default_storage.save("editor/2024/05/02/cau.jpg", ContentFile(photo_with_gps()))
    plain = default_storage.save("editor/2024/05/02/so-do.png", ContentFile(image_bytes("PNG")))

    with django_capture_on_commit_callbacks(execute=True):
        assert (
            run() == "Cleaned 1 cover(s) and 1 editor image(s); made the renditions of 0 cover(s)."
        )

    article.refresh_from_db()
    cover = read(article.cover_image.name)
    assert b"Canon" not in cover and not Image.open(io.BytesIO(cover)).getexif()
    assert not default_storage.exists(old_cover)
    assert default_storage.exists(article.cover_thumbnail.name)
    assert article.cover_renditions["widths"]
    editor_image = read(tagged)  # same name: article bodies link to it
    assert b"Canon" not in editor_image and not Image.open(io.BytesIO(editor_image)).getexif()
    assert read(plain) == image_bytes("PNG")
    assert run() == "Cleaned 0 cover(s) and 0 editor image(s); made the renditions of 0 cover(s)."
