"""The workflow on ArticleAdmin's change page: the log of steps, sending a story back
with a note, the desk's internal notes, and messages that say what a save did."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import editing, notes, services
from .models import Article, Notification, Stage


def step_message(article, transition=None):
    """What a save did to the article's workflow, in words: "Đã gửi duyệt “…”."."""
    title = article.title
    to = transition.to_stage if transition else article.stage
    if to == Stage.SCHEDULED:
        moment = date_format(timezone.localtime(article.published_at), "H:i d-m-Y")
        return _("Scheduled to be published at %(time)s: “%(title)s”.") % {
            "time": moment,
            "title": title,
        }
    if transition is None:
        return None
    if to == Stage.REVIEW:
        return _("Submitted for review: “%(title)s”.") % {"title": title}
    if to == Stage.PUBLISHED:
        return _("Published: “%(title)s”.") % {"title": title}
    if transition.is_sent_back:
        return _("Sent the story back to the journalist: “%(title)s”.") % {"title": title}
    if transition.from_stage in (Stage.PUBLISHED, Stage.SCHEDULED):
        return _("Taken off the site: “%(title)s” is now %(stage)s.") % {
            "title": title,
            "stage": Stage(to).label.lower(),
        }
    return _("Moved back to draft: “%(title)s”.") % {"title": title}


class DeskAdminMixin:
    """The desk's side of an article: workflow log, send back, notes, notifications read."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/send-back/",
                view(self.send_back_view),
                name="articles_article_send_back",
            ),
            path(
                "<path:object_id>/notes/",
                view(require_POST(self.add_note_view)),
                name="articles_article_notes",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if object_id.isdigit():
            # Opening the article reads the notifications about it.
            Notification.objects.filter(
                recipient=request.user, article_id=object_id, read_at__isnull=True
            ).update(read_at=timezone.now())
        return super().change_view(request, object_id, form_url, extra_context)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None and obj.pk is not None and not context.get("is_popup"):
            context["desk"] = self._desk_context(request, obj)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _desk_context(self, request, article):
        steps = list(article.transitions.select_related("by"))
        latest = steps[0] if steps else None
        return {
            "steps": steps,
            "sent_back": latest
            if latest and latest.is_sent_back and article.status == Article.Status.DRAFT
            else None,
            "notes": list(notes.thread(article)),
            "can_note": notes.can_discuss(request.user, article),
            "can_send_back": services.can_publish(request.user)
            and article.status == Article.Status.REVIEW,
        }

    def save_form(self, request, form, change):
        article = super().save_form(request, form, change)
        article.desk_time_changed = "published_at" in form.changed_data
        return article

    def response_add(self, request, obj, post_url_continue=None):
        self._say_the_step(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._say_the_step(request, obj)
        return super().response_change(request, obj)

    def _say_the_step(self, request, article):
        # Read after save_related, where ArticleAdmin takes the workflow step.
        transition = getattr(article, "recorded_transition", None)
        moved = getattr(article, "desk_time_changed", False) and article.is_scheduled
        if transition is not None or moved:
            request.desk_message = step_message(article, transition)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        # The save's own words replace Django's "… was changed successfully".
        step = getattr(request, "desk_message", None)
        if step and level == messages.SUCCESS:
            request.desk_message = None
            message = step
        return super().message_user(request, message, level, *args, **kwargs)

    def _desk_article(self, request, object_id):
        article = self.get_object(request, object_id)
        if article is None:
            raise Http404(_("This article does not exist."))
        return article

    def _desk_form(self, request, article, *, action, field, title, error="", value="", status=200):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": title,
            "subtitle": str(article),
            "action": action,
            "field": field,
            "error": error,
            "value": value,
        }
        return TemplateResponse(
            request, "admin/articles/article/desk_form.html", context, status=status
        )

    def send_back_view(self, request, object_id):
        article = self._desk_article(request, object_id)
        if not services.can_publish(request.user):
            raise PermissionDenied
        action = reverse("admin:articles_article_send_back", args=[article.pk])
        title = _("Send back to the journalist")
        if request.method != "POST":
            return self._desk_form(request, article, action=action, field="note", title=title)
        note = request.POST.get("note", "")
        try:
            services.send_back(article, request.user, note)
        except ValidationError as error:
            return self._desk_form(
                request,
                article,
                action=action,
                field="note",
                title=title,
                error=error.messages[0],
                value=note,
                status=400,
            )
        except services.NotAllowed as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            # The editor is done with it: the journalist may open it to edit at once.
            editing.release(article, request.user, request.POST.get("page", "")[:64])
            self.message_user(
                request, step_message(article, article.recorded_transition), messages.SUCCESS
            )
            return redirect(reverse("admin:index"))
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))

    def add_note_view(self, request, object_id):
        article = self._desk_article(request, object_id)
        body = request.POST.get("body", "")
        try:
            notes.add_note(article, request.user, body)
        except ValidationError as error:
            action = reverse("admin:articles_article_notes", args=[article.pk])
            return self._desk_form(
                request,
                article,
                action=action,
                field="body",
                title=_("Add an internal note"),
                error=error.messages[0],
                value=body,
                status=400,
            )
        except services.NotAllowed as error:
            raise PermissionDenied(str(error)) from error
        self.message_user(request, _("Note added."), messages.SUCCESS)
        return redirect(reverse("admin:articles_article_change", args=[article.pk]) + "#desk-notes")
