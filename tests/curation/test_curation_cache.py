"""Cached pages follow curation at once, and a slot's end time with nobody touching the site."""

import time
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from tests.curation.test_curation_admin import change_url, front_page, slots_data
from tests.factories import make_article, make_curated_slot, make_editor, make_section

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def lead_of(client, url="/"):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    return response, html.split('class="lead-story"')[1].split("</section>")[0]


def warm(client, url):
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_curating_in_the_admin_shows_on_the_cached_front_page_at_once(client):
    make_article(title="Tin mới nhất")
    chosen = make_article(
        title="Phóng sự được chọn", published_at=timezone.now() - timedelta(days=2)
    )
    warm(client, "/")
    desk = Client()
    desk.force_login(make_editor())
    page = front_page()
    assert desk.post(change_url(page), slots_data(page, [(1, chosen, None)])).status_code == 302

    response, lead = lead_of(client)
    assert "Phóng sự được chọn" in lead
    assert response["X-Page-Cache"] == "miss"

    warm(client, "/")
    page.slots.all().delete()  # the admin's delete, or the inline's "delete" box
    assert "Tin mới nhất" in lead_of(client)[1]


def test_a_curated_section_page_changes_at_once(client):
    section = make_section("Thể thao")
    make_article(title="Tin thể thao mới", section=section)
    old = make_article(
        title="Bình luận trước trận",
        section=section,
        published_at=timezone.now() - timedelta(days=3),
    )
    warm(client, "/section/the-thao/")
    make_curated_slot(old, 1, section=section)
    html = client.get("/section/the-thao/").content.decode()
    assert html.index("Bình luận trước trận") < html.index("Tin thể thao mới")


def test_a_slot_leaves_the_cached_front_page_when_its_end_time_passes(client):
    make_article(title="Tin mới nhất")
    pinned = make_article(title="Tin ghim tạm", published_at=timezone.now() - timedelta(days=1))
    ends_at = timezone.now() + timedelta(seconds=1.5)
    make_curated_slot(pinned, 1, ends_at=ends_at)
    assert "Tin ghim tạm" in lead_of(client)[1]
    response = client.get("/")
    assert response["X-Page-Cache"] == "hit"
    # Neither the shared cache nor nginx keeps the page past the end.
    assert int(response["X-Accel-Expires"]) <= 2

    time.sleep(max(0, (ends_at - timezone.now()).total_seconds()) + 0.05)

    response, lead = lead_of(client)
    assert "Tin mới nhất" in lead
    assert "Tin ghim tạm" not in response.content.decode().split('class="latest"')[0]
