"""A reader searches from the header, typing without diacritics."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import make_article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_reader_finds_an_article_from_the_header_typing_without_diacritics(
    new_context, reader_problems
):
    article = make_article(
        title="Đà Nẵng khởi công cầu vượt biển Sơn Trà",
        lead="Cây cầu nối bán đảo với trung tâm thành phố.",
    )
    make_article(title="Giá vàng hôm nay tăng mạnh", lead="Thị trường vàng sôi động.")
    page = new_context().new_page()

    page.goto("/")
    search_box = page.locator(".site-header").get_by_role("searchbox")
    search_box.fill("da nang cau vuot bien")
    search_box.press("Enter")

    expect(page).to_have_url(re.compile(r"/search/\?q=da\+nang\+cau\+vuot\+bien$"))
    results = page.locator(".search-results")
    expect(results.get_by_role("link")).to_have_count(1)
    results.get_by_role("link", name=article.title).click()
    expect(page).to_have_url(re.compile(re.escape(article.get_absolute_url()) + "$"))
    expect(page.locator("h1")).to_have_text(article.title)
    assert reader_problems() == []
