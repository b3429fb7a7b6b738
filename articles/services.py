"""Editorial workflow: the only code that changes an article's status."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from proofreading.acknowledgements import check_acknowledged

from . import notifications, revisions
from .models import PUBLISH_PERMISSION, Article, ArticleAuthor, ArticleTransition


class NotAllowed(PermissionDenied):
    """The user's role does not allow this step of the workflow."""


def can_publish(user):
    """Editors (and superusers) publish, schedule and unpublish."""
    return user.has_perm(PUBLISH_PERMISSION)


def can_edit(user, article):
    """Editors edit everything; journalists only their own drafts and articles in review."""
    if can_publish(user):
        return True
    if not user.has_perm("articles.change_article"):
        return False
    if article.pk is None:
        return True
    return article.created_by_id == user.pk and article.status in (
        Article.Status.DRAFT,
        Article.Status.REVIEW,
    )


def can_correct(user, article):
    """Who may propose a change to a published article, which an editor then publishes.

    Editors, and the journalists who wrote it: its creator and those credited in
    its byline (through a pen name linked to their account), as in visible_to().
    """
    if article.pk is None or article.status != Article.Status.PUBLISHED:
        return False
    if can_publish(user):
        return True
    if not user.has_perm("articles.change_article"):
        return False
    return (
        article.created_by_id == user.pk
        or ArticleAuthor.objects.filter(article_id=article.pk, author__user_id=user.pk).exists()
    )


def check_publishable(article):
    """Raise ValidationError naming everything a reader's page would miss."""
    errors = {}
    if not (article.title or "").strip():
        errors["title"] = _("An article needs a headline.")
    if article.section_id is None:
        errors["section"] = _("Choose a section before publishing.")
    # Asked of the database, not of a prefetch that may predate the byline's last save.
    if article.pk is None or not ArticleAuthor.objects.filter(article_id=article.pk).exists():
        errors["authors"] = _("Add at least one author before publishing.")
    if errors:
        raise ValidationError(errors)
    check_acknowledged(article)


def _save_status(article, status, by, *, before, note=""):
    """Save the article at `status`; log the step from `before` (its stage when asked)."""
    article.status = status
    article.updated_at = timezone.now()
    article.save()
    revisions.record(article, by)
    if article.stage != before:
        article.recorded_transition = ArticleTransition.objects.create(
            article=article, from_stage=before, to_stage=article.stage, by=by, note=note
        )
    return article


@transaction.atomic
def submit_for_review(article, by):
    """Hand a draft to the editors, who are told (articles.notifications)."""
    if article.status == Article.Status.PUBLISHED or not can_edit(by, article):
        raise NotAllowed(_("You cannot submit this article."))
    before = article.stage
    _save_status(article, Article.Status.REVIEW, by, before=before)
    if before != article.stage:
        notifications.submitted(article, by)
    return article


@transaction.atomic
def return_to_draft(article, by):
    """Take an article in review back to draft: its writer withdraws it."""
    if article.status == Article.Status.PUBLISHED or not can_edit(by, article):
        raise NotAllowed(_("You cannot edit this article."))
    return _save_status(article, Article.Status.DRAFT, by, before=article.stage)


@transaction.atomic
def send_back(article, by, note):
    """An editor returns an article in review to its journalists with a note they must read."""
    if not can_publish(by):
        raise NotAllowed(_("Only editors can send an article back."))
    if article.status != Article.Status.REVIEW:
        raise NotAllowed(_("Only an article in review can be sent back."))
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Write a note telling the journalist what to change.")})
    _save_status(article, Article.Status.DRAFT, by, before=article.stage, note=note)
    notifications.sent_back(article, by, note)
    return article


@transaction.atomic
def publish(article, by, *, at=None):
    """Publish now, or schedule for `at` when it lies in the future."""
    if not can_publish(by):
        raise NotAllowed(_("Only editors can publish articles."))
    check_publishable(article)
    before = article.stage
    # A time already set (a schedule, or the first publication) is kept.
    article.published_at = at or article.published_at or timezone.now()
    return _save_status(article, Article.Status.PUBLISHED, by, before=before)


@transaction.atomic
def reschedule(article, by, at):
    """Move a scheduled article's go-live to `at`, a time still to come (the calendar)."""
    if not can_publish(by):
        raise NotAllowed(_("Only editors can reschedule articles."))
    # Read again under a lock: the calendar may have been loaded before it went live.
    stored = Article.objects.select_for_update().only("status", "published_at", "expires_at")
    stored = stored.get(pk=article.pk)
    article.status, article.published_at = stored.status, stored.published_at
    article.expires_at = stored.expires_at
    if article.is_live:
        raise ValidationError(_("This article is already on the site: it cannot be moved."))
    if not article.is_scheduled:
        raise ValidationError(_("Only a scheduled article can be moved."))
    if at <= timezone.now():
        raise ValidationError(_("An article cannot be scheduled in the past."))
    if article.expires_at is not None and at >= article.expires_at:
        expiry = date_format(timezone.localtime(article.expires_at), "H:i d-m-Y")
        raise ValidationError(
            _("The new time must come before the article's expiry (%(time)s).") % {"time": expiry}
        )
    before = article.stage
    article.published_at = at
    return _save_status(article, Article.Status.PUBLISHED, by, before=before)


@transaction.atomic
def unpublish(article, by, *, to=Article.Status.DRAFT):
    """Take an article off the site; it goes back to draft (or to review)."""
    if not can_publish(by):
        raise NotAllowed(_("Only editors can unpublish articles."))
    return _save_status(article, to, by, before=article.stage)


def change_status(article, status, by):
    """Take `article` to `status` through the workflow step that leads there."""
    if status == article.status:
        return article
    if status == Article.Status.PUBLISHED:
        return publish(article, by, at=article.published_at)
    if article.status == Article.Status.PUBLISHED:
        return unpublish(article, by, to=status)
    if status == Article.Status.REVIEW:
        return submit_for_review(article, by)
    return return_to_draft(article, by)
