"""Once an article expires, readers can neither comment on it nor fetch its comments' files."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from comments.models import Comment
from tests.factories import image_upload, make_article, make_comment, make_moderator

from .helpers import assert_nothing_kept, send

pytestmark = pytest.mark.django_db


def expire(article):
    Article.objects.filter(pk=article.pk).update(expires_at=timezone.now() - timedelta(seconds=1))


def test_comment_on_an_expired_article_answers_404_and_keeps_nothing(client):
    article = make_article(expires_at=timezone.now() + timedelta(minutes=5))
    expire(article)

    response = send(client, article, attachment=image_upload())

    assert response.status_code == 404
    assert_nothing_kept()


def test_comment_before_the_expiry_is_taken(client):
    article = make_article(expires_at=timezone.now() + timedelta(minutes=5))
    assert send(client, article).status_code == 303
    assert Comment.objects.filter(article=article).count() == 1


def test_attachment_of_an_expired_article_is_for_moderators_only(client):
    article = make_article(expires_at=timezone.now() + timedelta(minutes=5))
    comment = make_comment(article, attachment=image_upload(), status=Comment.Status.APPROVED)
    assert client.get(comment.attachment_url).status_code == 200

    expire(article)

    assert client.get(comment.attachment_url).status_code == 404
    client.force_login(make_moderator())
    assert client.get(comment.attachment_url).status_code == 200
