"""Readers never see a time before the article went live: page, JSON-LD, feeds, sitemaps."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime, timedelta

import pytest
from django.db.models import F
from django.utils import timezone

from articles import services
from articles.models import Article
from tests.factories import make_article, make_editor

pytestmark = pytest.mark.django_db

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
# 18:50:49 and 18:48:51 in Hà Nội, on the day of the issue report.
GO_LIVE = datetime(2024, 5, 6, 11, 50, 49, tzinfo=UTC)
SAVED = datetime(2024, 5, 6, 11, 48, 51, tzinfo=UTC)


def page_dates(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    (payload,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(payload)
    modified = re.findall(r'<meta property="article:modified_time" content="([^"]*)">', html)
    stamp = re.search(r'<p class="stamp">(.*?)</p>', html, re.S).group(1)
    return data["datePublished"], data["dateModified"], modified, stamp


def feed_build_date(client):
    root = ET.fromstring(client.get("/feed/").content)
    return root.findtext("channel/lastBuildDate")


def sitemap_lastmod(client):
    root = ET.fromstring(client.get("/sitemap-articles.xml").content)
    return [url.findtext(f"{SM}lastmod") for url in root.findall(f"{SM}url")]


def test_article_saved_before_its_scheduled_time_shows_the_go_live_time(client):
    article = make_article(published_at=GO_LIVE, updated_at=SAVED)

    published, modified, og_modified, stamp = page_dates(client, article)

    assert published == modified == "2024-05-06T18:50:49+07:00"
    assert og_modified == ["2024-05-06T18:50:49+07:00"]
    assert "Cập nhật" in stamp and "06-05-2024 | 18:50:49" in stamp
    assert "18:48:51" not in stamp and "Đăng lần đầu" not in stamp
    assert feed_build_date(client) == "Mon, 06 May 2024 11:50:49 +0000"


def test_a_story_scheduled_for_six_in_the_morning_never_shows_the_evening_before(client):
    evening = datetime(2024, 5, 5, 15, 30, tzinfo=UTC)  # 22:30 in Hà Nội
    morning = datetime(2024, 5, 5, 23, 0, tzinfo=UTC)  # 06:00 the next day
    article = make_article(published_at=morning, updated_at=evening)

    _, modified, _, stamp = page_dates(client, article)

    assert modified == "2024-05-06T06:00:00+07:00"
    assert "06-05-2024 | 06:00:00" in stamp
    assert sitemap_lastmod(client) == ["2024-05-06"]


def test_a_change_after_going_live_shows_its_time_and_the_first_publication(client):
    corrected = GO_LIVE + timedelta(hours=2, minutes=3)
    article = make_article(published_at=GO_LIVE, updated_at=corrected)

    published, modified, _, stamp = page_dates(client, article)

    assert published == "2024-05-06T18:50:49+07:00"
    assert modified == "2024-05-06T20:53:49+07:00"
    assert "Cập nhật: " in stamp and "06-05-2024 | 20:53:49" in stamp
    assert "Đăng lần đầu: " in stamp and "06-05-2024 | 18:50:49" in stamp
    assert feed_build_date(client) == "Mon, 06 May 2024 13:53:49 +0000"


def test_scheduled_through_the_workflow_then_live_shows_the_go_live_time(client):
    """An editor schedules two minutes ahead; once the time passes, readers see that time."""
    article = make_article(status=Article.Status.DRAFT)
    services.publish(article, make_editor(), at=timezone.now() + timedelta(minutes=2))
    assert client.get(article.get_absolute_url()).status_code == 404
    assert sitemap_lastmod(client) == []

    # The clock passes the go-live moment: both stamps move back three minutes.
    Article.objects.filter(pk=article.pk).update(
        published_at=F("published_at") - timedelta(minutes=3),
        updated_at=F("updated_at") - timedelta(minutes=3),
    )
    article.refresh_from_db()
    assert article.updated_at < article.published_at < timezone.now()

    went_live = timezone.localtime(article.published_at)
    published, modified, _, stamp = page_dates(client, article)
    assert published == modified == went_live.isoformat()
    assert went_live.strftime("%d-%m-%Y | %H:%M:%S") in stamp
    assert "Đăng lần đầu" not in stamp
    assert sitemap_lastmod(client) == [went_live.date().isoformat()]


def test_publishing_now_from_the_form_is_not_a_change_after_publication():
    article = make_article(published_at=GO_LIVE, updated_at=GO_LIVE + timedelta(seconds=2))
    assert not article.updated_after_publication
    assert article.public_updated_at == GO_LIVE + timedelta(seconds=2)
