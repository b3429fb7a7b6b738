"""The front page's "More articles" list does not repeat the section blocks above it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def ago(hours):
    return timezone.now() - timedelta(hours=hours)


@pytest.fixture
def two_sections():
    """Ten politics stories (the newest), then three older sport stories."""
    politics = make_section("Chính trị", position=1)
    sport = make_section("Thể thao", position=2)
    stories = [
        make_article(title=f"Tin chính trị số {i}", section=politics, published_at=ago(i + 1))
        for i in range(10)
    ]
    return stories, [
        make_article(title=f"Tin thể thao số {i}", section=sport, published_at=ago(20 + i))
        for i in range(3)
    ]


def test_more_articles_leaves_out_what_the_section_blocks_already_show(
    client, settings, two_sections
):
    settings.READER_PAGE_SIZE = 4
    politics, sport = two_sections
    response = client.get("/")

    # Page 1's slice is politics 7-9 and sport 0; sport 0 is in the sport block.
    assert response.context["archive"] == politics[7:10]
    html = response.content.decode()
    assert html.count(f">{sport[0].title}</a>") == 1
    archive = html.split('class="archive"')[1]
    assert sport[0].title not in archive and politics[7].title in archive


def test_the_archive_goes_on_from_page_one_without_losing_an_article(
    client, settings, two_sections
):
    settings.READER_PAGE_SIZE = 4
    politics, sport = two_sections
    first = client.get("/").context
    second = client.get("/?page=2").context

    assert second["archive"] == sport[1:3]
    on_page_one = {first["lead_story"], *first["latest"], *first["archive"]}
    on_page_one |= {article for _, block in first["section_blocks"] for article in block}
    assert on_page_one | set(second["archive"]) == set(politics + sport)


def test_page_one_keeps_its_pagination_when_the_blocks_show_its_whole_slice(client, settings):
    settings.READER_PAGE_SIZE = 2
    # Each story has a section of its own, so page 1 shows every story in a block.
    stories = [make_article(published_at=ago(i + 1)) for i in range(11)]
    response = client.get("/")

    assert response.context["archive"] == []
    html = response.content.decode()
    assert 'rel="next" href="?page=2"' in html
    assert client.get("/?page=2").context["archive"] == stories[9:11]
