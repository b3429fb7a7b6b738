"""Screenshots of the pages people see most, at desktop and phone widths, kept by CI."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.e2e.conftest import ARTIFACTS, DESKTOP, PHONE
from tests.e2e.steps import image_is_loaded, log_in
from tests.factories import (
    file_upload,
    image_upload,
    make_article,
    make_author,
    make_comment,
    make_moderator,
    make_section,
    photo_with_gps,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCREENSHOTS = ARTIFACTS / "screenshots"
WIDTHS = {"1366": DESKTOP, "390": PHONE}


def newspaper_content():
    """A front page's worth of articles in four sections, with covers and reader comments."""
    authors = [make_author("Đỗ Trọng"), make_author("Phạm Ẩn")]
    colors = [(40, 110, 170), (190, 80, 40), (60, 140, 90), (120, 70, 150)]
    articles = []
    for number, name in enumerate(["Thời sự", "Kinh tế", "Xã hội", "Thể thao"]):
        section = make_section(name)
        for item in range(3):
            cover = image_upload(
                "anh.jpg", "JPEG", "image/jpeg", size=(960, 600), color=colors[number]
            )
            articles.append(
                make_article(
                    title=f"{name}: tin số {item + 1} về địa phương trong tuần này",
                    lead="Sapo ngắn gọn tóm tắt nội dung chính của bài viết cho bạn đọc.",
                    body="<p>Nội dung bài viết, đoạn thứ nhất.</p><h2>Tiêu đề phụ</h2>"
                    "<p>Đoạn thứ hai của bài viết.</p>",
                    section=section,
                    authors=authors,
                    tags=["Đà Nẵng"],
                    featured=(number, item) == (0, 0),
                    cover_image=cover,
                    cover_caption="Ảnh minh họa",
                )
            )
    lead_story = articles[0]
    for number, status in enumerate([Comment.Status.APPROVED] * 2 + [Comment.Status.PENDING] * 3):
        photo = file_upload("anh-ban-doc.jpg", photo_with_gps((800, 600)), "image/jpeg")
        make_comment(
            lead_story,
            name=f"Bạn đọc số {number + 1}",
            body="Cảm ơn báo đã đưa tin kịp thời.\nMong thành phố sớm hoàn thành công trình.",
            status=status,
            attachment=photo if number % 2 == 0 else None,
        )
    return lead_story


@pytest.mark.parametrize("width", WIDTHS)
def test_front_page_article_page_and_moderation_queue_render_cleanly(
    new_context, reader_problems, width
):
    lead_story = newspaper_content()
    viewport = WIDTHS[width]
    page = new_context(viewport=viewport).new_page()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page.goto("/")
    expect(page.get_by_role("link", name=lead_story.title).first).to_be_visible()
    assert fits_the_screen(page)
    page.screenshot(path=SCREENSHOTS / f"front-page-{width}.png", full_page=True)

    page.goto(lead_story.get_absolute_url())
    expect(page.locator("h1")).to_have_text(lead_story.title)
    assert image_is_loaded(page.locator(".article__cover img"))
    expect(page.locator(".comments__list .comment")).to_have_count(2)
    assert image_is_loaded(page.locator(".comments__list img"))
    assert fits_the_screen(page)
    page.screenshot(path=SCREENSHOTS / f"article-page-{width}.png", full_page=True)
    assert reader_problems() == []

    moderator = new_context("staff", viewport=viewport).new_page()
    log_in(moderator, make_moderator())
    moderator.goto("/admin/comments/comment/")
    expect(moderator.locator("#result_list tbody tr")).to_have_count(3)
    for image in moderator.locator("#result_list img").all():
        assert image_is_loaded(image)
    moderator.screenshot(path=SCREENSHOTS / f"moderation-queue-{width}.png", full_page=True)


def fits_the_screen(page):
    """No sideways scrolling: nothing is wider than the window."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
