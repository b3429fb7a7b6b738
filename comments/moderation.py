"""Moderation: the only code that changes a comment's status.

The admin's actions and change form call these functions; so do tests.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from newsroom import pagecache

from .models import Comment

MODERATE_PERMISSION = "comments.moderate_comment"


class NotAllowed(PermissionDenied):
    """The user may not moderate reader comments."""


def can_moderate(user):
    """Members of Moderators (and superusers) moderate; nobody else."""
    return bool(user and user.is_active and user.has_perm(MODERATE_PERMISSION))


def _check_moderator(moderator):
    if not can_moderate(moderator):
        raise NotAllowed(_("Only moderators can moderate reader comments."))


def _decide(comment, moderator, status, *, edited=()):
    comment.status = status
    comment.moderated_by, comment.moderated_at = moderator, timezone.now()
    # Only what a decision changes: the retention pass may have deleted the
    # files since the moderator opened the page, and must not see them restored.
    comment.save(update_fields=["status", "moderated_by", "moderated_at", *edited])
    return comment


@transaction.atomic
def approve(comment, moderator, *, body=None):
    """Make a comment public, optionally with edited text; the reader's original is kept."""
    _check_moderator(moderator)
    pagecache.content_changed()  # it appears, or changes, under the article
    if body is not None:
        body = body.strip()
        if not body:
            raise ValidationError({"body": _("A published comment needs some text.")})
        if body != comment.body:
            comment.original_body = comment.original_body or comment.body
            comment.body = body
    return _decide(comment, moderator, Comment.Status.APPROVED, edited=["body", "original_body"])


@transaction.atomic
def reject(comment, moderator):
    """Keep a comment off the site."""
    _check_moderator(moderator)
    _taken_off_the_page(comment)
    return _decide(comment, moderator, Comment.Status.REJECTED)


@transaction.atomic
def mark_spam(comment, moderator):
    """Keep a comment off the site as spam."""
    _check_moderator(moderator)
    _taken_off_the_page(comment)
    return _decide(comment, moderator, Comment.Status.SPAM)


def _taken_off_the_page(comment):
    # Only a comment readers saw changes their pages; a pending one never showed.
    if comment.is_approved:
        pagecache.content_changed()


def moderators():
    """Active users who may moderate and have an e-mail address."""
    permission = Permission.objects.get(
        content_type__app_label="comments", codename="moderate_comment"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions=permission)
            | Q(user_permissions=permission)
        )
        .exclude(email="")
        .distinct()
    )


def notify_moderators(comment):
    """E-mail the moderators that `comment` waits for them (from the worker: comments.tasks)."""
    recipients = list(moderators().values_list("email", flat=True))
    if not recipients:
        return
    title = " ".join(comment.article.title.split())
    subject = _("New reader comment awaiting moderation: %(title)s") % {"title": title}
    admin_url = reverse("admin:comments_comment_change", args=[comment.pk])
    lines = [
        _("A reader sent a comment on “%(title)s”.") % {"title": title},
        "",
        _("Name: %(name)s") % {"name": comment.name},
        Truncator(comment.body).chars(500),
        "",
    ]
    if comment.has_attachment:
        lines += [_("Attached file: %(name)s") % {"name": comment.attachment_name}, ""]
    lines.append(_("Moderate it here: %(url)s") % {"url": settings.SITE_URL + admin_url})
    # A failure raises: comments.tasks.notify_moderators, which calls this from the
    # worker, logs it and tries again later.
    send_mail(subject[:200], "\n".join(lines), None, recipients)
