"""Telling the desk: a story submitted to the editors, a story sent back to its journalists.

Each person gets a notification in the admin (its first page) and an e-mail, sent by
the worker (articles.tasks) once the step is committed.
"""

from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .models import ArticleAuthor, Notification


def editors():
    """Active users who may publish: the editors (and superusers)."""
    permission = Permission.objects.get(
        content_type__app_label="articles", codename="publish_article"
    )
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True)
        .filter(
            Q(is_superuser=True)
            | Q(groups__permissions=permission)
            | Q(user_permissions=permission)
        )
        .distinct()
    )


def journalists_of(article):
    """Active staff who wrote `article`: its creator and those credited in its byline."""
    credited = ArticleAuthor.objects.filter(article_id=article.pk).values("author__user_id")
    return get_user_model().objects.filter(
        Q(pk=article.created_by_id) | Q(pk__in=credited), is_active=True, is_staff=True
    )


def submitted(article, by):
    """Tell the editors that `by` submitted `article` for review."""
    _notify(editors(), Notification.Kind.SUBMITTED, article, by)


def sent_back(article, by, note):
    """Tell the journalists of `article` that `by` sent it back, with the note."""
    _notify(journalists_of(article), Notification.Kind.SENT_BACK, article, by, note)


def _notify(recipients, kind, article, actor, note=""):
    rows = Notification.objects.bulk_create(
        Notification(recipient=user, kind=kind, article=article, actor=actor, note=note)
        for user in recipients.exclude(pk=actor.pk)
    )
    if rows:
        from .tasks import email_notifications

        ids = [row.pk for row in rows]
        # After the commit: a step that fails sends nothing, and a slow mail server
        # never holds the editor's request.
        transaction.on_commit(partial(email_notifications.enqueue, ids), robust=True)
    return rows


def headline(notification):
    """What happened, in a line: "Bài “…” được gửi duyệt"."""
    title = " ".join(notification.article.title.split())
    if notification.kind == Notification.Kind.SUBMITTED:
        return _("Submitted for review: “%(title)s”") % {"title": title}
    return _("Sent back to you: “%(title)s”") % {"title": title}


def email(notification):
    """E-mail one notification to its recipient (from the worker; a failure raises)."""
    recipient = notification.recipient
    if not recipient.email:
        return
    with translation.override(settings.LANGUAGE_CODE):
        url = reverse("admin:articles_article_change", args=[notification.article_id])
        actor = notification.actor
        lines = [
            headline(notification),
            "",
            _("By: %(name)s") % {"name": actor.get_full_name() or actor.get_username()}
            if actor
            else "",
        ]
        if notification.note:
            lines += [_("Note:"), notification.note, ""]
        lines.append(_("Open it here: %(url)s") % {"url": settings.SITE_URL + url})
        send_mail(headline(notification)[:200], "\n".join(lines), None, [recipient.email])
