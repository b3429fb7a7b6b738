import pytest
from django.conf import settings

from comments import services
from comments.attachments import clean_upload
from comments.models import Comment
from tests.factories import image_upload, make_article

from .helpers import assert_nothing_kept

pytestmark = pytest.mark.django_db


def post(article, **fields):
    return services.post_comment(
        article,
        name="Bạn đọc",
        email="ban-doc@example.vn",
        body="Cảm ơn tòa soạn.",
        attachment=clean_upload(image_upload(size=(900, 600))),
        **fields,
    )


def test_failed_save_leaves_no_attachment_file(monkeypatch):
    article = make_article()

    def database_down(**fields):
        raise RuntimeError("database went away")

    monkeypatch.setattr(Comment.objects, "create", database_down)
    with pytest.raises(RuntimeError):
        post(article)
    assert_nothing_kept()


def test_comment_on_a_closed_article_is_refused_before_anything_is_stored():
    article = make_article(comments_open=False)
    with pytest.raises(services.CommentsClosed):
        post(article)
    assert_nothing_kept()


def test_comment_is_queued_with_its_file_and_thumbnail():
    comment = post(make_article(), ip_address="198.51.100.7")
    assert comment.status == Comment.Status.PENDING
    assert comment.ip_address == "198.51.100.7"
    assert (settings.PRIVATE_MEDIA_ROOT / comment.attachment).is_file()
    assert (settings.PRIVATE_MEDIA_ROOT / comment.attachment_thumbnail).is_file()
