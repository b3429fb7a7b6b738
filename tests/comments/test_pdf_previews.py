"""Moderators read a reader's PDF as page pictures in the admin, without downloading it."""

import io

import pytest
from django.conf import settings
from django.urls import reverse
from PIL import Image

from comments.models import Comment
from tests.factories import file_upload, image_upload, make_comment, make_moderator

from . import pdfs
from .helpers import stored_files

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:comments_comment_changelist")


def pdf_comment(pages=3, **fields):
    return make_comment(
        attachment=file_upload("Đơn kiến nghị.pdf", pdfs.document(pages=pages)), **fields
    )


def body_of(response):
    return b"".join(response.streaming_content)


def test_comment_page_in_the_admin_shows_every_page(client):
    comment = pdf_comment()
    client.force_login(make_moderator())
    html = client.get(reverse("admin:comments_comment_change", args=[comment.pk])).content.decode()
    for number, url in comment.page_previews:
        assert (
            f'<a href="{url}" target="_blank" rel="noopener"><img src="{url}" alt="Trang {number}"'
            in html
        )
    assert len(comment.page_previews) == 3


def test_queue_shows_the_first_page_and_the_page_count(client):
    comment = pdf_comment()
    client.force_login(make_moderator())
    html = client.get(QUEUE).content.decode()
    first_page = reverse("comments:page_preview", kwargs={"pk": comment.pk, "page": 1})
    assert f'<img class="comment-pdf-page" src="{first_page}" alt="" loading="lazy">' in html
    assert "· 3 trang" in html
    assert reverse("comments:page_preview", kwargs={"pk": comment.pk, "page": 2}) not in html


def test_moderator_gets_a_page_preview_as_a_private_picture(client):
    comment = pdf_comment()
    client.force_login(make_moderator())
    response = client.get(comment.page_previews[1][1])
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"] == "inline"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    page = Image.open(io.BytesIO(body_of(response)))
    assert page.format == "JPEG"
    assert pdfs.dark_share(page.convert("L").resize((612, 792)), (72, 150, 400, 200)) > 0.1


@pytest.mark.parametrize("status", ["pending", "approved"])
def test_readers_never_get_page_previews(client, status):
    comment = pdf_comment(status=status)
    assert client.get(comment.page_previews[0][1]).status_code == 404
    expected = 200 if status == "approved" else 404
    assert client.get(comment.attachment_url).status_code == expected  # the PDF itself


def test_pages_that_do_not_exist_are_not_found(client):
    comment = pdf_comment(pages=2)
    photo = make_comment(attachment=image_upload())
    client.force_login(make_moderator())
    for pk, page in [(comment.pk, 0), (comment.pk, 3), (photo.pk, 1), (photo.pk + 100, 1)]:
        url = reverse("comments:page_preview", kwargs={"pk": pk, "page": page})
        assert client.get(url).status_code == 404


def test_deleting_a_comment_deletes_its_pdf_and_every_preview(django_capture_on_commit_callbacks):
    comment = pdf_comment()
    assert len(stored_files(settings.PRIVATE_MEDIA_ROOT)) == 4  # the PDF and three pages
    with django_capture_on_commit_callbacks(execute=True):
        comment.delete()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_moderator_bulk_delete_deletes_the_previews(client, django_capture_on_commit_callbacks):
    comment = pdf_comment()
    client.force_login(make_moderator())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            QUEUE, {"action": "delete_selected", "_selected_action": [comment.pk], "post": "yes"}
        )
    assert not Comment.objects.exists()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []
