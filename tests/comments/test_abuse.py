import time

import pytest
from django.test import Client
from django.test.client import MULTIPART_CONTENT

from comments.models import Comment
from tests.factories import image_upload

from .helpers import assert_nothing_kept, comment_url, send

pytestmark = pytest.mark.django_db

RATE_LIMITED = "Bạn đã gửi nhiều ý kiến trong thời gian ngắn. Vui lòng chờ vài phút rồi gửi tiếp."


def test_post_without_a_csrf_token_is_refused(article):
    browser = Client(enforce_csrf_checks=True)
    response = send(browser, article, attachment=image_upload())
    assert response.status_code == 403
    assert "CSRF" in response.content.decode()
    assert_nothing_kept()


def test_post_with_a_forged_csrf_token_is_refused(article):
    browser = Client(enforce_csrf_checks=True)
    browser.get("/comments/csrf/")  # a real cookie, but the attacker cannot read it
    response = send(browser, article, csrfmiddlewaretoken="A" * 64, attachment=image_upload())
    assert response.status_code == 403
    assert "CSRF" in response.content.decode()
    assert_nothing_kept()


def test_filled_honeypot_is_refused(client, article):
    response = send(client, article, website="http://spam.example", attachment=image_upload())
    assert response.status_code == 400
    assert "có vẻ biểu mẫu đã được điền tự động" in response.content.decode()
    assert_nothing_kept()


def test_honeypot_is_hidden_from_people(client, article):
    html = client.get(comment_url(article)).content.decode()
    assert '<div class="comment-form__trap" hidden aria-hidden="true">' in html
    assert 'name="website"' in html and 'tabindex="-1"' in html


def test_sixth_comment_in_ten_minutes_from_one_address_is_refused(client, article, settings):
    settings.COMMENTS_RATE_LIMIT = 5
    for _ in range(5):
        assert send(client, article).status_code == 303
    response = send(client, article, attachment=image_upload())
    assert response.status_code == 429
    assert RATE_LIMITED in response.content.decode()
    assert response["Retry-After"] == "600"
    assert Comment.objects.count() == 5
    assert all(not comment.has_attachment for comment in Comment.objects.all())

    other_reader = Client(REMOTE_ADDR="203.0.113.9")
    assert send(other_reader, article).status_code == 303


def test_rate_limited_address_is_refused_before_its_upload_is_read(client, article, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    assert send(client, article).status_code == 303
    response = client.generic(
        "POST", comment_url(article), b"", CONTENT_TYPE=MULTIPART_CONTENT, CONTENT_LENGTH="5000000"
    )
    assert response.status_code == 429
    assert RATE_LIMITED in response.content.decode()


def test_refused_posts_use_up_the_limit_too(client, article, settings):
    """Every post costs its upload and its checks, whether or not it becomes a comment."""
    settings.COMMENTS_RATE_LIMIT = 4
    assert send(client, article, email="sai").status_code == 400
    assert send(client, article, website="http://spam.example").status_code == 400
    assert send(client, article, body="cam on bao da dua tin ve con duong nay").status_code == 200
    assert send(client, article, name="").status_code == 400
    response = send(client, article)
    assert response.status_code == 429
    assert RATE_LIMITED in response.content.decode()
    assert Comment.objects.count() == 0


def test_limit_lifts_when_the_window_ends(client, article, settings):
    settings.COMMENTS_RATE_LIMIT = 1
    settings.COMMENTS_RATE_WINDOW_SECONDS = 1
    assert send(client, article).status_code == 303
    assert send(client, article).status_code == 429
    time.sleep(1.2)
    assert send(client, article).status_code == 303
