"""Readers comment with a photo; a moderator corrects and approves; the photo loses its EXIF."""

import io

import pytest
from django.conf import settings
from PIL import ExifTags, Image
from playwright.sync_api import expect

from comments.models import Comment
from tests.e2e.steps import fill_comment_form, image_is_loaded, log_in, send_comment
from tests.factories import make_article, make_moderator, photo_with_gps

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TYPO = "Cây cầu này rất cần cho người dân thàng phố."
FIXED = "Cây cầu này rất cần cho người dân thành phố."


@pytest.fixture
def gps_photo(tmp_path):
    path = tmp_path / "cau-son-tra.jpg"
    path.write_bytes(photo_with_gps())
    assert 1.8 * 1024 * 1024 < path.stat().st_size < 3 * 1024 * 1024
    with Image.open(path) as photo:
        assert photo.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    return path


def stored_attachments():
    """Every file in the private attachments storage."""
    return [path for path in settings.PRIVATE_MEDIA_ROOT.rglob("*") if path.is_file()]


def test_reader_comment_with_a_gps_photo_waits_for_moderation(
    new_context, reader_problems, gps_photo
):
    article = make_article()
    page = new_context().new_page()

    page.goto(article.get_absolute_url())
    # The honeypot must stay out of a reader's sight, or readers fill it and get refused.
    expect(page.locator("form.comment-form [name=website]")).to_be_hidden()
    send_comment(page, name="Lê Thị Hoa", email="hoa@example.vn", body=TYPO, attachment=gps_photo)

    expect(page.locator(".comments__thanks")).to_be_visible()
    expect(page.locator(".comments__thanks")).to_contain_text("chờ")
    expect(page.locator("#binh-luan")).not_to_contain_text(TYPO)
    expect(page.locator(".comments__count")).to_have_text("(0)")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.attachment_name == "cau-son-tra.jpg"
    assert reader_problems() == []


def test_reader_gets_a_clear_message_for_a_file_over_10_mb_and_nothing_is_sent(
    new_context, reader_problems, gps_photo, tmp_path
):
    article = make_article()
    too_big = tmp_path / "anh-lon.jpg"
    photo = gps_photo.read_bytes()
    too_big.write_bytes(photo + bytes(11 * 1024 * 1024 - len(photo)))
    page = new_context().new_page()

    page.goto(article.get_absolute_url())
    form = send_comment(
        page, name="Lê Thị Hoa", email="hoa@example.vn", body=FIXED, attachment=too_big
    )

    expect(form.locator("[data-file-error]")).to_be_visible()
    expect(form.locator("[data-file-error]")).to_contain_text("10 MB")
    assert Comment.objects.count() == 0
    assert stored_attachments() == []
    assert reader_problems() == []


def test_without_javascript_the_server_refuses_a_file_over_10_mb_with_a_clear_message(
    new_context, reader_problems, gps_photo, tmp_path
):
    article = make_article()
    too_big = tmp_path / "anh-lon.jpg"
    photo = gps_photo.read_bytes()
    too_big.write_bytes(photo + bytes(11 * 1024 * 1024 - len(photo)))
    page = new_context(java_script_enabled=False).new_page()

    page.goto(article.get_absolute_url())
    page.locator("[data-comment-fallback] a").click()
    fill_comment_form(
        page, name="Lê Thị Hoa", email="hoa@example.vn", body=FIXED, attachment=too_big
    )
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.locator("form.comment-form button[type=submit]").click()

    assert posted.value.status == 413
    expect(page.locator("form.comment-form")).to_contain_text("10 MB")
    assert Comment.objects.count() == 0
    assert stored_attachments() == []
    assert reader_problems(expected=[posted.value.url]) == []


def test_reader_gets_a_clear_message_for_html_named_jpg_and_nothing_is_stored(
    new_context, reader_problems, tmp_path
):
    article = make_article()
    fake = tmp_path / "anh.jpg"
    fake.write_text("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")
    page = new_context().new_page()

    page.goto(article.get_absolute_url())
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        send_comment(page, name="Lê Thị Hoa", email="hoa@example.vn", body=FIXED, attachment=fake)

    assert posted.value.status == 400
    errors = page.locator("form.comment-form .errorlist")
    expect(errors).to_contain_text("JPEG")
    expect(page.locator("form.comment-form [name=body]")).to_have_value(FIXED)
    assert Comment.objects.count() == 0
    assert stored_attachments() == []
    assert reader_problems(expected=[posted.value.url]) == []


def test_moderator_fixes_a_typo_and_approves_and_readers_see_the_photo_without_exif(
    new_context, reader_problems, gps_photo
):
    article = make_article()
    moderator = make_moderator()
    reader = new_context().new_page()
    reader.goto(article.get_absolute_url())
    send_comment(reader, name="Lê Thị Hoa", email="hoa@example.vn", body=TYPO, attachment=gps_photo)
    expect(reader.locator(".comments__thanks")).to_be_visible()

    page = new_context("staff").new_page()
    log_in(page, moderator)
    page.locator(".comments-pending a").click()
    row = page.locator("#result_list tbody tr", has_text="thàng phố")
    expect(row).to_have_count(1)
    assert image_is_loaded(row.locator("img"))
    row.locator("th a").click()
    page.fill("#id_body", FIXED)
    page.check("input[name=decision][value=approve]")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_have_count(1)

    reader.goto(article.get_absolute_url())
    comment = reader.locator(".comments__list .comment")
    expect(comment).to_have_count(1)
    expect(comment.locator(".comment__body")).to_have_text(FIXED)
    expect(comment.locator(".comment__name")).to_have_text("Lê Thị Hoa")
    assert image_is_loaded(comment.locator("img"))
    for url in [
        comment.locator("a.comment__image").get_attribute("href"),
        comment.locator("img").get_attribute("src"),
    ]:
        served = reader.request.get(url)
        assert served.ok and served.headers["content-type"] == "image/jpeg"
        with Image.open(io.BytesIO(served.body())) as photo:
            assert not photo.getexif() and "exif" not in photo.info
    assert Comment.objects.get().original_body == TYPO
    assert reader_problems() == []
