"""The article admin's history: the list of revisions, comparing two, restoring one,
and the refusal of a save made from a form someone has since saved over."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import revisions, services
from .models import ArticleRevision

HISTORY_PAGE_SIZE = 50

STALE_MESSAGE = gettext_lazy(
    "Someone else saved this article after you opened it. Nothing was saved: your text is "
    "still in the form below. Their changes are shown above it; merge them by hand and save again."
)


class ConflictCheckForm(forms.ModelForm):
    """Carries the revision the form was loaded from; refuses to save over a newer one."""

    loaded_revision = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None
        if self.instance.pk is not None:
            current = revisions.latest(self.instance.pk)
            self.fields["loaded_revision"].initial = current.pk if current else ""

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        try:
            # Runs inside the admin's transaction: the row stays locked until the save ends.
            current = revisions.check_current(self.instance.pk, cleaned.get("loaded_revision"))
        except revisions.StaleEdit as stale:
            self.conflict = revisions.compare(stale.started, stale.current)
            # The next save, after merging by hand, is made from the current version.
            self.data = self.data.copy()
            self.data[self.add_prefix("loaded_revision")] = str(stale.current.pk)
            raise ValidationError(STALE_MESSAGE, code="stale") from None
        # If another rule refuses this save, the form shown again stands for `current`:
        # the first save of an article without history has just made it (its baseline).
        self.data = self.data.copy()
        self.data[self.add_prefix("loaded_revision")] = str(current.pk)
        return cleaned


class RevisionAdminMixin:
    """History, compare and restore pages for ArticleAdmin."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        return type(form_class.__name__, (ConflictCheckForm, form_class), {})

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/history/compare/",
                view(self.compare_view),
                name=f"{name}_compare",
            ),
            path(
                "<path:object_id>/history/<int:revision_id>/restore/",
                view(self.restore_view),
                name=f"{name}_restore",
            ),
            *super().get_urls(),
        ]

    def _article_or_404(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404(_("This article does not exist."))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article

    def _context(self, request, article, title, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": title,
            "subtitle": str(article),
            "can_restore": services.can_edit(request.user, article),
            **extra,
        }

    def history_view(self, request, object_id, extra_context=None):
        article = self._article_or_404(request, object_id)
        history = Paginator(article.revisions.for_history(), HISTORY_PAGE_SIZE)
        context = self._context(
            request, article, _("History of “%(article)s”") % {"article": article}
        )
        context["page"] = history.get_page(request.GET.get("p"))
        context["revisions"] = context["page"].object_list
        context["current"] = revisions.latest(article.pk)
        return TemplateResponse(request, "admin/articles/article/revision_history.html", context)

    def compare_view(self, request, object_id):
        article = self._article_or_404(request, object_id)
        history = article.revisions.all()
        chosen = [request.GET.get("a", ""), request.GET.get("b", "")]
        if not all(chosen):
            # Without a choice: the newest save against the one before it.
            chosen = [revision.pk for revision in history.saved()[:2]][::-1]
            if len(chosen) < 2:
                return redirect(reverse("admin:articles_article_history", args=[article.pk]))
        if not all(str(pk).isdigit() for pk in chosen):
            raise Http404(_("This version does not exist."))
        found = history.in_bulk([int(pk) for pk in chosen])
        if len(found) < len({int(pk) for pk in chosen}):
            raise Http404(_("This version does not exist."))
        older, newer = sorted((found[int(pk)] for pk in chosen), key=lambda revision: revision.pk)
        context = self._context(request, article, _("Compare versions"))
        context["changes"] = revisions.compare(older, newer)
        return TemplateResponse(request, "admin/articles/article/revision_compare.html", context)

    def restore_view(self, request, object_id, revision_id):
        article = self._article_or_404(request, object_id)
        # A correction goes live through its review page, not through a restore.
        revision = get_object_or_404(
            ArticleRevision.objects.saved(), pk=revision_id, article=article
        )
        if not services.can_edit(request.user, article):
            raise PermissionDenied
        if request.method == "POST":
            try:
                revisions.restore(revision, request.user)
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request, _("The version was restored as a new revision."), messages.SUCCESS
                )
                return redirect(reverse("admin:articles_article_history", args=[article.pk]))
        current = revisions.latest(article.pk)
        context = self._context(request, article, _("Restore this version?"))
        context["revision"] = revision
        context["changes"] = revisions.compare(current, revision) if current else None
        return TemplateResponse(request, "admin/articles/article/revision_restore.html", context)
