"""Which stories the front page and section pages show on top: the curated ones in the
slots editors chose, the newest live stories everywhere else, never one story twice."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_curated_slot, make_section
from tests.site.helpers import crowded_article, queries_for

pytestmark = pytest.mark.django_db


def ago(hours):
    return timezone.now() - timedelta(hours=hours)


def top_of_front_page(client):
    context = client.get("/").context
    return [context["lead_story"], *context["latest"]]


@pytest.fixture
def newest():
    """Nine live stories, newest first."""
    return [make_article(title=f"Tin số {i}", published_at=ago(i + 1)) for i in range(9)]


def test_the_curated_lead_and_slots_show_in_the_order_editors_chose(client, newest):
    old = make_article(title="Phóng sự cuối tuần", published_at=ago(48))
    make_curated_slot(old, 1)
    make_curated_slot(newest[5], 2)
    make_curated_slot(newest[8], 4)
    top = top_of_front_page(client)
    assert top == [old, newest[5], newest[0], newest[8], newest[1], newest[2], newest[3]]
    html = client.get("/").content.decode()
    lead_block = html.split('class="lead-story"')[1].split("</section>")[0]
    assert "Phóng sự cuối tuần" in lead_block


def test_empty_slots_take_the_newest_stories_without_duplicates(client, newest):
    make_curated_slot(newest[0], 3)
    top = top_of_front_page(client)
    assert top == [newest[1], newest[2], newest[0], *newest[3:7]]
    assert len({article.pk for article in top}) == 7
    # The archive below goes on without repeating what the top shows.
    assert not {article.pk for article in top} & {a.pk for a in client.get("/").context["archive"]}


def test_an_uncurated_lead_slot_keeps_the_featured_story(client, newest):
    featured = make_article(title="Tin nổi bật", featured=True, published_at=ago(30))
    make_curated_slot(newest[4], 2)
    assert top_of_front_page(client)[:3] == [featured, newest[4], newest[0]]


def test_a_slot_whose_end_time_passed_goes_to_the_newest_story(client, newest):
    old = make_article(title="Tin hết giờ ghim", published_at=ago(48))
    make_curated_slot(old, 1, ends_at=timezone.now() - timedelta(seconds=1))
    later = make_article(title="Tin còn ghim", published_at=ago(49))
    make_curated_slot(later, 2, ends_at=timezone.now() + timedelta(hours=1))
    top = top_of_front_page(client)
    assert top[:3] == [newest[0], later, newest[1]]
    assert old not in top


@pytest.mark.parametrize(
    "state",
    [
        {"status": Article.Status.DRAFT, "published_at": None},
        {"published_at": timezone.now() + timedelta(hours=2)},
        {"expires_at": timezone.now() - timedelta(minutes=1), "published_at": ago(5)},
    ],
    ids=["unpublished", "scheduled", "expired"],
)
def test_a_story_readers_cannot_see_never_holds_a_slot(client, newest, state):
    hidden = make_article(title="Bài không được hiện", published_at=ago(2))
    make_curated_slot(hidden, 1)
    Article.objects.filter(pk=hidden.pk).update(**state)
    response = client.get("/")
    assert top_of_front_page(client) == newest[:7]
    assert "Bài không được hiện" not in response.content.decode()


def test_a_front_page_with_only_curated_stories_is_never_empty(client):
    only = make_article(title="Bài duy nhất")
    make_curated_slot(only, 5)
    context = client.get("/").context
    assert context["lead_story"] == only and context["latest"] == []


def test_a_section_page_shows_its_curated_stories_on_top_of_page_one(client, settings):
    settings.READER_PAGE_SIZE = 3
    section = make_section("Kinh tế")
    stories = [make_article(section=section, published_at=ago(i + 1)) for i in range(6)]
    elsewhere = make_article(title="Tin chuyên mục khác")
    make_curated_slot(stories[4], 1, section=section)
    make_curated_slot(elsewhere, 3, section=section)
    # Curated on the front page only: it stays in its place in the section.
    make_curated_slot(stories[5], 1)
    first = list(client.get("/section/kinh-te/").context["articles"])
    second = list(client.get("/section/kinh-te/?page=2").context["articles"])
    assert first == [stories[4], stories[0], elsewhere, stories[1], stories[2]]
    # The list goes on without repeats and without losing a story.
    assert second == [stories[3], stories[5]]


def test_curation_adds_a_fixed_number_of_queries_to_the_front_page(client):
    for i in range(8):
        make_article(published_at=ago(i + 1), tags=["một"])
    plain = queries_for(client, "/")
    slot = make_curated_slot(make_article(published_at=ago(50)), 1)
    # The lead slot curated: no featured lookup. Cards show no byline: none is loaded.
    curated = queries_for(client, "/")
    assert curated == plain - 1
    sections = [make_section() for _ in range(5)]
    for i in range(30):
        article = crowded_article(section=sections[i % 5], published_at=ago(i + 10))
        if i < 5:
            make_curated_slot(article, i + 2)
    assert queries_for(client, "/") == curated
    slot.delete()
    # Slots 2 to 6 still curated, the lead not: the featured lookup is back.
    assert queries_for(client, "/") == plain


def test_curation_adds_a_fixed_number_of_queries_to_a_section_page(client):
    section = make_section("Thời sự")
    make_article(section=section)
    plain = queries_for(client, "/section/thoi-su/")
    make_curated_slot(make_article(section=section, published_at=ago(40)), 2, section=section)
    curated = queries_for(client, "/section/thoi-su/")
    assert curated == plain  # the curated stories are looked up whether there are any or not
    for i in range(3):
        article = crowded_article(section=section, published_at=ago(i + 50))
        make_curated_slot(article, i + 1 if i == 0 else i + 2, section=section)
    assert queries_for(client, "/section/thoi-su/") == curated
