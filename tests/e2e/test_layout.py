"""Layout seen in screenshots: the phone header, the front page's section blocks, the moderation queue."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE
from tests.e2e.steps import fill_moderation_queue, log_in
from tests.factories import image_upload, make_article, make_moderator, make_section

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def box(locator):
    return locator.bounding_box()


def sections_with_covers():
    """Two sections of four stories with covers, after a lead story and six latest."""
    for name in ["Kinh tế", "Thể thao"]:
        section = make_section(name)
        for number in range(4):
            make_article(
                title=f"{name}: tin thứ {number + 1} trong tuần",
                section=section,
                cover_image=image_upload("anh.png", size=(960, 600)),
            )


def test_on_a_phone_the_header_search_is_one_line_and_blocks_turn_into_rows(new_context):
    sections_with_covers()
    page = new_context(viewport=PHONE).new_page()
    page.goto("/")

    field, button = page.locator("#search-q"), page.locator(".search-box button")
    line = button.evaluate("b => parseFloat(getComputedStyle(b).lineHeight)")
    assert box(button)["height"] < 2 * line  # "Tìm kiếm" on one line
    assert abs(box(button)["y"] - box(field)["y"]) < 4  # beside the box, not under it

    block = page.locator(".section-block").first
    first, second = block.locator(".card").nth(0), block.locator(".card").nth(1)
    assert box(first.locator("img"))["width"] > 300  # the block opens with a picture
    picture, headline = box(second.locator("img")), box(second.locator(".card__title"))
    assert picture["width"] < 130
    assert headline["x"] > picture["x"] + picture["width"]  # small picture left, headline right
    expect(second.locator(".card__lead")).to_be_hidden()


def test_on_a_desktop_section_blocks_stay_a_grid(new_context):
    sections_with_covers()
    page = new_context(viewport=DESKTOP).new_page()
    page.goto("/")
    cards = page.locator(".section-block").first.locator(".card")
    assert box(cards.nth(0))["y"] == box(cards.nth(3))["y"]  # four side by side
    assert box(cards.nth(3).locator("img"))["width"] > 200


def test_the_moderation_queue_gives_the_comment_text_room_at_1366_pixels(new_context):
    fill_moderation_queue()
    page = new_context("staff", viewport=DESKTOP).new_page()
    log_in(page, make_moderator())
    page.goto("/admin/comments/comment/")

    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    excerpt = page.locator("#result_list tbody .field-excerpt").first
    assert box(excerpt)["width"] >= 220
    assert box(excerpt)["height"] < 100  # a few lines, not a word per line
    table_right = (
        box(page.locator("#result_list"))["x"] + box(page.locator("#result_list"))["width"]
    )
    results = box(page.locator(".results"))
    assert table_right <= results["x"] + results["width"] + 1  # no sideways scrolling
