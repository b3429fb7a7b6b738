"""What makes a large import fast must not change what a line does (issue 13, goal 7)."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import Article, ArticleRevision, Section, Tag
from tests.articles.test_import import run_import, write_jsonl
from tests.factories import make_import_record

pytestmark = pytest.mark.django_db


def test_a_failed_line_takes_its_new_section_and_tag_with_it_and_a_later_line_makes_them_again(
    tmp_path,
):
    # Published without an author: refused after its section and tag were made.
    bad = make_import_record(section="Mục mới", tags=["Thẻ mới"], authors=[])
    good = make_import_record(section="Mục mới", tags=["Thẻ mới"], title="Bài tốt")
    out, err, _failed = run_import(write_jsonl(tmp_path / "a.jsonl", bad, good))

    assert err.startswith("line 1: ") and "Imported 1, updated 0, failed 1" in out
    article = Article.objects.get()
    assert article.section.name == "Mục mới"
    assert [tag.name for tag in article.tags.all()] == ["Thẻ mới"]
    assert Section.objects.count() == Tag.objects.count() == 1


def test_a_line_updates_the_article_an_earlier_line_of_the_same_file_created(tmp_path):
    first = make_import_record(external_id="bai-1", title="Tít cũ")
    second = make_import_record(external_id="bai-1", title="Tít mới")
    out, _err, failed = run_import(write_jsonl(tmp_path / "a.jsonl", first, second))

    assert failed is None and "Imported 1, updated 1, failed 0" in out
    assert list(Article.objects.values_list("title", flat=True)) == ["Tít mới"]
    assert ArticleRevision.objects.count() == 2


def test_a_first_line_with_a_byte_order_mark_updates_its_article(tmp_path):
    record = make_import_record(external_id="k")
    run_import(write_jsonl(tmp_path / "a.jsonl", record))
    path = write_jsonl(tmp_path / "b.jsonl", {**record, "title": "Tít sửa"})
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())

    out, _err, failed = run_import(path)
    assert failed is None and "Imported 0, updated 1, failed 0" in out
    assert list(Article.objects.values_list("title", flat=True)) == ["Tít sửa"]


def test_an_archive_costs_a_few_queries_a_line(tmp_path):
    records = [
        make_import_record(external_id=f"b{i}", section=f"Mục {i % 3}", tags=[f"Thẻ {i % 5}"])
        for i in range(60)
    ]
    path = write_jsonl(tmp_path / "a.jsonl", *records)
    with CaptureQueriesContext(connection) as created:
        run_import(path)
    with CaptureQueriesContext(connection) as updated:
        run_import(path)

    assert Article.objects.count() == 60
    # A savepoint and its release, the slug, the article, byline, tags, the
    # publish check and the revision; an update also reads and clears its links.
    assert len(created) / 60 < 10
    assert len(updated) / 60 < 13


def test_the_progress_bar_counts_the_lines(tmp_path):
    path = write_jsonl(tmp_path / "a.jsonl", *(make_import_record() for _ in range(3)))
    err = io.StringIO()
    call_command("import_articles", str(path), "--progress", stdout=io.StringIO(), stderr=err)
    assert "import [" in err.getvalue() and "3/3 100%" in err.getvalue()
