import importlib
import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.urls import reverse
from PIL import ExifTags, Image

from articles.models import Article
from tests.articles.admin_forms import ADD_URL, article_form_data, change_url
from tests.factories import (
    image_bytes,
    image_upload,
    make_article,
    make_author,
    make_import_record,
    make_section,
)
from tests.site.helpers import queries_for

pytestmark = pytest.mark.django_db


def stored_image(name):
    with default_storage.open(name, "rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
    return image


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def with_cover(size=(1600, 900), **fields):
    return make_article(cover_image=image_upload("anh-bia.png", size=size), **fields)


def test_an_uploaded_cover_gets_a_jpeg_thumbnail_at_most_640_pixels_wide():
    article = with_cover(size=(1600, 900))

    assert article.cover_thumbnail.name.startswith("covers/thumbs/")
    assert default_storage.exists(article.cover_thumbnail.name)
    thumbnail = stored_image(article.cover_thumbnail.name)
    assert thumbnail.format == "JPEG"
    assert thumbnail.size == (640, 360)
    assert (article.cover_thumbnail_width, article.cover_thumbnail_height) == (640, 360)
    assert stored_image(article.cover_image.name).size == (1600, 900)


def test_a_cover_uploaded_and_then_replaced_in_the_admin_has_one_thumbnail(
    client, journalist, django_capture_on_commit_callbacks
):
    data = article_form_data(title="Bài có ảnh bìa")
    data["cover_image"] = image_upload("cau.png", size=(1280, 960))
    client.post(ADD_URL, data)
    article = Article.objects.get(title="Bài có ảnh bìa")
    first = article.cover_thumbnail.name
    assert stored_image(first).size == (640, 480)

    data = article_form_data(article)
    data["cover_image"] = image_upload("cau-moi.png", size=(2000, 1000))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert stored_image(article.cover_thumbnail.name).size == (640, 320)
    assert not default_storage.exists(first)


def test_a_cover_narrower_than_640_pixels_keeps_its_size_in_the_thumbnail():
    article = with_cover(size=(300, 200))
    assert stored_image(article.cover_thumbnail.name).size == (300, 200)


def test_the_thumbnail_is_upright_and_carries_no_camera_or_gps_data():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # stored sideways: turn 90° clockwise to view
    exif[ExifTags.Base.Make] = "Canon"
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "N"
    photo = image_bytes("JPEG", size=(1280, 720), exif=exif)
    article = make_article()
    article.cover_image.save("may-anh.jpg", ContentFile(photo), save=True)

    thumbnail = stored_image(article.cover_thumbnail.name)
    assert thumbnail.size == (640, 1138)  # portrait, as the camera meant it
    assert not thumbnail.getexif()
    assert "exif" not in thumbnail.info and "icc_profile" not in thumbnail.info


def test_a_transparent_png_cover_is_flattened_on_white():
    see_through = io.BytesIO()
    Image.new("RGBA", (800, 400), (255, 0, 0, 0)).save(see_through, format="PNG")
    article = make_article()
    article.cover_image.save("trong-suot.png", ContentFile(see_through.getvalue()), save=True)

    thumbnail = stored_image(article.cover_thumbnail.name)
    assert thumbnail.mode == "RGB"
    assert all(channel >= 250 for channel in thumbnail.getpixel((10, 10)))


def test_list_pages_show_the_thumbnail_with_its_size(client):
    section = make_section("Kinh tế")
    author = make_author("Phạm Ẩn")
    article = with_cover(
        title="Cảng Bình Dương mở rộng",
        section=section,
        authors=[author],
        tags=["Cảng biển"],
        cover_alt="Cầu cảng mới",
    )
    thumbnail = f'src="{article.cover_thumbnail.url}" alt="Cầu cảng mới" width="640" height="360"'
    pages = [
        section.get_absolute_url(),
        article.tags.get().get_absolute_url(),
        author.get_absolute_url(),
        reverse("articles:search") + "?q=cang",
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert thumbnail in html, url
        assert article.cover_image.url not in html, url


def test_the_front_page_shows_thumbnails_below_the_lead_story(client):
    lead = with_cover(featured=True)
    other = with_cover()
    html = client.get("/").content.decode()
    lead_block = html.split('class="lead-story"')[1].split("</section>")[0]
    assert lead.cover_image.url in lead_block  # the big picture stays sharp
    assert other.cover_thumbnail.url in html
    assert other.cover_image.url not in html


def test_the_article_page_keeps_the_full_cover_and_related_articles_use_thumbnails(client):
    section = make_section()
    article = with_cover(section=section, cover_alt="Ảnh bìa lớn")
    related = with_cover(section=section)
    html = client.get(article.get_absolute_url()).content.decode()
    figure = html.split('class="article__cover"')[1].split("</figure>")[0]
    assert f'src="{article.cover_image.url}"' in figure and 'width="1600"' in figure
    related_block = html.split('class="related"')[1].split("</section>")[0]
    assert related.cover_thumbnail.url in related_block
    assert related.cover_image.url not in related_block


def test_lists_fall_back_to_the_cover_when_there_is_no_thumbnail(client):
    article = with_cover(size=(800, 500))
    default_storage.delete(article.cover_thumbnail.name)
    Article.objects.filter(pk=article.pk).update(
        cover_thumbnail="", cover_thumbnail_width=None, cover_thumbnail_height=None
    )
    html = client.get(article.section.get_absolute_url()).content.decode()
    assert f'src="{article.cover_image.url}"' in html and 'width="800" height="500"' in html


def test_saving_without_a_new_cover_keeps_the_same_thumbnail(django_capture_on_commit_callbacks):
    article = with_cover()
    before = media_files()
    article = Article.objects.get(pk=article.pk)
    article.title = "Tít mới"
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    assert media_files() == before


def test_replacing_the_cover_replaces_the_thumbnail_and_deletes_the_old_files(
    django_capture_on_commit_callbacks,
):
    article = Article.objects.get(pk=with_cover(size=(1600, 900)).pk)
    old_cover, old_thumbnail = article.cover_image.name, article.cover_thumbnail.name
    article.cover_image = image_upload("anh-moi.png", size=(1000, 1000))
    with django_capture_on_commit_callbacks(execute=True):
        article.save()

    assert article.cover_thumbnail.name != old_thumbnail
    assert not default_storage.exists(old_thumbnail)
    assert not default_storage.exists(old_cover)
    assert stored_image(article.cover_thumbnail.name).size == (640, 640)
    assert Article.objects.get(pk=article.pk).cover_thumbnail_height == 640


def test_removing_the_cover_removes_its_files(django_capture_on_commit_callbacks):
    article = Article.objects.get(pk=with_cover().pk)
    old_cover, old_thumbnail = article.cover_image.name, article.cover_thumbnail.name
    article.cover_image = ""
    with django_capture_on_commit_callbacks(execute=True):
        article.save()

    article.refresh_from_db()
    assert not article.cover_thumbnail and article.cover_thumbnail_width is None
    assert not default_storage.exists(old_thumbnail)
    assert not default_storage.exists(old_cover)


def test_a_cover_change_that_is_rolled_back_keeps_the_old_files(
    django_capture_on_commit_callbacks,
):
    article = Article.objects.get(pk=with_cover().pk)
    old_cover, old_thumbnail = article.cover_image.name, article.cover_thumbnail.name
    article.cover_image = image_upload("anh-moi.png")
    with django_capture_on_commit_callbacks() as callbacks:
        article.save()
    # Nothing ran: the deletions wait for a commit that a rollback would cancel.
    assert default_storage.exists(old_cover) and default_storage.exists(old_thumbnail)
    assert len(callbacks) == 2


def test_deleting_an_article_deletes_its_cover_and_thumbnail(django_capture_on_commit_callbacks):
    article = with_cover()
    cover, thumbnail = article.cover_image.name, article.cover_thumbnail.name
    with django_capture_on_commit_callbacks(execute=True):
        article.delete()
    assert not default_storage.exists(thumbnail)
    assert not default_storage.exists(cover)


def test_imported_covers_get_thumbnails_and_a_failed_line_leaves_none(tmp_path):
    (tmp_path / "bia.jpg").write_bytes(image_bytes("JPEG", size=(1200, 800)))
    good = make_import_record(external_id="a-1", cover_image="bia.jpg")
    bad = make_import_record(external_id="a-2", cover_image="bia.jpg", authors=[])
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in (good, bad)) + "\n")
    with pytest.raises(Exception, match="could not be imported"):
        call_command("import_articles", str(path), stdout=io.StringIO(), stderr=io.StringIO())

    article = Article.objects.get()
    assert stored_image(article.cover_thumbnail.name).size == (640, 427)
    assert media_files() == sorted([article.cover_image.name, article.cover_thumbnail.name])


def test_demo_covers_get_thumbnails(settings):
    settings.DEBUG = False
    call_command("load_demo", stdout=io.StringIO())

    articles = Article.objects.exclude(cover_image="")
    assert articles.count() >= 30
    for article in articles:
        assert default_storage.exists(article.cover_thumbnail.name), article.title
        assert (article.cover_thumbnail_width, article.cover_thumbnail_height) == (640, 360)


def test_the_migration_makes_thumbnails_for_existing_covers_and_skips_missing_files():
    migration = importlib.import_module("articles.migrations.0004_add_cover_thumbnails")
    kept = with_cover(size=(1280, 720))
    lost = with_cover()
    default_storage.delete(lost.cover_image.name)
    for article in (kept, lost):
        default_storage.delete(article.cover_thumbnail.name)
    Article.objects.update(
        cover_thumbnail="", cover_thumbnail_width=None, cover_thumbnail_height=None
    )

    migration.make_thumbnails(apps, schema_editor=None)

    # Fetched anew: refresh_from_db() would read the lost cover's size from its file.
    kept, lost = Article.objects.get(pk=kept.pk), Article.objects.get(pk=lost.pk)
    assert stored_image(kept.cover_thumbnail.name).size == (640, 360)
    assert kept.cover_thumbnail_width == 640
    assert not lost.cover_thumbnail


def test_list_pages_cost_no_more_queries_with_covers(client):
    section = make_section()
    make_article(section=section)
    without = queries_for(client, section.get_absolute_url())
    for _ in range(5):
        with_cover(section=section)
    assert queries_for(client, section.get_absolute_url()) == without
