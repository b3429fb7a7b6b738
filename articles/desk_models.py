"""The desk's own records about an article: its workflow steps, internal notes and
the notifications they send. Readers never read any of them (imported by models.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    """Where an article stands in the workflow: its status, with "scheduled" apart."""

    DRAFT = "draft", _("Draft")
    REVIEW = "review", _("In review")
    SCHEDULED = "scheduled", _("Scheduled")
    PUBLISHED = "published", _("Published")


class ArticleTransitionQuerySet(models.QuerySet):
    def sent_back(self):
        """Steps that returned an article in review to its writers, with a note."""
        return self.filter(from_stage=Stage.REVIEW, to_stage=Stage.DRAFT).exclude(note="")


class ArticleTransition(models.Model):
    """One workflow step of an article: who took it, when, from where to where, and why.

    Written only by articles.services (the code that changes an article's status).
    """

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="transitions",
    )
    from_stage = models.CharField(_("from"), max_length=10, choices=Stage.choices)
    to_stage = models.CharField(_("to"), max_length=10, choices=Stage.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.TextField(_("note"), blank=True)

    objects = ArticleTransitionQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        indexes = [models.Index(fields=["article", "-at", "-id"], name="transition_latest")]

    def __str__(self):
        return f"{self.article_id}: {self.from_stage} → {self.to_stage}"

    @property
    def is_sent_back(self):
        return self.from_stage == Stage.REVIEW and self.to_stage == Stage.DRAFT and bool(self.note)


class ArticleNote(models.Model):
    """A message between desk members about one article. Written by articles.notes."""

    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="desk_notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")

    def __str__(self):
        return self.body[:60]


class NotificationQuerySet(models.QuerySet):
    def for_user(self, user):
        """`user`'s notifications, unread first, then newest first."""
        return self.filter(recipient=user).order_by(
            models.F("read_at").desc(nulls_first=True), "-created_at", "-pk"
        )

    def unread(self):
        """Notifications not opened yet."""
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """Something a desk member should know: a story submitted to them, or sent back.

    Written by articles.notifications; shown on the admin's first page and e-mailed.
    """

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        SENT_BACK = "sent_back", _("Sent back")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="desk_notifications",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    article = models.ForeignKey(
        "articles.Article",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("from"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(
                fields=["recipient", "article"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            )
        ]

    def __str__(self):
        return f"{self.recipient_id}: {self.kind} {self.article_id}"
