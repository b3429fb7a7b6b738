"""Hand-placed stories at the top of the front page and of each section page.

A page's top slots are numbered from 1, the lead story. Editors place a story in
a slot, optionally until an end time; a slot whose story is not live (a draft,
scheduled for later, expired), whose end time has passed, or that nobody filled,
goes to the newest live story (curation.placement). Nothing runs at the end time:
the read query asks `ends_at > now`, and the page cache keeps no page past the
next end (newsroom.pagecache).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Section

# The front page's top: the lead story and the six cards beside it (articles.views).
FRONT_PAGE_SLOTS = 7
# A section page's top: the first cards of its list.
SECTION_PAGE_SLOTS = 4


class CuratedPage(models.Model):
    """The front page (no section) or one section's page."""

    section = models.OneToOneField(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="curated_page",
        help_text=_("Leave empty for the front page."),
    )

    class Meta:
        verbose_name = _("curated page")
        verbose_name_plural = _("curated pages")
        constraints = [
            # One front page: NULLs are distinct in a plain unique index.
            models.UniqueConstraint(
                Coalesce("section", Value(0)),
                name="one_curated_page_per_section",
                violation_error_message=_("This page already has its curated slots."),
            )
        ]

    def __str__(self):
        return self.section.name if self.section_id else str(_("Front page"))

    @property
    def slot_count(self):
        return SECTION_PAGE_SLOTS if self.section_id else FRONT_PAGE_SLOTS


class CuratedSlotQuerySet(models.QuerySet):
    def on_page(self, section):
        """The slots of `section`'s page, or of the front page for None."""
        if section is None:
            return self.filter(page__section__isnull=True)
        return self.filter(page__section=section)

    def current(self):
        """Slots whose end time, if any, is still to come."""
        return self.filter(Q(ends_at__isnull=True) | Q(ends_at__gt=timezone.now()))


class CuratedSlot(models.Model):
    page = models.ForeignKey(
        CuratedPage, verbose_name=_("page"), on_delete=models.CASCADE, related_name="slots"
    )
    position = models.PositiveSmallIntegerField(
        _("slot"),
        validators=[MinValueValidator(1)],
        help_text=_("1 is the lead story."),
    )
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="curated_slots",
        limit_choices_to={"status": Article.Status.PUBLISHED},
    )
    ends_at = models.DateTimeField(
        _("until"),
        null=True,
        blank=True,
        help_text=_("After this time the slot goes to the newest story; leave empty to keep it."),
    )

    objects = CuratedSlotQuerySet.as_manager()

    class Meta:
        ordering = ["page", "position"]
        verbose_name = _("curated slot")
        verbose_name_plural = _("curated slots")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "position"],
                name="one_story_per_curated_slot",
                violation_error_message=_("Two stories cannot share a slot."),
            ),
            models.UniqueConstraint(
                fields=["page", "article"],
                name="curated_story_once_per_page",
                violation_error_message=_("A story can hold only one slot of a page."),
            ),
        ]
        indexes = [
            # The page cache's next curated end (newsroom.pagecache).
            models.Index(
                fields=["ends_at"], condition=Q(ends_at__isnull=False), name="curated_slot_end"
            )
        ]

    def __str__(self):
        return f"{self.page} #{self.position}"

    def clean(self):
        if self.page_id and self.position and self.position > self.page.slot_count:
            raise ValidationError(
                {"position": _("This page has %(count)d slots.") % {"count": self.page.slot_count}}
            )
