"""Editors place stories in the admin; journalists cannot curate."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from curation.models import CuratedPage, CuratedSlot
from tests.factories import make_article, make_editor, make_journalist, make_section

pytestmark = pytest.mark.django_db


def front_page():
    return CuratedPage.objects.get(section=None)  # made by the migration


def slots_data(page, rows):
    """The change form's POST: `rows` are (position, article, ends_at or None)."""
    existing = list(page.slots.order_by("pk"))
    data = {
        "section": page.section_id or "",
        "slots-TOTAL_FORMS": str(len(rows)),
        "slots-INITIAL_FORMS": str(len(existing)),
        "slots-MIN_NUM_FORMS": "0",
        "slots-MAX_NUM_FORMS": "1000",
    }
    for index, (position, article, ends_at) in enumerate(rows):
        prefix = f"slots-{index}-"
        if index < len(existing):
            data[prefix + "id"] = existing[index].pk
        data[prefix + "page"] = page.pk
        data[prefix + "position"] = position
        data[prefix + "article"] = article.pk
        local = timezone.localtime(ends_at) if ends_at else None
        data[prefix + "ends_at_0"] = local.strftime("%Y-%m-%d") if local else ""
        data[prefix + "ends_at_1"] = local.strftime("%H:%M:%S") if local else ""
    return data


def change_url(page):
    return reverse("admin:curation_curatedpage_change", args=[page.pk])


def test_an_editor_sets_the_lead_and_orders_the_slots(client):
    first, second = make_article(title="Tin một"), make_article(title="Tin hai")
    client.force_login(make_editor())
    page = front_page()
    response = client.post(
        change_url(page), slots_data(page, [(1, second, None), (2, first, None)])
    )
    assert response.status_code == 302
    assert list(page.slots.values_list("position", "article__title")) == [
        (1, "Tin hai"),
        (2, "Tin một"),
    ]
    # Swapped: the unique slot number does not get in the way of a reorder.
    response = client.post(
        change_url(page), slots_data(page, [(2, second, None), (1, first, None)])
    )
    assert response.status_code == 302
    assert client.get("/").context["lead_story"] == first


def test_two_stories_in_one_slot_are_refused_and_nothing_is_saved(client):
    first, second = make_article(), make_article()
    client.force_login(make_editor())
    page = front_page()
    response = client.post(
        change_url(page), slots_data(page, [(1, first, None), (1, second, None)])
    )
    assert response.status_code == 200
    assert "Hai bài không thể cùng một ô." in response.content.decode()
    assert not CuratedSlot.objects.exists()


def test_a_slot_past_the_page_top_is_refused(client):
    section = make_section("Thể thao")
    page = CuratedPage.objects.create(section=section)
    client.force_login(make_editor())
    response = client.post(change_url(page), slots_data(page, [(5, make_article(), None)]))
    assert response.status_code == 200
    assert "Trang này có 4 ô." in response.content.decode()
    assert not CuratedSlot.objects.exists()


def test_the_front_page_cannot_be_added_twice(client):
    client.force_login(make_editor())
    response = client.post(reverse("admin:curation_curatedpage_add"), slots_data(front_page(), []))
    assert response.status_code == 200
    assert "Trang này đã có các ô chọn bài." in response.content.decode()
    assert CuratedPage.objects.count() == 1


def test_the_article_autocomplete_offers_published_stories_only(client):
    make_article(title="Tin đã đăng về cầu")
    make_article(title="Bản nháp về cầu", status=Article.Status.DRAFT)
    make_article(title="Tin hẹn giờ về cầu", published_at=timezone.now() + timedelta(hours=1))
    client.force_login(make_editor())
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "cau",
            "app_label": "curation",
            "model_name": "curatedslot",
            "field_name": "article",
        },
    )
    titles = {row["text"] for row in json.loads(response.content)["results"]}
    assert titles == {"Tin đã đăng về cầu", "Tin hẹn giờ về cầu"}


def test_journalists_cannot_curate(client):
    client.force_login(make_journalist())
    page = front_page()
    assert client.get(reverse("admin:curation_curatedpage_changelist")).status_code == 403
    response = client.post(change_url(page), slots_data(page, [(1, make_article(), None)]))
    assert response.status_code == 403
    assert not CuratedSlot.objects.exists()
    assert "curation" not in client.get(reverse("admin:index")).content.decode()


def test_the_list_shows_each_page_with_its_slots_and_end_times(client):
    story = make_article(title="Tin ghim sáng nay")
    page = front_page()
    ends = timezone.make_aware(timezone.datetime(2030, 12, 2, 6, 0))
    CuratedSlot.objects.create(page=page, position=1, article=story, ends_at=ends)
    client.force_login(make_editor())
    html = client.get(reverse("admin:curation_curatedpage_changelist")).content.decode()
    assert "Trang chủ" in html
    assert "1. Tin ghim sáng nay (đến 06:00 02-12-2030)" in html


def test_the_front_page_stays_the_front_page(client):
    client.force_login(make_editor())
    page = front_page()
    data = {**slots_data(page, []), "section": make_section("Thể thao").pk}
    assert client.post(change_url(page), data).status_code == 302
    page.refresh_from_db()
    assert page.section is None
