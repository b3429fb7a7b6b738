"""A reader's comment enters the moderation queue."""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from . import attachments, ratelimit
from .models import Comment
from .tasks import notify_moderators


class CommentsClosed(PermissionDenied):
    """The article does not take comments (any more)."""


class TooManyComments(Exception):
    """The reader's address sent its share of comments for now."""


def closed_message():
    return _("Comments are closed for this article.")


def admit_post(article, *, ip_address=None):
    """Count a post to the comment form; refuse it at once, unread, if it cannot succeed.

    Every post counts toward its address's limit, whatever becomes of it.
    """
    if ip_address and not ratelimit.record(ip_address):
        raise TooManyComments(ratelimit.message())
    if not (article.is_live and article.comments_open):
        raise CommentsClosed(closed_message())


def post_comment(article, *, name, email, body, attachment=None, ip_address=None):
    """Queue a reader's comment (and its cleaned attachment) and tell the moderators."""
    if not (article.is_live and article.comments_open):
        raise CommentsClosed(closed_message())
    stored = attachments.store(attachment) if attachment else {}
    try:
        with transaction.atomic():
            comment = Comment.objects.create(
                article=article,
                name=name,
                email=email,
                body=body,
                ip_address=ip_address,
                **stored,
            )
            transaction.on_commit(partial(notify_moderators.enqueue, comment.pk), robust=True)
    except BaseException:
        attachments.delete_stored(*Comment(**stored).stored_files())
        raise
    return comment
