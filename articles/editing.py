"""Edit locks and autosave: who has an article open to edit it, and what they are typing.

A lock is advice to the newsroom, kept in the database so every web node sees it:
the change page takes it, keeps it alive with a heartbeat, and gives it up when the
page is left. Whatever the locks say, a save from an out-of-date form is still
refused (articles.revisions.check_current).

An autosave is a copy of one person's headline, lead and body, kept until their
next real save. It never touches the article and is never a revision.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import revisions, services
from .diff import diff_html, diff_text
from .models import ArticleAutosave, ArticleLock


def clock(moment):
    """`10:02`, or `10:02 30-11-2026` when it was not today (local time)."""
    local = timezone.localtime(moment)
    if local.date() == timezone.localdate():
        return date_format(local, "H:i")
    return date_format(local, "H:i d-m-Y")


def may_edit(user, article):
    """Who takes an article's lock and autosaves into it: whoever may save its form,
    a journalist's correction to their own published article included."""
    return services.can_edit(user, article) or services.can_correct(user, article)


def _check_can_edit(user, article):
    if not may_edit(user, article):
        raise services.NotAllowed(_("You cannot edit this article."))


@transaction.atomic
def acquire(article, user, page, *, take_over=False):
    """Take (or keep) the article's lock unless another person holds a live one; return the lock.

    With `take_over`, a live lock held by another person moves to `user`. The
    caller compares `lock.user_id` with the user to know who holds it now.
    """
    _check_can_edit(user, article)
    now = timezone.now()
    lock, created = ArticleLock.objects.select_for_update().get_or_create(
        article=article, defaults={"user": user, "since": now, "heartbeat_at": now, "page": page}
    )
    if created:
        return lock
    if lock.user_id != user.pk:
        if lock.is_live and not take_over:
            return lock
        lock.user, lock.since = user, now
    lock.heartbeat_at, lock.page = now, page
    lock.save()
    return lock


def heartbeat(article, user, page):
    """Keep the page's lock alive (or take it again if it lapsed); return the lock."""
    return acquire(article, user, page)


@transaction.atomic
def release(article, user, page):
    """Give up the lock held by this page; a newer page's lock (same person, new load) stays."""
    ArticleLock.objects.filter(article=article, user=user, page=page).delete()


def held_by_other(lock, user):
    """True when `lock` is a live lock of someone other than `user`."""
    return lock is not None and lock.user_id != user.pk and lock.is_live


def lock_notice(lock):
    """ "Tài khoản «bientap» đang sửa bài này từ 10:02"."""
    return _("The account «%(user)s» has been editing this article since %(time)s.") % {
        "user": lock.user.get_username(),
        "time": clock(lock.since),
    }


def taken_over_notice(lock):
    """What a page that lost its lock tells its user."""
    return _(
        "The account «%(user)s» took over editing this article at %(time)s. Nothing was "
        "lost: your unsaved text is still in the form and in the autosaved copy, but you "
        "can no longer save it from this page."
    ) % {"user": lock.user.get_username(), "time": clock(lock.since)}


# Autosave


def _autosaves(user, article):
    return ArticleAutosave.objects.filter(
        user=user, **({"article": article} if article is not None else {"article__isnull": True})
    )


@transaction.atomic
def autosave(user, article, *, title, lead, body, base_revision_id=None):
    """Keep a copy of what `user` is typing into `article` (None: a new article)."""
    if article is None:
        if not user.has_perm("articles.add_article"):
            raise services.NotAllowed(_("You cannot add articles."))
    else:
        _check_can_edit(user, article)
    values = {
        "title": title,
        "lead": lead,
        "body": body,
        "base_revision_id": base_revision_id,
        "saved_at": timezone.now(),
    }
    saved = _autosaves(user, article).select_for_update().first()
    if saved is None:
        return ArticleAutosave.objects.create(user=user, article=article, **values)
    for name, value in values.items():
        setattr(saved, name, value)
    saved.save()
    return saved


def discard_autosave(user, article):
    """Forget `user`'s autosave of `article` (None: of a new article)."""
    _autosaves(user, article).delete()


def recovery_offer(user, article):
    """The user's autosave worth offering back, with its diff; None when there is none.

    Offered when its text differs from the saved article. An autosave made from a
    version someone has since saved over is still offered (it is the person's
    work), with `saved_since` naming that later save, so they merge knowingly.
    """
    saved = _autosaves(user, article).first()
    if saved is None:
        return None
    if article is None:
        before = {"title": "", "lead": "", "body": ""}
    else:
        before = {"title": article.title, "lead": article.lead, "body": article.body}
    changes = {
        "title": diff_text(before["title"], saved.title),
        "lead": diff_text(before["lead"], saved.lead),
        "body": diff_html(before["body"], saved.body),
        "fields": [],
    }
    if not (changes["title"] or changes["lead"] or changes["body"]):
        return None
    latest = revisions.latest(article.pk) if article is not None else None
    saved_since = None
    if latest is not None and saved.base_revision_id != latest.pk:
        saved_since = latest
    return {
        "autosave": saved,
        "time": clock(saved.saved_at),
        "changes": changes,
        "saved_since": saved_since,
    }
