"""An article with an expiry time leaves every reader page at that moment, cached or not."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from newsroom import pagecache
from tests.factories import make_article, make_author, make_section

pytestmark = pytest.mark.django_db

TITLE = "Thông báo cắt điện khu vực Cửa Hội"


def make_notice(expires_at):
    """A live notice, with an older story in its section, tag and author so no page is empty."""
    section, author = make_section(name="Thời sự"), make_author(name="Minh Anh")
    make_article(title="Tin cũ", section=section, authors=[author], tags=["điện lực"])
    return make_article(
        title=TITLE,
        lead="Cắt điện hai phường ven biển.",
        section=section,
        authors=[author],
        tags=["điện lực"],
        published_at=timezone.now() - timedelta(minutes=30),
        expires_at=expires_at,
    )


def lists_of(article):
    """Every reader page that lists `article`, by what it is."""
    return {
        "front page": "/",
        "section": article.section.get_absolute_url(),
        "tag": article.tags.get().get_absolute_url(),
        "author": article.credits.get().author.get_absolute_url(),
        "feed": "/feed/",
        "section feed": f"/section/{article.section.slug}/feed/",
        "articles sitemap": "/sitemap-articles.xml",
        "news sitemap": "/sitemap-news.xml",
        "search": "/search/?q=hai+phuong+ven+bien",  # the lead: headlines come highlighted
    }


def showing(client, urls, words):
    """The pages among `urls` that show `words`."""
    shown = set()
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, url
        if words in response.content.decode():
            shown.add(name)
    return shown


def showing_article(client, article):
    """The pages that show `article`: its own page and every list that has it."""
    urls = lists_of(article)
    shown = showing(client, urls, TITLE) | showing(client, urls, article.get_absolute_url())
    if client.get(article.get_absolute_url()).status_code == 200:
        shown.add("article")
    return shown


def test_article_leaves_every_reader_page_at_its_expiry(client):
    notice = make_notice(expires_at=timezone.now() + timedelta(minutes=5))
    assert showing_article(client, notice) == {"article", *lists_of(notice)}

    Article.objects.filter(pk=notice.pk).update(expires_at=timezone.now() - timedelta(seconds=1))

    assert client.get(notice.get_absolute_url()).status_code == 404
    assert showing_article(client, notice) == set()


@pytest.mark.usefixtures("page_cache")
def test_cache_keeps_no_page_past_the_next_expiry():
    expires = timezone.now() + timedelta(minutes=5)
    make_notice(expires_at=expires)
    make_article(published_at=timezone.now() + timedelta(hours=1))  # goes live later

    assert pagecache._next_scheduled_change() == pytest.approx(expires.timestamp(), abs=0.001)


@pytest.mark.usefixtures("page_cache")
def test_cached_pages_stop_showing_the_article_at_its_expiry_with_nobody_touching_the_site(
    client,
):
    expires = timezone.now() + timedelta(seconds=2)
    notice = make_notice(expires_at=expires)
    urls = {"article": notice.get_absolute_url(), **lists_of(notice)}
    for url in urls.values():
        client.get(url)
        response = client.get(url)
        assert response["X-Page-Cache"] == "hit", url
    assert timezone.now() < expires, "the machine was too slow to warm the cache in time"

    time.sleep(max(0, (expires - timezone.now()).total_seconds()) + 0.05)

    assert showing_article(client, notice) == set()
