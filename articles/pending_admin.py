"""Corrections to published articles in the admin.

A journalist's save of their published article, or an editor's "save as pending",
becomes a correction (articles.revisions.save_pending) instead of changing the live
article. Editors find the corrections in a list and on the article list's filter,
see each one's diff against the live version, and publish or reject it.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import revisions, services
from .models import Article, ArticleRevision, Tag

CORRECTION_SENT = gettext_lazy("The correction was sent to the editors for review.")


class PendingCorrectionFilter(admin.SimpleListFilter):
    title = gettext_lazy("corrections")
    parameter_name = "correction"

    def lookups(self, request, model_admin):
        return [("pending", gettext_lazy("Has a correction awaiting review"))]

    def queryset(self, request, queryset):
        if self.value() == "pending":
            return queryset.with_pending_corrections()
        return queryset


def own_correction(request, article):
    """The user's own correction to `article` that still waits, or None (asked once per request)."""
    if article is None or article.pk is None or article.status != Article.Status.PUBLISHED:
        return None
    cache = request.__dict__.setdefault("_own_corrections", {})
    if article.pk not in cache:
        cache[article.pk] = (
            ArticleRevision.objects.pending()
            .filter(article_id=article.pk, created_by_id=request.user.pk)
            .last()
        )
    return cache[article.pk]


def form_initial(correction):
    """The change form's values as the correction left them (the byline stays the live one)."""
    content = correction.content
    initial = {name: content[name] for name in ("title", "lead", "body")}
    initial.update(cover_caption=content["cover_caption"], cover_alt=content["cover_alt"])
    initial["section"] = content["section"]["id"] if content["section"] else None
    # A tag the correction names but nobody has made yet is shown by its name:
    # it is created when an editor publishes the correction.
    known = dict(Tag.objects.filter(name__in=content["tags"]).values_list("name", "pk"))
    initial["tags"] = [known.get(name, name) for name in content["tags"]]
    return initial


def byline_of(formsets):
    """The authors a valid byline formset asks for, in the order the page will show them."""
    rows = []
    for formset in formsets:
        if formset.model._meta.model_name != "articleauthor":
            continue
        for index, data in enumerate(formset.cleaned_data):
            if data.get("author") and not data.get("DELETE"):
                rows.append((data.get("position") or 0, index, data["author"]))
    return [author for _position, _index, author in sorted(rows, key=lambda row: row[:2])]


class PendingCorrectionAdminMixin:
    """For ArticleAdmin: saving corrections, their list, and the review page."""

    def saves_correction(self, request, obj):
        """True when this save of a published article waits for an editor instead of going live."""
        if "_saves_correction" not in request.__dict__:
            stored = Article.objects.filter(pk=obj.pk).values_list("status", flat=True).first()
            request._saves_correction = stored == Article.Status.PUBLISHED and (
                not services.can_publish(request.user) or "_save_pending" in request.POST
            )
        return request._saves_correction

    def save_correction(self, request, form, formsets):
        request._correction = revisions.save_pending(
            form.instance,
            request.user,
            authors=byline_of(formsets),
            tags=form.cleaned_data.get("tags") or [],
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        correction = own_correction(request, obj) if request.method == "GET" else None
        if correction is None:
            return form_class
        initial = form_initial(correction)

        class CorrectionForm(form_class):
            def __init__(self, *args, **form_kwargs):
                form_kwargs["initial"] = {**initial, **(form_kwargs.get("initial") or {})}
                super().__init__(*args, **form_kwargs)

        return CorrectionForm

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.status == Article.Status.PUBLISHED:
            context.update(self._correction_context(request, obj))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _correction_context(self, request, article):
        correction = own_correction(request, article)
        current = revisions.latest(article.pk)
        can_publish = services.can_publish(request.user)
        others = (
            ArticleRevision.objects.pending()
            .filter(article_id=article.pk)
            .select_related("created_by")
            .defer("content")
        )
        return {
            "rejected_correction": None if correction else self._just_rejected(request, current),
            "correction_form": services.can_correct(request.user, article),
            "correction_choice": can_publish,
            "own_correction": correction,
            "own_correction_changes": (
                revisions.compare(current, correction) if correction and current else None
            ),
            "corrections_waiting": list(others.exclude(pk=getattr(correction, "pk", None)))
            if can_publish
            else [],
        }

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "_correction", None) is not None:
            return str(CORRECTION_SENT)  # The formsets saved nothing to describe.
        return super().construct_change_message(request, form, formsets, add)

    def _just_rejected(self, request, current):
        """The user's newest correction, if an editor rejected it and nobody saved since."""
        if current is None:
            return None
        newest = (
            ArticleRevision.objects.filter(article_id=current.article_id, created_by=request.user)
            .exclude(state=ArticleRevision.State.SAVED)
            .select_related("reviewed_by")
            .defer("content")
            .first()
        )
        if newest and newest.state == ArticleRevision.State.REJECTED:
            return newest if newest.reviewed_at >= current.created_at else None
        return None

    def response_change(self, request, obj):
        if getattr(request, "_correction", None) is None:
            return super().response_change(request, obj)
        self.message_user(request, CORRECTION_SENT, messages.SUCCESS)
        if "_continue" in request.POST:
            return redirect(reverse("admin:articles_article_change", args=[obj.pk]))
        return redirect(reverse("admin:articles_article_changelist"))

    def changelist_view(self, request, extra_context=None):
        if services.can_publish(request.user):
            count = ArticleRevision.objects.pending().count()
            extra_context = {**(extra_context or {}), "corrections_count": count}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("corrections/", view(self.corrections_view), name="articles_article_corrections"),
            path(
                "<path:object_id>/corrections/<int:revision_id>/",
                view(self.correction_view),
                name="articles_article_correction",
            ),
            *super().get_urls(),
        ]

    def corrections_view(self, request):
        if not services.can_publish(request.user):
            raise PermissionDenied
        waiting = (
            ArticleRevision.objects.pending()
            .select_related("article", "created_by")
            .only(
                "created_at",
                "article__title",
                "created_by__username",
                "created_by__first_name",
                "created_by__last_name",
            )
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Corrections awaiting review"),
            "corrections": waiting,
        }
        return TemplateResponse(request, "admin/articles/article/correction_list.html", context)

    def correction_view(self, request, object_id, revision_id):
        article = self._article_or_404(request, object_id)
        correction = get_object_or_404(
            ArticleRevision.objects.exclude(state=ArticleRevision.State.SAVED),
            pk=revision_id,
            article=article,
        )
        can_decide = services.can_publish(request.user)
        if not (can_decide or correction.created_by_id == request.user.pk):
            raise PermissionDenied
        if request.method == "POST" and can_decide:
            response = self._decide(request, correction)
            if response is not None:
                return response
        current = revisions.latest(article.pk)
        context = self._context(request, article, _("Correction to a published article"))
        context.update(
            correction=correction,
            can_decide=can_decide and correction.is_pending,
            outdated=bool(current and correction.based_on_id not in (None, current.pk)),
            changes=revisions.compare(current, correction) if current else None,
        )
        return TemplateResponse(request, "admin/articles/article/correction_review.html", context)

    def _decide(self, request, correction):
        """Publish or reject from the review page's POST; None to show the page again."""
        try:
            if "_publish" in request.POST:
                revisions.publish_pending(correction, request.user)
                done = _("The correction was published: readers see it now.")
            else:
                revisions.reject_pending(correction, request.user, request.POST.get("note", ""))
                done = _("The correction was rejected. It stays in the article's history.")
        except revisions.StaleEdit:
            self.message_user(
                request,
                _(
                    "The article changed after this correction was written: publishing it "
                    "would undo that change. Reject it, or make the change in the article form."
                ),
                messages.ERROR,
            )
            return None
        except ValidationError as error:
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
            return None
        self.message_user(request, done, messages.SUCCESS)
        return redirect(reverse("admin:articles_article_corrections"))
