"""The newsroom loop in Chromium with the page cache on: readers are served cached pages,
and each step of the newsroom shows on their very next page load."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from comments.models import Comment
from tests.e2e.steps import log_in, send_comment
from tests.factories import make_article, make_editor, make_moderator, make_section

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("page_cache"),
]

HEADLINE = "Đà Nẵng khởi công cầu vượt biển Sơn Trà"
COMMENT = "Mong cây cầu sớm hoàn thành để người dân đi lại thuận tiện."


def load(page, url):
    """Open `url` and say whether the page came from the cache."""
    response = page.goto(url)
    assert response.ok, url
    return response.headers.get("x-page-cache")


def test_publish_comment_and_approve_each_show_on_the_readers_next_cached_load(
    new_context, reader_problems
):
    section = make_section(name="Thời sự")
    older = make_article(title="Tin cũ trong chuyên mục", section=section)
    draft = make_article(
        title=HEADLINE, section=section, status=Article.Status.REVIEW, lead="Cây cầu dài 2 km."
    )
    reader = new_context().new_page()
    for url in ("/", section.get_absolute_url(), older.get_absolute_url()):
        load(reader, url)
        assert load(reader, url) == "hit", url
    expect(reader.locator("body")).not_to_contain_text(HEADLINE)

    # An editor publishes in the admin: logged in, the editor never gets a cached page.
    staff = new_context("staff").new_page()
    log_in(staff, make_editor())
    assert load(staff, "/") is None
    staff.goto(f"/admin/articles/article/{draft.pk}/change/")
    staff.select_option("#id_status", "published")
    staff.locator("input[name=_save]").click()
    expect(staff.locator(".messagelist .success")).to_have_count(1)

    assert load(reader, "/") == "miss"
    expect(reader.locator("main")).to_contain_text(HEADLINE)
    load(reader, section.get_absolute_url())
    expect(reader.locator("main")).to_contain_text(HEADLINE)
    article = Article.objects.get(pk=draft.pk)
    load(reader, article.get_absolute_url())
    assert load(reader, article.get_absolute_url()) == "hit"

    # On the cached page, the comment form fetches its CSRF token and posts.
    send_comment(reader, name="Lê Thị Hoa", email="hoa@example.vn", body=COMMENT)
    expect(reader.locator(".comments__thanks")).to_be_visible()
    assert Comment.objects.get().status == Comment.Status.PENDING
    # Another reader gets the cached page, without the thank-you notice.
    other = new_context().new_page()
    assert load(other, article.get_absolute_url()) == "hit"
    expect(other.locator(".comments__thanks")).to_have_count(0)

    moderation = new_context("staff").new_page()
    log_in(moderation, make_moderator())
    moderation.goto(f"/admin/comments/comment/{Comment.objects.get().pk}/change/")
    moderation.check("input[name=decision][value=approve]")
    moderation.locator("input[name=_save]").click()
    expect(moderation.locator(".messagelist .success")).to_have_count(1)

    assert load(other, article.get_absolute_url()) == "miss"
    expect(other.locator(".comments__list .comment__body")).to_have_text(COMMENT)
    assert reader_problems() == []
