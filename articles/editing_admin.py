"""The article change page's edit lock and autosave: what the page is told, and the
small JSON endpoints its script (static/js/article-editing.js) calls."""

import secrets

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import editing, services
from .models import Article


def _forbidden(error):
    return JsonResponse({"error": str(error)}, status=403)


def _too_large():
    limit = settings.ARTICLE_AUTOSAVE_MAX_BYTES
    message = _("This draft is too large to be kept (at most %(mb)d MB).")
    return message % {"mb": limit // (1024 * 1024)}


def _page_id(request):
    """The page token the script posts back (bounded: it is only compared)."""
    return request.POST.get("page", "")[:64]


class EditingAdminMixin:
    """Edit locks and autosave for ArticleAdmin's add and change pages."""

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("editing/session/", view(self.editing_session_view), name=f"{name}_session"),
            path("autosave/", view(self.autosave_view), name=f"{name}_autosave_new"),
            path("autosave/discard/", view(self.discard_view), name=f"{name}_autosave_discard_new"),
            path("<path:object_id>/autosave/", view(self.autosave_view), name=f"{name}_autosave"),
            path(
                "<path:object_id>/autosave/discard/",
                view(self.discard_view),
                name=f"{name}_autosave_discard",
            ),
            path("<path:object_id>/lock/", view(self.heartbeat_view), name=f"{name}_lock"),
            path(
                "<path:object_id>/lock/take-over/",
                view(self.take_over_view),
                name=f"{name}_lock_take_over",
            ),
            path(
                "<path:object_id>/lock/release/",
                view(self.release_view),
                name=f"{name}_lock_release",
            ),
            *super().get_urls(),
        ]

    # The change page

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if not context.get("is_popup"):
            context["editing"] = self._editing_context(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _editing_context(self, request, article):
        user = request.user
        if article is None:
            allowed = user.has_perm("articles.add_article")
        else:
            allowed = editing.may_edit(user, article)
        if not allowed:
            return None
        page = secrets.token_urlsafe(16)
        lock = editing.acquire(article, user, page) if article is not None else None
        other = lock if editing.held_by_other(lock, user) else None
        name = f"admin:{self.opts.app_label}_{self.opts.model_name}"
        if article is None:
            urls = {
                "autosave": reverse(f"{name}_autosave_new"),
                "discard": reverse(f"{name}_autosave_discard_new"),
            }
        else:
            urls = {
                key: reverse(f"{name}_{suffix}", args=[article.pk])
                for key, suffix in [
                    ("autosave", "autosave"),
                    ("discard", "autosave_discard"),
                    ("heartbeat", "lock"),
                    ("takeOver", "lock_take_over"),
                    ("release", "lock_release"),
                ]
            }
        urls["session"] = reverse(f"{name}_session")
        offer = None if other else editing.recovery_offer(user, article)
        if offer:
            saved = offer["autosave"]
            offer["draft"] = {"title": saved.title, "lead": saved.lead, "body": saved.body}
        return {
            "lock_notice": editing.lock_notice(other) if other else "",
            "take_over_url": urls.get("takeOver"),
            "offer": offer,
            "login_url": reverse("admin:login") + "?next=" + reverse("admin:index"),
            "config": {
                "page": page,
                "readOnly": other is not None,
                "urls": urls,
                # The copy kept in the browser when the server cannot take it: per
                # person, so another account on the same browser never gets it.
                "storageKey": f"newsroom-autosave:{user.pk}:{article.pk if article else 'new'}",
                "heartbeatSeconds": settings.ARTICLE_LOCK_HEARTBEAT_SECONDS,
                "autosaveDelaySeconds": settings.ARTICLE_AUTOSAVE_DELAY_SECONDS,
                "maxBytes": settings.ARTICLE_AUTOSAVE_MAX_BYTES,
                "texts": {
                    "offline": _(
                        "The server cannot be reached. Your text is kept in this browser "
                        "and will be sent when it can be."
                    ),
                    "loggedInAgain": _(
                        "You are logged in again. Your text was kept on the server; you can save."
                    ),
                    "restored": _("The draft is back in the form. Check it, then save."),
                    "editingNow": _("You are editing this article now."),
                    "tooLarge": _too_large(),
                },
            },
        }

    # Called only after a successful save, whatever the save path did: the copy
    # kept while typing has done its job.
    def response_add(self, request, obj, post_url_continue=None):
        editing.discard_autosave(request.user, None)
        editing.discard_autosave(request.user, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        editing.discard_autosave(request.user, obj)
        return super().response_change(request, obj)

    # Endpoints

    def _editable_article(self, request, object_id):
        """The article of the URL if the user may see it (who may edit it is the services')."""
        if object_id is None:
            return None
        # A heartbeat comes every 30 s from every open page: no joins, no byline.
        visible = Article.objects.visible_to(request.user).only("pk", "status", "created_by")
        article = visible.filter(pk=object_id).first() if str(object_id).isdigit() else None
        if article is None:
            raise Http404(_("This article does not exist."))
        return article

    @staticmethod
    def _wants_json(request):
        return "application/json" in request.headers.get("Accept", "")

    @method_decorator(require_POST)
    def heartbeat_view(self, request, object_id):
        article = self._editable_article(request, object_id)
        try:
            lock = editing.heartbeat(article, request.user, _page_id(request))
        except services.NotAllowed as error:
            return _forbidden(error)
        if editing.held_by_other(lock, request.user):
            return JsonResponse({"state": "lost", "message": editing.taken_over_notice(lock)})
        return JsonResponse({"state": "held"})

    @method_decorator(require_POST)
    def take_over_view(self, request, object_id):
        article = self._editable_article(request, object_id)
        try:
            editing.acquire(article, request.user, _page_id(request), take_over=True)
        except services.NotAllowed as error:
            return _forbidden(error)
        if self._wants_json(request):
            return JsonResponse({"state": "held"})
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))

    @method_decorator(require_POST)
    def release_view(self, request, object_id):
        article = self._editable_article(request, object_id)
        editing.release(article, request.user, _page_id(request))
        return HttpResponse(status=204)

    @method_decorator(require_POST)
    def autosave_view(self, request, object_id=None):
        limit = settings.ARTICLE_AUTOSAVE_MAX_BYTES
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = limit + 1
        if length > limit:
            # Refused on its declared length, before the fields are used. (The CSRF
            # check has parsed them: Django's DATA_UPLOAD_MAX_MEMORY_SIZE bounds that.)
            return JsonResponse({"error": _too_large()}, status=413)
        article = self._editable_article(request, object_id)
        base = request.POST.get("loaded_revision", "")
        try:
            saved = editing.autosave(
                request.user,
                article,
                title=request.POST.get("title", ""),
                lead=request.POST.get("lead", ""),
                body=request.POST.get("body", ""),
                base_revision_id=int(base) if base.isdigit() else None,
            )
        except services.NotAllowed as error:
            return _forbidden(error)
        moment = date_format(timezone.localtime(saved.saved_at), "H:i:s")
        return JsonResponse({"message": _("Draft copy kept at %(time)s.") % {"time": moment}})

    @method_decorator(require_POST)
    def discard_view(self, request, object_id=None):
        article = self._editable_article(request, object_id)
        editing.discard_autosave(request.user, article)
        if self._wants_json(request):
            return JsonResponse({"state": "discarded"})
        if article is None:
            return redirect(reverse("admin:articles_article_add"))
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))

    @method_decorator(require_GET)
    def editing_session_view(self, request):
        """Answers only to a logged-in person: a page whose session expired asks it
        whether its person has logged in again, and gets the new CSRF token."""
        return JsonResponse({"token": get_token(request)})
