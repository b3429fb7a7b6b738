"""A tag page follows every change to its articles' publication at once. On PostgreSQL
it reads its ids from the tag's links, which mirror each article's publication
whatever writes it."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from articles import services
from articles.models import Article, Tag, TaggedArticle
from tests.factories import make_article, make_editor

pytestmark = pytest.mark.django_db

URL = "/tag/lu-lut/"


def titles(client, url=URL):
    return [article.title for article in client.get(url).context["articles"]]


def test_publishing_and_unpublishing_show_and_hide_the_article_on_its_tag_page(client):
    article = make_article(title="Lũ về", status=Article.Status.DRAFT, tags=["Lũ lụt"])
    make_article(title="Mưa lớn", tags=["Lũ lụt"])
    assert titles(client) == ["Mưa lớn"]
    services.publish(article, make_editor(), at=timezone.now() - timedelta(minutes=5))
    assert titles(client) == ["Lũ về", "Mưa lớn"]
    services.unpublish(article, make_editor())
    assert titles(client) == ["Mưa lớn"]


def test_changes_written_by_update_reach_the_tag_page_too(client):
    article = make_article(title="Lũ về", tags=["Lũ lụt"])
    older = make_article(
        title="Mưa lớn", tags=["Lũ lụt"], published_at=timezone.now() - timedelta(days=1)
    )
    assert titles(client) == ["Lũ về", "Mưa lớn"]
    # Moved back a week: the order follows.
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() - timedelta(days=7))
    assert titles(client) == ["Mưa lớn", "Lũ về"]
    Article.objects.filter(pk=older.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert titles(client) == ["Lũ về"]
    Article.objects.filter(pk=article.pk).update(published_at=timezone.now() + timedelta(hours=1))
    assert titles(client) == []


def test_a_scheduled_article_joins_its_tag_page_when_its_time_comes(client):
    at = timezone.now() + timedelta(hours=2)
    make_article(title="Lên lịch", tags=["Lũ lụt"], published_at=at)
    assert titles(client) == []
    # Nothing is written when the time comes: the page asks for what is live now.
    with mock.patch("django.utils.timezone.now", return_value=at + timedelta(seconds=1)):
        assert titles(client) == ["Lên lịch"]


def test_a_tag_added_to_a_live_article_lists_it(client):
    article = make_article(title="Đê vỡ")
    make_article(title="Mưa lớn", tags=["Lũ lụt"], published_at=timezone.now() - timedelta(days=1))
    article.tags.add("Lũ lụt")
    assert titles(client) == ["Đê vỡ", "Mưa lớn"]
    if connection.vendor == "postgresql":
        link = TaggedArticle.objects.get(content_object=article)
        assert link.live_from == article.published_at and link.live_until is None


def test_pages_go_on_newest_first_without_repeats(client, settings):
    settings.READER_PAGE_SIZE = 2
    same_time = timezone.now() - timedelta(hours=2)
    made = [
        make_article(title=f"Tin {n}", tags=["Lũ lụt"], published_at=same_time) for n in range(5)
    ]
    pages = [titles(client, f"{URL}?page={number}") for number in (1, 2, 3)]
    assert sum(pages, []) == [article.title for article in reversed(made)]
    assert client.get(f"{URL}?page=4").status_code == 404


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's query plan")
def test_a_deep_tag_page_reads_its_ids_from_one_index():
    tag = Tag.objects.create(name="Lũ lụt", slug="lu-lut")
    ids = TaggedArticle.objects.live_ids_newest_first(tag)[9980:10001]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        sql, params = ids.query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "tagged_live_newest" in plan
    assert "articles_article" not in plan
