"""Covers: stored once under a name made from their bytes, with WebP and JPEG
renditions that reader pages offer in <picture srcset>; files shared by several
articles outlive any one of them."""

import importlib
import io
import itertools
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

from articles import images as article_images
from articles.models import Article
from articles.templatetags.pictures import SIZES
from tests.articles.admin_forms import ADD_URL, article_form_data, change_url
from tests.factories import (
    huge_png,
    image_bytes,
    image_upload,
    make_article,
    make_author,
    make_import_record,
    make_section,
)
from tests.site.helpers import queries_for

pytestmark = pytest.mark.django_db

ALL_WIDTHS = [160, 320, 640, 960, 1200]
_colours = itertools.count(1)


def stored_image(name):
    with default_storage.open(name, "rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
    return image


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def picture(size=(1600, 900), name="anh-bia.png"):
    """A PNG upload of its own colour: two calls never make the same bytes."""
    colour = next(_colours)
    return image_upload(name, size=size, color=(colour % 256, colour // 256 % 256, 90))


def with_cover(size=(1600, 900), cover=None, **fields):
    return make_article(cover_image=cover or picture(size), **fields)


def rendition_files(article):
    return sorted(article_images.rendition_names(article.cover_renditions))


def test_an_uploaded_cover_is_stored_by_content_hash_with_webp_and_jpeg_renditions():
    article = with_cover(size=(1600, 900))

    assert article.cover_image.name.startswith("covers/")
    digest = article.cover_image.name.rsplit("/", 1)[1].removesuffix(".png")
    assert len(digest) == 32 and article.cover_image.name == f"covers/{digest[:2]}/{digest}.png"
    renditions = Article.objects.get(pk=article.pk).cover_renditions
    assert renditions == {
        "dir": f"renditions/{digest[:2]}/{digest}",
        "widths": ALL_WIDTHS,
        "size": [1600, 900],
    }
    for width in ALL_WIDTHS:
        for extension, kind in (("webp", "WEBP"), ("jpg", "JPEG")):
            image = stored_image(f"{renditions['dir']}/{width}.{extension}")
            assert image.format == kind
            assert image.size == (width, round(900 * width / 1600))
    assert stored_image(article.cover_image.name).size == (1600, 900)
    # Lists fall back to a JPEG thumbnail: the 640 px rendition, not another file.
    assert article.cover_thumbnail.name == f"{renditions['dir']}/640.jpg"
    assert (article.cover_thumbnail_width, article.cover_thumbnail_height) == (640, 360)
    assert media_files() == sorted([article.cover_image.name, *rendition_files(article)])


def test_a_small_cover_is_never_scaled_up():
    article = with_cover(size=(300, 200))
    assert article.cover_renditions["widths"] == [160, 300]
    assert stored_image(f"{article.cover_renditions['dir']}/300.webp").size == (300, 200)
    assert (article.cover_thumbnail_width, article.cover_thumbnail_height) == (300, 200)

    tiny = with_cover(size=(100, 80))
    assert tiny.cover_renditions["widths"] == [100]
    assert stored_image(f"{tiny.cover_renditions['dir']}/100.jpg").size == (100, 80)


def test_a_width_close_to_the_covers_own_gives_way_to_it():
    # 640 px is within 15 % of 700 px: the 700 px cover itself is the next step.
    article = with_cover(size=(700, 400))
    assert article.cover_renditions["widths"] == [160, 320, 700]
    assert article.cover_thumbnail_width == 700


def test_renditions_are_made_when_a_cover_is_uploaded_in_the_admin_and_replaced(
    client, journalist, django_capture_on_commit_callbacks
):
    data = article_form_data(title="Bài có ảnh bìa")
    data["cover_image"] = picture((1280, 960), name="cau.png")
    client.post(ADD_URL, data)
    article = Article.objects.get(title="Bài có ảnh bìa")
    first = [article.cover_image.name, *rendition_files(article)]
    assert article.cover_renditions["widths"] == [160, 320, 640, 960, 1200]
    assert stored_image(f"{article.cover_renditions['dir']}/1200.webp").size == (1200, 900)

    data = article_form_data(article)
    data["cover_image"] = picture((2000, 1000), name="cau-moi.png")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url(article), data)
    assert response.status_code == 302
    article.refresh_from_db()
    assert stored_image(article.cover_thumbnail.name).size == (640, 320)
    assert not any(default_storage.exists(name) for name in first)
    assert media_files() == sorted([article.cover_image.name, *rendition_files(article)])


def test_a_broken_image_uploaded_in_the_admin_is_refused_and_nothing_is_stored(client, journalist):
    data = article_form_data(title="Bài có ảnh hỏng")
    data["cover_image"] = ContentFile(image_bytes("JPEG", size=(1200, 800))[:400], name="hong.jpg")
    response = client.post(ADD_URL, data)
    assert response.status_code == 200
    assert "Ảnh bị hỏng hoặc không đầy đủ" in response.content.decode()
    assert not Article.objects.filter(title="Bài có ảnh hỏng").exists()
    assert media_files() == []


def test_renditions_are_upright_and_carry_no_camera_or_gps_data():
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6  # stored sideways: turn 90° clockwise to view
    exif[ExifTags.Base.Make] = "Canon"
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "N"
    photo = image_bytes("JPEG", size=(1280, 720), exif=exif)
    article = make_article()
    article.cover_image.save("may-anh.jpg", ContentFile(photo), save=True)

    assert article.cover_renditions["size"] == [720, 1280]  # portrait, as the camera meant it
    for name in rendition_files(article):
        image = stored_image(name)
        assert image.height > image.width
        assert not image.getexif()
        assert "exif" not in image.info and "icc_profile" not in image.info


def test_a_transparent_png_cover_keeps_its_transparency_in_webp_and_is_on_white_in_jpeg():
    see_through = io.BytesIO()
    Image.new("RGBA", (800, 400), (255, 0, 0, 0)).save(see_through, format="PNG")
    article = make_article()
    article.cover_image.save("trong-suot.png", ContentFile(see_through.getvalue()), save=True)

    folder = article.cover_renditions["dir"]
    jpeg = stored_image(f"{folder}/800.jpg")
    assert jpeg.mode == "RGB" and all(channel >= 250 for channel in jpeg.getpixel((10, 10)))
    webp = stored_image(f"{folder}/800.webp")
    assert webp.mode == "RGBA" and webp.getpixel((10, 10))[3] == 0


def srcset(article, extension, widths=ALL_WIDTHS):
    folder = article.cover_renditions["dir"]
    return ", ".join(f"/media/{folder}/{width}.{extension} {width}w" for width in widths)


def picture_html(article, layout, *, width=640, height=360, eager=False):
    folder = article.cover_renditions["dir"]
    loading = ' fetchpriority="high"' if eager else ' loading="lazy"'
    return (
        f'<picture><source type="image/webp" srcset="{srcset(article, "webp")}" '
        f'sizes="{SIZES[layout]}"><img src="/media/{folder}/{width}.jpg" '
        f'srcset="{srcset(article, "jpg")}" sizes="{SIZES[layout]}" '
        f'alt="{article.cover_alt or article.title}" width="{width}" height="{height}"'
        f'{loading} decoding="async"></picture>'
    )


def test_list_pages_offer_the_renditions_in_a_picture_with_sizes(client):
    section = make_section("Kinh tế")
    author = make_author("Phạm Ẩn")
    article = with_cover(
        title="Cảng Bình Dương mở rộng",
        section=section,
        authors=[author],
        tags=["Cảng biển"],
        cover_alt="Cầu cảng mới",
    )
    pages = [section.get_absolute_url(), article.tags.get().get_absolute_url()]
    pages.append(author.get_absolute_url())
    for url in pages:
        html = client.get(url).content.decode()
        # The first card of a list is on the first screen.
        assert picture_html(article, "grid", eager=True) in html, url
        assert article.cover_image.url not in html, url
    html = client.get(reverse("articles:search") + "?q=cang").content.decode()
    assert picture_html(article, "search", eager=True) in html


def test_the_front_page_lead_story_loads_its_cover_first_and_the_other_cards_lazily(client):
    section = make_section()
    lead = with_cover(featured=True, section=section)
    others = [with_cover(section=section) for _ in range(2)]
    html = client.get("/").content.decode()

    lead_block = html.split('class="lead-story"')[1].split("</section>")[0]
    assert picture_html(lead, "lead", width=1200, height=675, eager=True) in lead_block
    assert "loading=" not in lead_block
    section_block = html.split('class="section-block"')[1].split("</section>")[0]
    # Below the lead: the first card of a section is wide on phones, the next a 7rem row.
    assert picture_html(others[1], "grid") in section_block
    assert picture_html(others[0], "row") in section_block
    latest = html.split('class="latest"')[1].split("</section>")[0]
    assert picture_html(others[1], "compact") in latest
    for article in (lead, *others):
        assert article.cover_image.url not in html


def test_the_article_page_offers_its_cover_in_sizes_up_to_1200_pixels(client):
    section = make_section()
    article = with_cover(section=section, cover_alt="Ảnh bìa lớn")
    related = with_cover(section=section)
    html = client.get(article.get_absolute_url()).content.decode()
    figure = html.split('class="article__cover"')[1].split("</figure>")[0]
    assert picture_html(article, "cover", width=1200, height=675, eager=True) in figure
    related_block = html.split('class="related"')[1].split("</section>")[0]
    assert picture_html(related, "grid") in related_block
    assert related.cover_image.url not in related_block


def test_a_cover_without_renditions_is_shown_as_before(client):
    """Until clean_stored_images makes them: the old thumbnail, else the cover."""
    article = with_cover(size=(800, 500))
    Article.objects.filter(pk=article.pk).update(
        cover_renditions={}, cover_thumbnail="", cover_thumbnail_width=None
    )
    html = client.get(article.section.get_absolute_url()).content.decode()
    assert f'<img src="{article.cover_image.url}" alt="{article.title}" width="800" height="500"'
    assert "<picture>" not in html and "srcset" not in html


def test_reader_pages_cost_no_more_queries_with_covers(client):
    section = make_section()
    articles = [make_article(section=section, featured=not n) for n in range(6)]
    pages = [section.get_absolute_url(), "/", articles[0].get_absolute_url()]
    without = [queries_for(client, url) for url in pages]
    for article in articles:
        article.cover_image = picture()
        article.save()
    assert [queries_for(client, url) for url in pages] == without
    assert all("<picture>" in client.get(url).content.decode() for url in pages)


def test_the_same_picture_twice_is_one_file_and_one_set_of_renditions():
    data = image_bytes("PNG", size=(1000, 600), color=(1, 2, 3))
    first = make_article(cover_image=ContentFile(data, name="mot.png"))
    second = make_article(cover_image=ContentFile(data, name="hai.png"))

    assert first.cover_image.name == second.cover_image.name
    assert first.cover_renditions == second.cover_renditions
    assert media_files() == sorted([first.cover_image.name, *rendition_files(first)])


def test_renditions_already_stored_are_not_made_or_read_again(monkeypatch):
    data = image_bytes("PNG", size=(1000, 600), color=(4, 5, 6))
    first = make_article(cover_image=ContentFile(data, name="mot.png"))
    article_images._make_renditions.cache_clear()

    def no_decoding(*args, **kwargs):
        raise AssertionError("the picture was decoded again")

    monkeypatch.setattr(article_images, "_make_renditions", no_decoding)
    # Its name holds the hash: the cover is not even read back from the storage.
    monkeypatch.setattr(article_images, "_read", no_decoding)
    second = make_article()
    second.cover_image = first.cover_image.name
    second.save()
    assert second.cover_renditions == first.cover_renditions
    assert second.cover_thumbnail.name == first.cover_thumbnail.name


def test_saving_without_a_new_cover_keeps_the_same_files(django_capture_on_commit_callbacks):
    article = with_cover()
    before = media_files()
    article = Article.objects.get(pk=article.pk)
    article.title = "Tít mới"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        article.save()
    assert media_files() == before
    assert callbacks == []


def test_replacing_the_cover_deletes_the_old_files(django_capture_on_commit_callbacks):
    article = Article.objects.get(pk=with_cover(size=(1600, 900)).pk)
    old = [article.cover_image.name, *rendition_files(article)]
    article.cover_image = picture((1000, 1000), name="anh-moi.png")
    with django_capture_on_commit_callbacks(execute=True):
        article.save()

    assert not any(default_storage.exists(name) for name in old)
    assert stored_image(article.cover_thumbnail.name).size == (640, 640)
    assert Article.objects.get(pk=article.pk).cover_thumbnail_height == 640
    assert media_files() == sorted([article.cover_image.name, *rendition_files(article)])


def test_replacing_a_shared_cover_keeps_the_files_the_other_article_shows(
    django_capture_on_commit_callbacks,
):
    data = image_bytes("PNG", size=(1000, 600), color=(7, 8, 9))
    keeps = make_article(cover_image=ContentFile(data, name="chung.png"))
    changes = Article.objects.get(pk=make_article(cover_image=ContentFile(data, name="x.png")).pk)
    shared = [keeps.cover_image.name, *rendition_files(keeps)]

    changes.cover_image = picture((800, 800))
    with django_capture_on_commit_callbacks(execute=True):
        changes.save()
    assert all(default_storage.exists(name) for name in shared)

    # Once the last article stops showing it, it goes.
    keeps = Article.objects.get(pk=keeps.pk)
    keeps.cover_image = ""
    with django_capture_on_commit_callbacks(execute=True):
        keeps.save()
    assert not any(default_storage.exists(name) for name in shared)
    assert media_files() == sorted([changes.cover_image.name, *rendition_files(changes)])


def test_removing_the_cover_removes_its_files(django_capture_on_commit_callbacks):
    article = Article.objects.get(pk=with_cover().pk)
    old = [article.cover_image.name, *rendition_files(article)]
    article.cover_image = ""
    with django_capture_on_commit_callbacks(execute=True):
        article.save()

    article.refresh_from_db()
    assert article.cover_renditions == {} and not article.cover_thumbnail
    assert article.cover_thumbnail_width is None
    assert media_files() == []
    assert not any(default_storage.exists(name) for name in old)


def test_a_cover_change_that_is_rolled_back_keeps_the_old_files(
    django_capture_on_commit_callbacks,
):
    article = Article.objects.get(pk=with_cover().pk)
    old = [article.cover_image.name, *rendition_files(article)]
    article.cover_image = picture()
    with django_capture_on_commit_callbacks() as callbacks:
        article.save()
    # Nothing ran: the deletion waits for a commit that a rollback would cancel.
    assert all(default_storage.exists(name) for name in old)
    assert len(callbacks) == 1


def test_deleting_an_article_deletes_its_files_unless_another_shows_them(
    django_capture_on_commit_callbacks,
):
    data = image_bytes("PNG", size=(900, 600), color=(10, 11, 12))
    first = make_article(cover_image=ContentFile(data, name="a.png"))
    second = make_article(cover_image=ContentFile(data, name="b.png"))
    files = media_files()
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert media_files() == files
    with django_capture_on_commit_callbacks(execute=True):
        second.delete()
    assert media_files() == []


def run_import(tmp_path, *records):
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in records) + "\n")
    call_command("import_articles", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_an_import_of_many_lines_with_one_cover_stores_it_once_with_its_renditions(tmp_path):
    (tmp_path / "bia.jpg").write_bytes(image_bytes("JPEG", size=(1200, 800)))
    records = [make_import_record(external_id=f"a-{n}", cover_image="bia.jpg") for n in range(5)]
    run_import(tmp_path, *records)

    articles = list(Article.objects.all())
    assert len(articles) == 5
    assert len({article.cover_image.name for article in articles}) == 1
    assert all(article.cover_renditions == articles[0].cover_renditions for article in articles)
    assert articles[0].cover_renditions["widths"] == ALL_WIDTHS
    assert stored_image(f"{articles[0].cover_renditions['dir']}/960.webp").size == (960, 640)
    assert media_files() == sorted([articles[0].cover_image.name, *rendition_files(articles[0])])

    # Imported again, as another archive would: still the same files.
    run_import(tmp_path, *records, make_import_record(external_id="b-1", cover_image="bia.jpg"))
    assert Article.objects.count() == 6
    assert media_files() == sorted([articles[0].cover_image.name, *rendition_files(articles[0])])


def test_a_failed_import_line_leaves_no_files_of_its_own(tmp_path):
    (tmp_path / "bia.jpg").write_bytes(image_bytes("JPEG", size=(1200, 800)))
    (tmp_path / "rieng.jpg").write_bytes(image_bytes("JPEG", size=(900, 600), color=(1, 1, 1)))
    good = make_import_record(external_id="a-1", cover_image="bia.jpg")
    same_cover = make_import_record(external_id="a-2", cover_image="bia.jpg", authors=[])
    own_cover = make_import_record(external_id="a-3", cover_image="rieng.jpg", authors=[])
    with pytest.raises(Exception, match="could not be imported"):
        run_import(tmp_path, good, same_cover, own_cover)

    article = Article.objects.get()
    assert media_files() == sorted([article.cover_image.name, *rendition_files(article)])


def test_hostile_and_broken_covers_in_an_import_are_refused_and_nothing_is_stored(tmp_path):
    (tmp_path / "bom.png").write_bytes(huge_png(9400, 9400))
    (tmp_path / "hong.jpg").write_bytes(image_bytes("JPEG", size=(1200, 800))[:500])
    (tmp_path / "gia.jpg").write_bytes(b"<html>not a picture</html>")
    lines = [
        make_import_record(external_id=f"x-{n}", cover_image=name)
        for n, name in enumerate(["bom.png", "hong.jpg", "gia.jpg"])
    ]
    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    err = io.StringIO()
    with pytest.raises(Exception, match="could not be imported"):
        call_command("import_articles", str(path), stdout=io.StringIO(), stderr=err)

    assert "line 1: cover_image: " in err.getvalue() and "too large in pixels" in err.getvalue()
    assert "line 2: cover_image: " in err.getvalue() and "damaged or incomplete" in err.getvalue()
    assert "line 3: cover_image: " in err.getvalue() and "is not a JPEG, PNG" in err.getvalue()
    assert Article.objects.count() == 0
    assert media_files() == []


def test_demo_covers_get_renditions(settings):
    settings.DEBUG = False
    call_command("load_demo", stdout=io.StringIO())

    articles = Article.objects.exclude(cover_image="")
    assert articles.count() >= 30
    for article in articles:
        assert article.cover_renditions["widths"], article.title
        for name in rendition_files(article):
            assert default_storage.exists(name), name
        assert default_storage.exists(article.cover_thumbnail.name), article.title


def test_clean_stored_images_makes_the_missing_renditions_and_drops_old_thumbnails(
    django_capture_on_commit_callbacks,
):
    article = with_cover(size=(1280, 720))
    for name in rendition_files(article):
        default_storage.delete(name)
    old_thumbnail = default_storage.save("covers/thumbs/2025/01/anh.jpg", ContentFile(b"jpeg"))
    Article.objects.filter(pk=article.pk).update(cover_renditions={}, cover_thumbnail=old_thumbnail)

    with django_capture_on_commit_callbacks(execute=True):
        call_command("clean_stored_images", stdout=io.StringIO())

    article = Article.objects.get(pk=article.pk)
    assert article.cover_renditions["widths"] == [160, 320, 640, 960, 1200]
    assert stored_image(f"{article.cover_renditions['dir']}/1200.webp").size == (1200, 675)
    assert article.cover_thumbnail.name == f"{article.cover_renditions['dir']}/640.jpg"
    assert media_files() == sorted([article.cover_image.name, *rendition_files(article)])


def test_the_thumbnail_migration_still_runs_and_skips_missing_files():
    migration = importlib.import_module("articles.migrations.0004_add_cover_thumbnails")
    kept = with_cover(size=(1280, 720))
    lost = with_cover()
    default_storage.delete(lost.cover_image.name)
    for article in (kept, lost):
        for name in rendition_files(article):
            default_storage.delete(name)
    Article.objects.update(
        cover_thumbnail="", cover_thumbnail_width=None, cover_thumbnail_height=None
    )

    migration.make_thumbnails(apps, schema_editor=None)

    # Fetched anew: refresh_from_db() would read the lost cover's size from its file.
    kept, lost = Article.objects.get(pk=kept.pk), Article.objects.get(pk=lost.pk)
    assert stored_image(kept.cover_thumbnail.name).size == (640, 360)
    assert kept.cover_thumbnail_width == 640
    assert not lost.cover_thumbnail


def test_the_srcset_follows_the_media_address(client, settings):
    article = with_cover(size=(700, 400))
    client.get(article.section.get_absolute_url())  # the address is remembered here
    settings.MEDIA_URL = "https://anh.example.vn/media/"
    html = client.get(article.section.get_absolute_url()).content.decode()
    folder = article.cover_renditions["dir"]
    assert f'srcset="https://anh.example.vn/media/{folder}/160.webp 160w, ' in html


def test_a_storage_with_signed_addresses_is_asked_for_each_rendition():
    class SignedStorage:
        def url(self, name):
            return f"https://s3.example/{name}?signature={len(name)}"

    renditions = {"dir": "renditions/ab/abcd", "widths": [160, 320], "size": [400, 300]}
    webp, jpeg, url = article_images.rendition_srcsets(SignedStorage(), renditions)
    assert webp == (
        "https://s3.example/renditions/ab/abcd/160.webp?signature=27 160w, "
        "https://s3.example/renditions/ab/abcd/320.webp?signature=27 320w"
    )
    assert url(320, "jpg") == "https://s3.example/renditions/ab/abcd/320.jpg?signature=26"


def test_a_cover_a_waiting_correction_proposes_is_kept_when_the_other_article_drops_it(
    django_capture_on_commit_callbacks,
):
    from tests.articles.test_corrections import live_article, review_url, session
    from tests.factories import make_editor, make_journalist

    data = image_bytes("PNG", size=(900, 500), color=(13, 14, 15))
    shown = make_article(cover_image=ContentFile(data, name="a.png"))
    writer = make_journalist()
    article = live_article(writer)
    form = article_form_data(Article.objects.get(pk=article.pk))
    form["cover_image"] = ContentFile(data, name="b.png")
    session(writer).post(change_url(article), form)
    correction = article.revisions.get(state="pending")
    assert correction.content["cover_image"] == shown.cover_image.name

    shown = Article.objects.get(pk=shown.pk)
    shown.cover_image = ""
    with django_capture_on_commit_callbacks(execute=True):
        shown.save()
    assert default_storage.exists(correction.content["cover_image"])

    with django_capture_on_commit_callbacks(execute=True):
        session(make_editor()).post(review_url(correction), {"_publish": "1"})
    article = Article.objects.get(pk=article.pk)
    assert article.cover_image.name == correction.content["cover_image"]
    assert all(default_storage.exists(name) for name in rendition_files(article))
