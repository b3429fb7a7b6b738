"""A rejected attachment stops being served at once: no shared cache may keep it."""

import pytest

from comments import moderation
from comments.models import Comment
from tests.factories import file_upload, image_upload, make_comment, make_moderator, pdf_bytes

pytestmark = pytest.mark.django_db


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


@pytest.fixture
def moderator():
    return make_moderator()


@pytest.mark.parametrize("reject", [moderation.reject, moderation.mark_spam])
def test_rejected_file_is_gone_from_its_former_url_at_once(client, moderator, reject):
    comment = make_comment(attachment=image_upload(size=(1600, 1200)))
    moderation.approve(comment, moderator)
    for url in (comment.attachment_url, comment.thumbnail_url):
        served = client.get(url)
        assert served.status_code == 200
        assert body_of(served)
        # Nobody between the site and the reader may store it: only the browser,
        # and the browser asks again before each use.
        cache_control = {part.strip() for part in served["Cache-Control"].split(",")}
        assert cache_control == {"private", "no-cache"}
        assert "Expires" not in served

    reject(comment, moderator)
    for url in (comment.attachment_url, comment.thumbnail_url):
        assert client.get(url).status_code == 404
        assert client.head(url).status_code == 404


def test_a_browser_revalidating_a_rejected_file_gets_404_not_304(client, moderator):
    comment = make_comment(attachment=image_upload())
    moderation.approve(comment, moderator)
    etag = client.get(comment.attachment_url)["ETag"]
    assert client.get(comment.attachment_url, HTTP_IF_NONE_MATCH=etag).status_code == 304

    moderation.reject(comment, moderator)
    assert client.get(comment.attachment_url, HTTP_IF_NONE_MATCH=etag).status_code == 404


def test_revalidating_an_unchanged_file_costs_a_304_with_the_same_cache_rules(client, moderator):
    comment = make_comment(attachment=image_upload(), status=Comment.Status.APPROVED)
    first = client.get(comment.attachment_url)
    again = client.get(comment.attachment_url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    assert again["Cache-Control"] == first["Cache-Control"]
    # The thumbnail is another file, with another validator.
    assert client.get(comment.thumbnail_url)["ETag"] == first["ETag"]  # small: no thumbnail
    large = make_comment(attachment=image_upload(size=(1600, 1200)), status="approved")
    assert client.get(large.attachment_url)["ETag"] != client.get(large.thumbnail_url)["ETag"]


@pytest.mark.parametrize("accel", ["", "/_attachments/"])
def test_head_answers_like_get_without_the_body(client, settings, accel):
    settings.COMMENTS_ATTACHMENT_ACCEL_REDIRECT = accel
    comment = make_comment(
        attachment=file_upload("đơn.pdf", pdf_bytes()), status=Comment.Status.APPROVED
    )
    got = client.get(comment.attachment_url)
    head = client.head(comment.attachment_url)
    assert head.status_code == got.status_code == 200
    for header in (
        "Content-Type",
        "Content-Disposition",
        "Cache-Control",
        "ETag",
        "X-Content-Type-Options",
        "Content-Security-Policy",
    ):
        assert head[header] == got[header], header
    if accel:
        assert head["X-Accel-Redirect"] == got["X-Accel-Redirect"]
    else:
        assert head["Content-Length"] == got["Content-Length"] == str(comment.attachment_size)
    assert body_of(head) == b""


def test_head_on_a_pending_file_is_refused_like_get(client):
    comment = make_comment(attachment=image_upload())
    assert client.head(comment.attachment_url).status_code == 404


def test_other_methods_are_still_refused(client):
    comment = make_comment(attachment=image_upload(), status=Comment.Status.APPROVED)
    assert client.post(comment.attachment_url).status_code == 405
    assert client.put(comment.attachment_url).status_code == 405


def test_a_moderator_sees_an_unapproved_file_but_nothing_stores_it(client, moderator):
    comment = make_comment(attachment=image_upload(), status=Comment.Status.REJECTED)
    client.force_login(moderator)
    response = client.get(comment.attachment_url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
