from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Acknowledgement(models.Model):
    """An editor's word that the errors found in an article are meant, or may stand.

    `fingerprints` names the findings acknowledged (see acknowledgements.fingerprint),
    so an error that appears later is not covered and needs an acknowledgement of its own.
    """

    article = models.ForeignKey(
        "articles.Article",
        on_delete=models.CASCADE,
        related_name="proofreading_acknowledgements",
        verbose_name=_("article"),
    )
    fingerprints = models.JSONField(_("findings acknowledged"), default=list)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), auto_now_add=True)

    class Meta:
        ordering = ["-acknowledged_at", "-pk"]
        verbose_name = _("acknowledgement of editorial errors")
        verbose_name_plural = _("acknowledgements of editorial errors")

    def __str__(self):
        return f"{self.article_id} / {self.acknowledged_by} / {self.acknowledged_at:%Y-%m-%d %H:%M}"
