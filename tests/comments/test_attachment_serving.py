import io

import pytest
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from PIL import Image

from articles.models import Article
from comments.models import Comment
from tests.factories import file_upload, image_upload, make_comment, make_moderator, pdf_bytes

from .helpers import stored_files

pytestmark = pytest.mark.django_db


def body_of(response):
    return b"".join(response.streaming_content)


def test_approved_image_is_served_inline_with_safe_headers(client):
    comment = make_comment(attachment=image_upload("ảnh.png"), status=Comment.Status.APPROVED)
    response = client.get(comment.attachment_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("inline")
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"] == "private, no-cache"  # see test_attachment_takedown
    assert Image.open(io.BytesIO(body_of(response))).format == "PNG"


def test_approved_pdf_is_downloaded_never_shown_in_the_browser(client):
    comment = make_comment(
        attachment=file_upload("Đơn kiến nghị.pdf", pdf_bytes()), status=Comment.Status.APPROVED
    )
    response = client.get(comment.attachment_url)
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%C4%90%C6%A1n%20ki%E1%BA%BFn%20ngh%E1%BB%8B.pdf"
    )
    assert body_of(response) == (settings.PRIVATE_MEDIA_ROOT / comment.attachment).read_bytes()


def test_article_page_shows_a_thumbnail_for_images_and_a_link_with_size_for_documents(
    client, article
):
    image = make_comment(
        article, attachment=image_upload("hien-truong.png", size=(1600, 1200)), status="approved"
    )
    document = make_comment(
        article, attachment=file_upload("don.pdf", pdf_bytes()), status="approved"
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert (
        f'<a class="comment__image" href="{image.attachment_url}"><img src="{image.thumbnail_url}"'
        in html
    )
    assert 'width="480" height="360"' in html
    assert f'<a href="{document.attachment_url}">don.pdf</a>' in html
    size = filesizeformat(document.attachment_size)
    assert f'<span class="comment__size">({size})</span>' in html

    thumbnail = client.get(image.thumbnail_url)
    assert Image.open(io.BytesIO(body_of(thumbnail))).size == (480, 360)


@pytest.mark.parametrize("status", ["pending", "rejected", "spam"])
def test_unapproved_attachment_is_for_moderators_only(client, status):
    comment = make_comment(attachment=image_upload(), status=status)
    assert client.get(comment.attachment_url).status_code == 404
    assert client.get(comment.thumbnail_url).status_code == 404

    client.force_login(make_moderator())
    response = client.get(comment.attachment_url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"


def test_attachment_of_an_unpublished_article_is_hidden_from_readers(client):
    comment = make_comment(attachment=image_upload(), status=Comment.Status.APPROVED)
    Article.objects.filter(pk=comment.article_id).update(status=Article.Status.DRAFT)
    assert client.get(comment.attachment_url).status_code == 404


def test_nginx_sends_the_file_when_accel_redirect_is_set(client, settings):
    settings.COMMENTS_ATTACHMENT_ACCEL_REDIRECT = "/_attachments/"
    comment = make_comment(
        attachment=file_upload("don.pdf", pdf_bytes()), status=Comment.Status.APPROVED
    )
    response = client.get(comment.attachment_url)
    assert response.status_code == 200
    assert response.content == b""
    assert response["X-Accel-Redirect"] == f"/_attachments/{comment.attachment}"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="don.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_django_streams_the_file_without_accel_redirect(client):
    comment = make_comment(attachment=image_upload(), status=Comment.Status.APPROVED)
    response = client.get(comment.attachment_url)
    assert response.streaming
    assert "X-Accel-Redirect" not in response


def test_deleting_a_comment_deletes_its_files(django_capture_on_commit_callbacks):
    comment = make_comment(attachment=image_upload(size=(1600, 1200)))
    assert len(stored_files(settings.PRIVATE_MEDIA_ROOT)) == 2  # the file and its thumbnail
    with django_capture_on_commit_callbacks(execute=True):
        comment.delete()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_deleting_an_article_deletes_its_comments_files(django_capture_on_commit_callbacks):
    comment = make_comment(attachment=image_upload())
    with django_capture_on_commit_callbacks(execute=True):
        comment.article.delete()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_moderator_bulk_delete_in_the_admin_deletes_files(
    client, django_capture_on_commit_callbacks
):
    comment = make_comment(attachment=image_upload())
    client.force_login(make_moderator())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/comments/comment/",
            {"action": "delete_selected", "_selected_action": [comment.pk], "post": "yes"},
        )
    assert not Comment.objects.exists()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []
