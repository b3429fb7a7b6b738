"""The admin fits the desk's 1366 px laptops and a 390 px phone (issue 11), with screenshots.

Screenshots go to artifacts/e2e/screenshots/admin-*.png, which CI keeps; each test
prints the paths it wrote.
"""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.e2e.conftest import ARTIFACTS, DESKTOP, PHONE
from tests.e2e.steps import fill_moderation_queue, image_is_loaded, log_in
from tests.factories import (
    image_upload,
    make_article,
    make_author,
    make_editor,
    make_moderator,
    make_section,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = ARTIFACTS / "screenshots"
# Long, as headlines of a provincial daily are: about 110 characters.
HEADLINE = (
    "Khánh thành cầu Rạch Sỏi nối hai bờ sông, người dân các xã ven biển hết cảnh đi đò "
    "mỗi mùa mưa lũ số {}"
)


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"admin-{name}.png"
    page.screenshot(path=path, full_page=True)
    print(f"screenshot: {path}")
    return path


def fits_the_screen(page):
    """No sideways scrolling: nothing is wider than the window."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def a_days_work():
    """Thirty articles with covers, long headlines and two-name bylines, in two sections."""
    authors = [make_author("Đỗ Trọng"), make_author("Phạm Ẩn")]
    sections = [make_section("Thời sự"), make_section("Kinh tế")]
    cover = image_upload("anh.png", size=(480, 300), color=(40, 110, 170))
    for number in range(30):
        cover.seek(0)
        make_article(
            title=HEADLINE.format(number + 1),
            section=sections[number % 2],
            authors=authors,
            cover_image=cover,
            status=Article.Status.PUBLISHED if number % 3 else Article.Status.DRAFT,
        )


def test_the_article_list_shows_twenty_five_headlines_a_screen_at_1366_pixels(new_context):
    a_days_work()
    page = new_context("staff", viewport=DESKTOP).new_page()
    log_in(page, make_editor())
    page.goto("/admin/articles/article/")
    rows = page.locator("#result_list tbody tr")
    expect(rows).to_have_count(30)
    assert fits_the_screen(page)

    headers = page.locator("#result_list thead th").all_inner_texts()
    for column in ["Ảnh", "Tiêu đề", "Chuyên mục", "Trạng thái", "Tác giả", "xuất bản"]:
        assert any(column.lower() in header.lower() for header in headers), (column, headers)

    heights = page.evaluate(
        """() => [...document.querySelectorAll('#result_list tbody tr')].map(row => {
            const link = row.querySelector('.field-title a');
            const line = parseFloat(getComputedStyle(link).lineHeight);
            return {bottom: row.getBoundingClientRect().bottom, lines: link.offsetHeight / line,
                    row: row.offsetHeight};
        })"""
    )
    assert all(height["lines"] <= 2.05 for height in heights)  # two lines at most
    visible = [height for height in heights if height["bottom"] <= DESKTOP["height"]]
    assert len(visible) >= 20  # on the first screen, below the header and the search
    twenty_five = sum(height["row"] for height in heights[:25])
    assert twenty_five <= DESKTOP["height"]  # a screen's height holds 25 rows

    assert image_is_loaded(page.locator("#result_list img.article-thumb").first)
    assert page.locator("#result_list img.article-thumb").count() == 30
    screenshot(page, "article-list-1366")


def test_the_article_form_has_a_full_width_headline_and_the_cover_thumbnail(new_context):
    article = make_article(
        title=HEADLINE.format(1),
        cover_image=image_upload("anh.png", size=(480, 300)),
        authors=[make_author("Đỗ Trọng"), make_author("Phạm Ẩn")],
    )
    page = new_context("staff", viewport=DESKTOP).new_page()
    log_in(page, make_editor())
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    headline = page.locator("#id_title")
    expect(headline).to_have_value(article.title)
    row = page.locator(".form-row.field-title").bounding_box()
    box = headline.bounding_box()
    assert box["x"] + box["width"] >= row["x"] + row["width"] - 40  # to the row's end
    fits = headline.evaluate("input => input.scrollWidth <= input.clientWidth")
    assert fits  # the whole headline shows
    assert image_is_loaded(page.locator(".form-row.field-cover_thumb img.article-thumb"))
    assert fits_the_screen(page)
    screenshot(page, "article-form-1366")


def test_the_byline_table_stacks_its_rows_on_a_phone(new_context):
    article = make_article(authors=[make_author("Đỗ Trọng"), make_author("Phạm Ẩn")])
    page = new_context("staff", viewport=PHONE).new_page()
    log_in(page, make_editor())
    page.goto(f"/admin/articles/article/{article.pk}/change/")
    byline = page.locator(".inline-group .tabular")
    expect(byline.locator("tr.form-row.has_original")).to_have_count(2)
    byline.scroll_into_view_if_needed()
    assert fits_the_screen(page)
    author = byline.locator("td.field-author").first.bounding_box()
    position = byline.locator("td.field-position").first.bounding_box()
    assert position["y"] >= author["y"] + author["height"] - 1  # one under the other
    assert author["x"] + author["width"] <= PHONE["width"]
    screenshot(page, "byline-390")


def test_the_moderation_queue_stacks_its_rows_on_a_phone(new_context):
    fill_moderation_queue()
    page = new_context("staff", viewport=PHONE).new_page()
    log_in(page, make_moderator())
    page.goto("/admin/comments/comment/")
    expect(page.locator("#result_list tbody tr")).to_have_count(3)
    assert fits_the_screen(page)
    excerpt = page.locator("#result_list tbody .field-excerpt").first
    name = page.locator("#result_list tbody .field-name").first
    assert excerpt.bounding_box()["width"] >= 300  # the reader's words across the phone
    assert name.bounding_box()["y"] > excerpt.bounding_box()["y"]  # stacked, not side by side
    expect(name).to_have_attribute("data-label", "Tên")
    screenshot(page, "moderation-queue-390")


def test_the_article_list_stacks_its_rows_on_a_phone(new_context):
    a_days_work()
    page = new_context("staff", viewport=PHONE).new_page()
    log_in(page, make_editor())
    page.goto("/admin/articles/article/")
    expect(page.locator("#result_list tbody tr")).to_have_count(30)
    assert fits_the_screen(page)
    first = page.locator("#result_list tbody tr").first
    headline = first.locator(".field-title").bounding_box()
    section = first.locator(".field-section").bounding_box()
    assert section["y"] >= headline["y"] + headline["height"] - 1  # one under the other
    expect(first.locator(".field-section")).to_have_attribute("data-label", "Chuyên mục")
    expect(first.locator(".field-publish_time")).to_have_attribute(
        "data-label", "Thời gian xuất bản"
    )
    screenshot(page, "article-list-390")
