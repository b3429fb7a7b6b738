from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from articles.models import Article

from .attachments import THUMBNAIL_BOX
from .pdf import preview_name

# `?trang-y-kien=3`: which page of an article's comments its page shows.
PAGE_PARAMETER = "trang-y-kien"


def comments_page_size():
    """How many comments an article page shows at once (COMMENTS_PAGE_SIZE)."""
    return getattr(settings, "COMMENTS_PAGE_SIZE", 50)


IMAGE_TYPES = {"image/jpeg", "image/png", "image/gif", "image/webp"}


class CommentQuerySet(models.QuerySet):
    def pending(self):
        """Comments waiting for a moderator, oldest first."""
        return self.filter(status=Comment.Status.PENDING).order_by("created_at", "pk")

    def approved(self):
        """Comments a moderator made public."""
        return self.filter(status=Comment.Status.APPROVED)

    def for_article_page(self, article):
        """The approved comments shown under `article`, oldest first, in one query."""
        return self.approved().filter(article=article).order_by("created_at", "pk")

    def sent_from(self, email):
        """Everything sent from `email`, whatever the case of its letters, oldest first."""
        return (
            self.alias(email_key=Lower("email"))
            .filter(email_key=email.strip().lower())
            .order_by("created_at", "pk")
        )

    def keeping_ip_since(self, cutoff):
        """Comments sent at or before `cutoff` that still hold the reader's IP address."""
        return self.filter(ip_address__isnull=False, created_at__lte=cutoff)

    def keeping_rejected_files_since(self, cutoff):
        """Rejected and spam comments, decided at or before `cutoff`, whose files are still kept."""
        return self.filter(REJECTED_WITH_FILES, moderated_at__lte=cutoff)


# The rows the retention indexes below cover; the queries above use the same terms.
REJECTED_WITH_FILES = models.Q(status__in=["rejected", "spam"]) & ~models.Q(attachment="")


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(
        Article, verbose_name=_("article"), on_delete=models.CASCADE, related_name="comments"
    )
    name = models.CharField(_("name"), max_length=80)
    email = models.EmailField(_("email"))
    body = models.TextField(_("comment text"))
    original_body = models.TextField(
        _("reader's original text"),
        blank=True,
        help_text=_("What the reader wrote, kept when a moderator edits the text."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="moderated_comments",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    # The file lives in storages["attachments"] under a random name; these
    # fields describe it so pages show it without opening the storage.
    attachment = models.CharField(_("stored file"), max_length=255, blank=True, editable=False)
    attachment_thumbnail = models.CharField(
        _("stored thumbnail"), max_length=255, blank=True, editable=False
    )
    attachment_name = models.CharField(_("file name"), max_length=255, blank=True)
    attachment_type = models.CharField(_("file type"), max_length=40, blank=True)
    attachment_size = models.PositiveBigIntegerField(_("file size"), null=True, blank=True)
    attachment_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    attachment_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    # A PDF is stored rebuilt, with a preview picture of each page beside it (pdf.preview_name).
    attachment_pages = models.PositiveSmallIntegerField(
        _("pages"), null=True, blank=True, editable=False
    )
    attachment_removed_at = models.DateTimeField(
        _("file deleted at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The files of a rejected comment are deleted after the retention period."),
    )

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("reader comment")
        verbose_name_plural = _("reader comments")
        permissions = [
            ("moderate_comment", _("Can approve, reject and edit reader comments")),
            ("manage_reader_data", _("Can export and erase the personal data of a reader")),
        ]
        indexes = [
            models.Index(fields=["article", "status", "created_at"], name="comment_article_status"),
            models.Index(fields=["status", "created_at"], name="comment_queue"),
            # Retention: once pruned, these hold only the rows still to be pruned,
            # so each pass costs the same on a million comments as on a thousand.
            models.Index(
                fields=["created_at"],
                condition=models.Q(ip_address__isnull=False),
                name="comment_ip_kept",
            ),
            models.Index(
                fields=["moderated_at"], condition=REJECTED_WITH_FILES, name="comment_files_kept"
            ),
            models.Index(Lower("email"), name="comment_email_lower"),
            # The moderators' "all comments" list, oldest first (CommentAdmin.ordering).
            models.Index(fields=["created_at", "id"], name="comment_created"),
        ]

    def __str__(self):
        return Truncator(self.body).chars(60)

    def get_absolute_url(self):
        """The comment on its article page, on the page of comments that shows it."""
        earlier = (
            Comment.objects.for_article_page(self.article_id)
            .filter(
                Q(created_at__lt=self.created_at) | Q(created_at=self.created_at, pk__lt=self.pk)
            )
            .count()
        )
        page = earlier // comments_page_size() + 1
        query = f"?{PAGE_PARAMETER}={page}" if page > 1 else ""
        return f"{self.article.get_absolute_url()}{query}#y-kien-{self.pk}"

    def stored_files(self):
        """Names of every file this comment keeps in storages["attachments"].

        The attachment, its thumbnail and a PDF's page previews: deleting a comment,
        pruning and erasing all delete exactly these; a new kind of stored file is
        added here and in forget_stored_files().
        """
        if not self.attachment:
            return []
        pages = range(1, (self.attachment_pages or 0) + 1)
        previews = [preview_name(self.attachment, number) for number in pages]
        return [name for name in (self.attachment, self.attachment_thumbnail, *previews) if name]

    def forget_stored_files(self):
        """Blank the fields naming stored files; return {field: blank value}, for an update()."""
        blanks = {"attachment": "", "attachment_thumbnail": "", "attachment_pages": None}
        for field, blank in blanks.items():
            setattr(self, field, blank)
        return blanks

    @property
    def has_attachment(self):
        return bool(self.attachment)

    @property
    def attachment_is_image(self):
        return self.attachment_type in IMAGE_TYPES

    @property
    def attachment_url(self):
        return reverse("comments:attachment", kwargs={"pk": self.pk})

    @property
    def thumbnail_url(self):
        if not self.attachment_thumbnail:
            return self.attachment_url
        return reverse("comments:thumbnail", kwargs={"pk": self.pk})

    @property
    def thumbnail_size(self):
        """(width, height) of the picture shown on the article page."""
        width, height = self.attachment_width or 0, self.attachment_height or 0
        scale = min(1, THUMBNAIL_BOX[0] / max(width, height, 1))
        return round(width * scale) or None, round(height * scale) or None

    @property
    def page_previews(self):
        """(page number, URL of its preview) for each page of a PDF attachment."""
        return [
            (number, reverse("comments:page_preview", kwargs={"pk": self.pk, "page": number}))
            for number in range(1, (self.attachment_pages or 0) + 1)
        ]

    @property
    def is_approved(self):
        return self.status == self.Status.APPROVED


class PostCounter(models.Model):
    """Comment posts from one address (an IPv6 /64) in its current window (comments.ratelimit)."""

    key = models.CharField(_("address"), max_length=64, unique=True)
    window_started = models.DateTimeField(_("window started"), db_index=True)
    count = models.PositiveIntegerField(_("posts"), default=1)

    class Meta:
        verbose_name = _("comment post counter")
        verbose_name_plural = _("comment post counters")

    def __str__(self):
        return f"{self.key}: {self.count}"
