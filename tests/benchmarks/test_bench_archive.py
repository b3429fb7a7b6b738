"""The benchmark's archive is the archive the site would have made (issue 13)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from articles.models import Article, ArticleAuthor, TaggedArticle
from articles.search import query_words
from benchmarks import archive
from comments.models import Comment

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_the_bulk_built_archive_has_the_derived_columns_article_save_would_give():
    archive.build(20, 40)
    built = list(Article.objects.order_by("pk"))
    assert len(built) == 20 and Comment.objects.count() == 40
    assert ArticleAuthor.objects.count() >= 20 and TaggedArticle.objects.count() >= 20

    derived = [
        "slug", "search_title", "search_text", "cover_image", "cover_width", "cover_height",
        "cover_renditions", "cover_thumbnail", "cover_thumbnail_width", "cover_thumbnail_height",
    ]  # fmt: skip
    for article in built:
        with transaction.atomic():
            fresh = Article.objects.get(pk=article.pk)
            fresh.slug = fresh.search_title = fresh.search_text = ""
            fresh.cover_thumbnail = ""  # save() makes the renditions from the cover again
            fresh.cover_renditions = {}
            fresh.save()
            assert [getattr(fresh, name) for name in derived] == [
                getattr(article, name) for name in derived
            ], article.title
            transaction.set_rollback(True)


@pytest.mark.django_db
def test_search_finds_the_rare_word_of_the_bulk_built_archive():
    """On SQLite this goes through the FTS index, which only its triggers filled."""
    archive.build(20, 0)
    found = Article.objects.search(query_words("Tủa Chùa"))
    assert [article.title for article in found] == [
        Article.objects.get(search_text__contains=" tua chua ").title
    ]


def test_the_bench_runs_end_to_end_on_a_tiny_archive(tmp_path):
    """Its own SQLite archive, whatever the tests run on; wrk is left out (--no-load)."""
    out = tmp_path / "results.json"
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DEBUG"} and not key.startswith("PYTEST_")
    }
    command = [sys.executable, "benchmarks/bench.py", "--sqlite", "--articles", "30",
               "--comments", "40", "--no-load", "--repeat", "1", "--out", str(out), "--dir", str(tmp_path)]  # fmt: skip
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]

    single = {row["page"]: row for row in json.loads(out.read_text())["single"]}
    for page in ["front page", "article", "section page", "sitemap index", "admin articles",
                 "moderation queue"]:  # fmt: skip
        assert single[page]["status"] == 200, page
        assert single[page]["plans"], page
    assert "One warm request at a time" in result.stdout
