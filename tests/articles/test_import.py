import io
import json
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.images import cover_name, rendition_names
from articles.models import Article, Author, Section, Tag
from newsroom import images
from tests.factories import image_bytes, make_author, make_import_record

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


def write_jsonl(path, *records):
    """Write `records` (dicts, or raw strings for broken lines) one per line."""
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run_import(path):
    """Run the command; return (stdout, stderr, failed) where failed is the CommandError."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_articles", str(path), stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def cleaned(data):
    return images.clean_image(data).content


def stored_renditions(article):
    return rendition_names(article.cover_renditions)


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_import_creates_the_article_with_its_section_byline_tags_and_times(tmp_path):
    record = make_import_record(
        title="Đảng bộ TP.Dĩ An tổng kết năm",
        lead="Sapo của bài.",
        body='<h2>Kết quả</h2><p onclick="x()">Đoạn một.</p><script>alert(1)</script>',
        section="Chính trị",
        authors=["Phạm Ẩn", "Đỗ Trọng"],
        tags=["Dĩ An", "Đại hội"],
        published_at="2023-11-20T07:00:00+07:00",
        updated_at="2023-11-27T08:40:36+07:00",
        external_id="old-cms-42",
    )
    out, err, failed = run_import(write_jsonl(tmp_path / "archive.jsonl", record))

    assert failed is None and err == ""
    assert "Imported 1, updated 0, failed 0" in out
    article = Article.objects.for_listing().get()
    assert article.slug == "dang-bo-tp-di-an-tong-ket-nam"
    assert article.section.name == "Chính trị"
    assert article.byline == "PHẠM ẨN - ĐỖ TRỌNG"
    assert sorted(tag.name for tag in article.tags.all()) == ["Dĩ An", "Đại hội"]
    assert article.published_at == datetime(2023, 11, 20, 0, 0, tzinfo=UTC)
    assert article.updated_at == datetime(2023, 11, 27, 1, 40, 36, tzinfo=UTC)
    assert article.body == "<h2>Kết quả</h2><p>Đoạn một.</p>"
    assert article.external_id == "old-cms-42"
    assert article.is_live


def test_imported_article_shows_the_archive_update_time_on_its_page(client, tmp_path):
    run_import(
        write_jsonl(
            tmp_path / "a.jsonl",
            make_import_record(updated_at="2023-11-27T08:40:36+07:00"),
        )
    )
    html = client.get(Article.objects.get().get_absolute_url()).content.decode()
    assert "27-11-2023 | 08:40:36" in html


def test_updated_at_defaults_to_published_at(tmp_path):
    run_import(
        write_jsonl(tmp_path / "a.jsonl", make_import_record(published_at="2021-05-01T06:30:00Z"))
    )
    article = Article.objects.get()
    assert article.updated_at == article.published_at == datetime(2021, 5, 1, 6, 30, tzinfo=UTC)


def test_drafts_and_articles_in_review_import_without_section_authors_or_times(tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl",
        {"title": "Bản nháp cũ", "status": "draft"},
        {"title": "Bài chờ duyệt", "status": "review", "authors": ["Thu Thảo"]},
    )
    out, _err, failed = run_import(path)
    assert failed is None and "Imported 2, updated 0, failed 0" in out
    assert set(Article.objects.values_list("status", flat=True)) == {"draft", "review"}
    assert not Article.objects.published().exists()


def test_existing_sections_authors_and_tags_are_reused_not_duplicated(tmp_path):
    author = make_author("Đỗ Trọng")
    Section.objects.create(name="Kinh tế")
    Tag.objects.create(name="Bóng đá")
    path = write_jsonl(
        tmp_path / "a.jsonl",
        make_import_record(section="Kinh tế", authors=["Đỗ Trọng"], tags=["bóng đá"]),
        make_import_record(section="Kinh tế", authors=["Đỗ Trọng"], tags=["BÓNG ĐÁ", "Bóng Đá"]),
    )
    run_import(path)
    assert Section.objects.count() == 1
    assert list(Author.objects.all()) == [author]
    assert list(Tag.objects.values_list("name", flat=True)) == ["Bóng đá"]
    assert all(a.tags.count() == 1 for a in Article.objects.all())


def test_reimporting_the_same_external_id_updates_the_article(tmp_path):
    first = make_import_record(
        external_id="A-1", title="Tít cũ", authors=["Đỗ Trọng", "Phạm Ẩn"], tags=["Một", "Hai"]
    )
    run_import(write_jsonl(tmp_path / "a.jsonl", first))
    article = Article.objects.get()

    second = {
        **first,
        "title": "Tít mới",
        "authors": ["Thu Thảo"],
        "tags": ["Ba"],
        "updated_at": "2024-01-02T10:00:00+07:00",
    }
    out, _err, failed = run_import(write_jsonl(tmp_path / "b.jsonl", second))

    assert failed is None and "Imported 0, updated 1, failed 0" in out
    updated = Article.objects.for_listing().get()
    assert updated.pk == article.pk
    assert updated.title == "Tít mới"
    assert updated.slug == article.slug  # the article keeps its address
    assert updated.byline == "THU THẢO"
    assert [tag.name for tag in updated.tags.all()] == ["Ba"]
    assert updated.updated_at == datetime(2024, 1, 2, 3, 0, tzinfo=UTC)


def test_each_imported_version_is_kept_in_the_articles_history(tmp_path):
    first = make_import_record(external_id="A-1", title="Tít cũ", authors=["Đỗ Trọng"])
    run_import(write_jsonl(tmp_path / "a.jsonl", first))
    run_import(write_jsonl(tmp_path / "b.jsonl", {**first, "title": "Tít mới"}))

    article = Article.objects.get()
    titles = [r.content["title"] for r in article.revisions.order_by("pk")]
    assert titles == ["Tít cũ", "Tít mới"]


def test_lines_without_external_id_are_new_articles_each_time(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", make_import_record(title="Cùng tít"))
    run_import(path)
    run_import(path)
    assert sorted(Article.objects.values_list("slug", flat=True)) == ["cung-tit", "cung-tit-2"]


def test_cover_image_path_is_relative_to_the_file_and_stored_with_its_size(client, tmp_path):
    (tmp_path / "anh").mkdir()
    (tmp_path / "anh" / "Cầu Phú Cường.png").write_bytes(image_bytes(size=(64, 48)))
    record = make_import_record(cover_image="anh/Cầu Phú Cường.png", cover_caption="Cây cầu")
    run_import(write_jsonl(tmp_path / "a.jsonl", record))

    article = Article.objects.get()
    assert article.cover_image.name == cover_name(cleaned(image_bytes(size=(64, 48))), "png")
    assert (article.cover_width, article.cover_height) == (64, 48)
    assert article.cover_caption == "Cây cầu"
    # The cover and its one rendition (it is narrower than any width), in WebP and JPEG.
    assert media_files() == sorted([article.cover_image.name, *stored_renditions(article)])
    html = client.get(article.get_absolute_url()).content.decode()
    assert article.cover_picture.url in html and "<figcaption>Cây cầu</figcaption>" in html


def test_reimporting_the_same_cover_keeps_one_file(tmp_path, django_capture_on_commit_callbacks):
    (tmp_path / "bia.jpg").write_bytes(image_bytes("JPEG"))
    path = write_jsonl(
        tmp_path / "a.jsonl", make_import_record(external_id="c-1", cover_image="bia.jpg")
    )
    run_import(path)
    with django_capture_on_commit_callbacks(execute=True):
        run_import(path)
    assert len(media_files()) == 3  # the cover and its rendition in WebP and JPEG


def test_a_new_cover_replaces_the_old_file(tmp_path, django_capture_on_commit_callbacks):
    (tmp_path / "cu.png").write_bytes(image_bytes(color=(0, 0, 0)))
    (tmp_path / "moi.png").write_bytes(image_bytes(color=(255, 255, 255)))
    run_import(
        write_jsonl(tmp_path / "a.jsonl", make_import_record(external_id="c", cover_image="cu.png"))
    )
    with django_capture_on_commit_callbacks(execute=True):
        run_import(
            write_jsonl(
                tmp_path / "b.jsonl", make_import_record(external_id="c", cover_image="moi.png")
            )
        )
    article = Article.objects.get()
    assert media_files() == sorted([article.cover_image.name, *stored_renditions(article)])
    assert article.cover_image.name == cover_name(cleaned(image_bytes(color=(255,) * 3)), "png")


BAD_LINES = [
    ('{"title": "Thiếu ngoặc"', "invalid JSON"),
    ('["title", "status"]', "expected a JSON object, got a list"),
    (make_import_record(title=...), "title is required"),
    (make_import_record(title="   "), "title is required"),
    (make_import_record(title=5), "title must be a string, not a number"),
    (make_import_record(title="x" * 300), "title: Ensure this value has at most 255 characters"),
    (make_import_record(status=...), "status is required"),
    (make_import_record(status="archived"), 'unknown status "archived"'),
    (make_import_record(tags="Bóng đá"), "tags must be a list of names, not a string"),
    (make_import_record(authors=["Đỗ Trọng", 7]), "authors must be a string, not a number"),
    (make_import_record(authors=["Đỗ Trọng", "Đỗ Trọng"]), "authors: 'Đỗ Trọng' is listed twice"),
    (make_import_record(section="x" * 101), "section: 'xxxx"),
    (make_import_record(titel="Lỗi chính tả"), "unknown key 'titel'"),
    (
        make_import_record(published_at="2023-11-27T08:40:36"),
        "published_at: '2023-11-27T08:40:36' has no time zone offset",
    ),
    (
        make_import_record(updated_at="2023-11-27 08:40"),
        "updated_at: '2023-11-27 08:40' has no time zone offset",
    ),
    (make_import_record(published_at="27/11/2023"), "is not an ISO 8601 time"),
    (make_import_record(published_at=1700000000), "published_at must be an ISO 8601 string"),
    (make_import_record(published_at=...), "published_at: A published article needs a publish"),
    (make_import_record(section=...), "section: Choose a section before publishing."),
    (make_import_record(authors=[]), "authors: Add at least one author before publishing."),
    (make_import_record(cover_image="khong-co.jpg"), "cover_image: no file at"),
    (
        make_import_record(body='<p><img src="http://cu.example/a.jpg"></p>'),
        "body: Images must be uploaded to the site or come from an https:// address: "
        "http://cu.example/a.jpg",
    ),
]


@pytest.mark.parametrize(
    ("line", "reason"),
    BAD_LINES,
    ids=[reason.split(":")[0][:40] for _line, reason in BAD_LINES],
)
def test_a_bad_line_is_reported_with_its_number_and_nothing_of_it_is_saved(tmp_path, line, reason):
    path = write_jsonl(tmp_path / "a.jsonl", line)
    out, err, failed = run_import(path)

    assert err.startswith("line 1: ") and reason in err
    assert "Imported 0, updated 0, failed 1" in out
    assert failed is not None
    assert Article.objects.count() == Section.objects.count() == 0
    assert Author.objects.count() == Tag.objects.count() == 0


def test_the_other_lines_still_import_around_bad_ones(tmp_path):
    path = write_jsonl(
        tmp_path / "a.jsonl",
        make_import_record(title="Bài một"),
        "{not json}",
        "",
        make_import_record(title="Bài hai", status="archived"),
        make_import_record(title="Bài ba"),
    )
    out, err, failed = run_import(path)

    assert err.splitlines() == [
        "line 2: invalid JSON (Expecting property name enclosed in double quotes at column 2)",
        'line 4: unknown status "archived" (expected one of draft, review, published)',
    ]
    assert "Imported 2, updated 0, failed 2" in out
    assert str(failed) == "2 line(s) could not be imported."
    assert sorted(Article.objects.values_list("title", flat=True)) == ["Bài ba", "Bài một"]


def test_a_line_that_fails_after_its_cover_was_stored_leaves_no_file(tmp_path):
    (tmp_path / "bia.png").write_bytes(image_bytes())
    record = make_import_record(authors=[], cover_image="bia.png")
    _out, err, _failed = run_import(write_jsonl(tmp_path / "a.jsonl", record))
    assert "Add at least one author" in err
    assert Article.objects.count() == 0
    assert media_files() == []


def test_a_cover_that_is_not_an_image_is_refused(tmp_path):
    (tmp_path / "bia.jpg").write_bytes(b"<html>not an image</html>")
    _out, err, _failed = run_import(
        write_jsonl(tmp_path / "a.jsonl", make_import_record(cover_image="bia.jpg"))
    )
    assert "is not a JPEG, PNG, GIF or WebP image" in err
    assert Article.objects.count() == 0 and media_files() == []


def test_a_reimport_that_fails_leaves_the_article_as_it_was(tmp_path):
    good = make_import_record(external_id="k", authors=["Đỗ Trọng"], tags=["Một"])
    run_import(write_jsonl(tmp_path / "a.jsonl", good))
    bad = {**good, "title": "Tít mới", "authors": [], "tags": ["Hai"]}
    run_import(write_jsonl(tmp_path / "b.jsonl", bad))
    article = Article.objects.for_listing().get()
    assert article.title == good["title"]
    assert article.byline == "ĐỖ TRỌNG"
    assert [tag.name for tag in article.tags.all()] == ["Một"]


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*khong-co.jsonl: No such file"):
        call_command("import_articles", str(tmp_path / "khong-co.jsonl"))


def test_import_queries_do_not_grow_with_the_number_of_authors_and_tags(tmp_path):
    names = [f"Tác giả {i}" for i in range(10)]
    keywords = [f"Từ khóa {i}" for i in range(10)]
    for name in names:
        make_author(name)
    for keyword in keywords:
        Tag.objects.create(name=keyword)

    def queries_for(record):
        path = write_jsonl(tmp_path / "a.jsonl", record)
        with CaptureQueriesContext(connection) as captured:
            run_import(path)
        return len(captured)

    Section.objects.create(name=make_import_record()["section"])
    one = {"authors": names[:1], "tags": keywords[:1]}
    ten = {"authors": names, "tags": keywords}

    creating_one = queries_for(make_import_record(external_id="a", **one))
    assert queries_for(make_import_record(external_id="b", **ten)) == creating_one
    updating_one = queries_for(make_import_record(external_id="b", **one))
    assert queries_for(make_import_record(external_id="a", **ten)) == updating_one


@pytest.fixture
def cli_database_url(transactional_db, tmp_path):
    """A database the `manage.py` subprocess can share with this test, migrated."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        return f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    manage(["migrate", "--noinput"], url, tmp_path).check_returncode()
    return url


def manage(args, database_url, tmp_path):
    env = {
        **os.environ,
        "DEBUG": "1",
        "DATABASE_URL": database_url,
        "NEWSROOM_VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "media"),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_manage_py_exits_non_zero_when_a_line_failed_and_zero_when_all_imported(
    cli_database_url, tmp_path
):
    bad = write_jsonl(
        tmp_path / "bad.jsonl",
        make_import_record(title="Bài tốt"),
        make_import_record(title="Bài thiếu múi giờ", published_at="2023-11-27T08:40:36"),
    )
    result = manage(["import_articles", str(bad)], cli_database_url, tmp_path)
    assert result.returncode == 1
    assert "Imported 1, updated 0, failed 1" in result.stdout
    assert "line 2: published_at: '2023-11-27T08:40:36' has no time zone offset" in result.stderr

    good = write_jsonl(tmp_path / "good.jsonl", make_import_record(title="Bài tốt nữa"))
    result = manage(["import_articles", str(good)], cli_database_url, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Imported 1, updated 0, failed 0" in result.stdout


# Covers come only from the folder of the JSON Lines file.


@pytest.fixture
def archive(tmp_path):
    """An archive folder with its own cover, beside a real image that lies outside it."""
    folder = tmp_path / "archive"
    (folder / "anh").mkdir(parents=True)
    (folder / "anh" / "bia.png").write_bytes(image_bytes())
    (tmp_path / "ngoai.png").write_bytes(image_bytes(color=(0, 0, 255)))
    return folder


@pytest.mark.parametrize(
    "cover",
    [
        "/etc/passwd",
        "../ngoai.png",
        "anh/../../ngoai.png",
        "../../../../../../../../etc/passwd",
        "ABSOLUTE",  # the outside image, by its absolute path
    ],
)
def test_a_cover_outside_the_archive_folder_is_refused(archive, cover):
    if cover == "ABSOLUTE":
        cover = str(archive.parent / "ngoai.png")
    path = write_jsonl(archive / "a.jsonl", make_import_record(cover_image=cover))
    out, err, _failed = run_import(path)
    assert err == f"line 1: cover_image: {cover!r} is outside the folder of the import file\n"
    assert "Imported 0, updated 0, failed 1" in out
    assert Article.objects.count() == Section.objects.count() == Author.objects.count() == 0
    assert media_files() == []


@pytest.mark.parametrize("link", ["lien-ket.png", "anh/lien-ket"], ids=["file", "folder"])
def test_a_symbolic_link_cannot_lead_a_cover_out_of_the_archive_folder(archive, link):
    target = archive.parent / ("ngoai.png" if link.endswith(".png") else "")
    (archive / link).symlink_to(target)
    cover = link if link.endswith(".png") else f"{link}/ngoai.png"
    path = write_jsonl(archive / "a.jsonl", make_import_record(cover_image=cover))
    _out, err, _failed = run_import(path)
    assert "is outside the folder of the import file" in err
    assert Article.objects.count() == 0 and media_files() == []


def test_a_cover_in_a_subfolder_reached_through_dot_dot_inside_the_folder_imports(archive):
    (archive / "khac").mkdir()
    path = write_jsonl(archive / "a.jsonl", make_import_record(cover_image="khac/../anh/bia.png"))
    _out, err, failed = run_import(path)
    assert failed is None and err == ""
    assert Article.objects.get().cover_image.name == cover_name(cleaned(image_bytes()), "png")


def test_a_cover_that_is_a_folder_is_refused(archive):
    path = write_jsonl(archive / "a.jsonl", make_import_record(cover_image="anh"))
    _out, err, _failed = run_import(path)
    assert "cover_image: " in err and "is not a regular file" in err
    assert Article.objects.count() == 0


def test_the_covers_alt_text_is_imported_and_shown_to_readers(client, archive):
    record = make_import_record(cover_image="anh/bia.png", cover_alt="Cầu Phú Cường lúc hoàng hôn")
    run_import(write_jsonl(archive / "a.jsonl", record))
    article = Article.objects.get()
    assert article.cover_alt == "Cầu Phú Cường lúc hoàng hôn"
    html = client.get(article.get_absolute_url()).content.decode()
    assert f'srcset="{article.cover_picture.jpeg_srcset}"' in html
    assert 'alt="Cầu Phú Cường lúc hoàng hôn"' in html


def test_a_cover_alt_text_that_is_too_long_is_refused(archive):
    record = make_import_record(cover_image="anh/bia.png", cover_alt="x" * 301)
    _out, err, _failed = run_import(write_jsonl(archive / "a.jsonl", record))
    assert "line 1: cover_alt: Ensure this value has at most 300 characters" in err
    assert Article.objects.count() == 0 and media_files() == []
