"""The editorial checks in the article admin: the checklist, its refresh, fixes, acknowledgements.

A one-click fix is a normal save of the change form: the button submits the
form with the finding's fingerprint, and the form applies the suggestion to
the text it carries. So the fix is validated, refused when out of date,
permission-checked and recorded in history like any other edit.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseNotAllowed, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _

from .acknowledgements import acknowledge, acknowledged, can_acknowledge, fingerprint
from .findings import ERROR
from .fixes import FixNotApplicable, apply_fix
from .review import review

FIX_FIELD = "_proofreading_fix"
TEXT_FIELDS = ("title", "lead", "body")
# A 3,000-word article is about 25,000 characters of HTML; this is room for forty.
MAX_CHECKED_CHARS = 1_000_000


class ProofreadingFormMixin:
    """Applies the one-click fix named in the submitted form to the text it carries."""

    def clean(self):
        cleaned = super().clean()
        self.proofreading_fix = None
        key = self.data.get(FIX_FIELD)
        if not key or any(name not in cleaned for name in TEXT_FIELDS):
            return cleaned
        texts = [cleaned[name] or "" for name in TEXT_FIELDS]
        self.proofreading_fix = False
        for finding in review(*texts):
            if finding.suggestion and fingerprint(finding) == key:
                try:
                    fixed = apply_fix(*texts, finding)
                except FixNotApplicable:
                    continue
                cleaned.update(zip(TEXT_FIELDS, fixed, strict=True))
                self.proofreading_fix = finding
                break
        return cleaned


def checklist(request, article, texts, *, has_cover, can_fix, checked=True):
    """The checklist's template context for `texts` (headline, lead, body) of `article`.

    An empty add form is not `checked`: its findings would only say it is empty.
    """
    covered = acknowledged(article) if article is not None else {}
    items, pending = [], []
    for finding in review(*texts, has_cover=has_cover) if checked else []:
        key = fingerprint(finding)
        acknowledgement = covered.get(key) if finding.severity == ERROR else None
        if finding.severity == ERROR and acknowledgement is None:
            pending.append(key)
        items.append({"finding": finding, "fingerprint": key, "acknowledgement": acknowledgement})
    return {
        "checked": checked,
        "items": items,
        "errors": sum(item["finding"].severity == ERROR for item in items),
        "warnings": sum(item["finding"].severity != ERROR for item in items),
        "pending": pending,
        "can_fix": can_fix,
        "can_acknowledge": article is not None and can_acknowledge(request.user),
        "refresh_url": _url("proofreading_checklist", article),
        "acknowledge_url": _url("proofreading_acknowledge", article) if article else "",
    }


def _url(name, article):
    if article is None:
        return reverse(f"admin:articles_article_{name}_add")
    return reverse(f"admin:articles_article_{name}", args=[article.pk])


class ProofreadingAdminMixin:
    """The editorial checklist on ArticleAdmin's change form."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        return type(form_class.__name__, (ProofreadingFormMixin, form_class), {})

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path(
                "proofreading/",
                view(self.proofreading_checklist_view),
                name=f"{name}_proofreading_checklist_add",
            ),
            path(
                "<path:object_id>/proofreading/",
                view(self.proofreading_checklist_view),
                name=f"{name}_proofreading_checklist",
            ),
            path(
                "<path:object_id>/proofreading/acknowledge/",
                view(self.proofreading_acknowledge_view),
                name=f"{name}_proofreading_acknowledge",
            ),
            *super().get_urls(),
        ]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        if form.is_bound:
            texts = [form.data.get(form.add_prefix(name), "") for name in TEXT_FIELDS]
        else:
            texts = [getattr(obj, name, "") or "" for name in TEXT_FIELDS]
        context["proofreading"] = checklist(
            request,
            obj,
            texts,
            has_cover=bool(form.instance.cover_image),
            can_fix=self.has_change_permission(request, obj),
            checked=obj is not None or form.is_bound,
        )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        applied = getattr(form, "proofreading_fix", None)
        if applied:
            suggestion = applied.suggestion
            self.message_user(
                request,
                _("Fix applied: “%(old)s” → “%(new)s”.")
                % {"old": suggestion.old, "new": suggestion.new},
                messages.SUCCESS,
            )
        elif applied is False:
            self.message_user(
                request,
                _("The suggested fix no longer matches the text; the rest of the form was saved."),
                messages.WARNING,
            )

    def response_change(self, request, obj):
        if FIX_FIELD in request.POST:
            # After a fix the editor stays on the article, as with "Save and continue".
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if FIX_FIELD in request.POST:
            request.POST = request.POST.copy()
            request.POST["_continue"] = "1"
        return super().response_add(request, obj, post_url_continue)

    def proofreading_checklist_view(self, request, object_id=None):
        """The checklist for the headline, lead and body posted (by autosave, for one)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._proofreading_article(request, object_id)
        if article is None and not self.has_add_permission(request):
            raise PermissionDenied
        texts = [request.POST.get(name, "") for name in TEXT_FIELDS]
        if sum(len(text) for text in texts) > MAX_CHECKED_CHARS:
            return JsonResponse({"error": _("This text is too long to check.")}, status=413)
        has_cover = request.POST.get("has_cover")
        context = checklist(
            request,
            article,
            texts,
            has_cover=bool(article and article.cover_image)
            if has_cover is None
            else has_cover == "1",
            can_fix=self.has_change_permission(request, article),
        )
        html = render_to_string(
            "proofreading/article_checklist.html", {"proofreading": context}, request
        )
        return JsonResponse(
            {
                "html": html,
                "errors": context["errors"],
                "unacknowledged": len(context["pending"]),
                "warnings": context["warnings"],
            }
        )

    def proofreading_acknowledge_view(self, request, object_id):
        """An editor acknowledges the errors the checklist showed.

        The checklist's script posts the text in the form too and asks for JSON,
        so nothing typed is lost; without it, the page reloads.
        """
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._proofreading_article(request, object_id)
        if not (can_acknowledge(request.user) and self.has_change_permission(request, article)):
            raise PermissionDenied
        findings = None
        if all(name in request.POST for name in TEXT_FIELDS):
            texts = [request.POST[name] for name in TEXT_FIELDS]
            if sum(len(text) for text in texts) > MAX_CHECKED_CHARS:
                return JsonResponse({"error": _("This text is too long to check.")}, status=413)
            findings = review(*texts)
        done = acknowledge(
            article, request.user, request.POST.getlist("fingerprint"), findings=findings
        )
        if request.headers.get("Accept") == "application/json":
            return JsonResponse({"acknowledged": len(done.fingerprints) if done else 0})
        if done:
            self.message_user(
                request,
                _("The errors were acknowledged; the article may be published."),
                messages.SUCCESS,
            )
        else:
            self.message_user(
                request, _("There was no error left to acknowledge."), messages.WARNING
            )
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))

    def _proofreading_article(self, request, object_id):
        if object_id is None:
            return None
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404(_("This article does not exist."))
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return article
