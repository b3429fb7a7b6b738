"""The admin's first page for each role: what waits for this person now.

A constant number of queries per panel, whatever the size of the archive: each
panel reads one short list (a person's open work, the review queue, today's
stories) and the counts come from it or from one aggregate.
"""

from urllib.parse import urlencode

from django.db.models import Count, DateTimeField, Min, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from comments.models import Comment
from comments.moderation import can_moderate

from . import services
from .models import Article, ArticleRevision, ArticleTransition, Notification, Stage

# How many stories each list shows; its count links to the whole list.
SHOWN = 8
NOTIFICATIONS_SHOWN = 8
# Fields the lists show: never the bodies or the search columns.
LIST_FIELDS = ("title", "status", "published_at", "updated_at", "expires_at")


def changelist(**filters):
    """The article list filtered as the dashboard's count says."""
    url = reverse("admin:articles_article_changelist")
    return f"{url}?{urlencode(filters)}" if filters else url


def waiting_label(since, now=None):
    """ "chờ 3 giờ": how long something has waited, in its largest whole unit."""
    seconds = max(0, ((now or timezone.now()) - since).total_seconds())
    if seconds < 3600:
        minutes = int(seconds // 60)
        return ngettext("waiting %(n)d minute", "waiting %(n)d minutes", minutes) % {"n": minutes}
    if seconds < 48 * 3600:
        hours = int(seconds // 3600)
        return ngettext("waiting %(n)d hour", "waiting %(n)d hours", hours) % {"n": hours}
    days = int(seconds // 86400)
    return ngettext("waiting %(n)d day", "waiting %(n)d days", days) % {"n": days}


def journalist_panel(user):
    """The writer's open work: drafts, sent back (with the note), in review, scheduled."""
    now = timezone.now()
    rows = list(
        Article.objects.written_by(user)
        .filter(
            Q(status__in=[Article.Status.DRAFT, Article.Status.REVIEW])
            | Q(status=Article.Status.PUBLISHED, published_at__gt=now)
        )
        .with_last_step()
        .only(*LIST_FIELDS)
        .order_by("-updated_at", "-pk")
    )
    groups = {"draft": [], "sent_back": [], "review": [], "scheduled": []}
    for article in rows:
        if article.status == Article.Status.DRAFT:
            groups["draft"].append(article)
            article.is_sent_back = (
                article.last_from == Stage.REVIEW
                and article.last_to == Stage.DRAFT
                and bool(article.last_note)
            )
            if article.is_sent_back:
                groups["sent_back"].append(article)
        elif article.status == Article.Status.REVIEW:
            groups["review"].append(article)
        else:
            groups["scheduled"].append(article)
    links = {
        "draft": changelist(mine=1, status__exact="draft"),
        "sent_back": changelist(mine=1, workflow="sent_back"),
        "review": changelist(mine=1, status__exact="review"),
        "scheduled": changelist(mine=1, workflow="scheduled"),
    }
    titles = {
        "draft": _("My drafts"),
        "sent_back": _("Sent back to me"),
        "review": _("In review"),
        "scheduled": _("Scheduled"),
    }
    return [
        {
            "key": key,
            "title": titles[key],
            "count": len(articles),
            "url": links[key],
            "articles": articles[:SHOWN],
        }
        for key, articles in groups.items()
    ]


def editor_panel():
    """The review queue (oldest first), today's stories, corrections waiting, and overdue."""
    now = timezone.now()
    submitted = ArticleTransition.objects.filter(
        article=OuterRef("pk"), to_stage=Stage.REVIEW
    ).order_by("-at", "-pk")
    queue = list(
        Article.objects.filter(status=Article.Status.REVIEW)
        .annotate(
            waiting_since=Coalesce(
                Subquery(submitted.values("at")[:1]), "updated_at", output_field=DateTimeField()
            )
        )
        .only(*LIST_FIELDS)
        .order_by("waiting_since", "pk")
    )
    for article in queue:
        article.waiting = waiting_label(article.waiting_since, now)
    today = list(
        Article.objects.going_live_on(timezone.localdate())
        .only(*LIST_FIELDS)
        .order_by("published_at", "pk")
    )
    corrections = ArticleRevision.objects.pending().aggregate(
        count=Count("pk"), oldest=Min("created_at")
    )
    overdue = [article for article in queue if article.published_at and article.published_at <= now]
    return {
        "queue": {
            "count": len(queue),
            "url": changelist(status__exact="review"),
            "articles": queue[:SHOWN],
        },
        "today": {
            "count": len(today),
            "url": changelist(workflow="today"),
            "articles": today[:SHOWN],
        },
        "corrections": {
            "count": corrections["count"],
            "url": reverse("admin:articles_article_corrections"),
            "waiting": waiting_label(corrections["oldest"], now) if corrections["oldest"] else "",
        },
        "overdue": {
            "count": len(overdue),
            "url": changelist(workflow="overdue"),
            "articles": overdue[:SHOWN],
        },
    }


def moderator_panel():
    """How many reader comments wait, and for how long the oldest has."""
    waiting = Comment.objects.filter(status=Comment.Status.PENDING).aggregate(
        count=Count("pk"), oldest=Min("created_at")
    )
    return {
        "count": waiting["count"],
        "url": reverse("admin:comments_comment_changelist"),
        "waiting": waiting_label(waiting["oldest"]) if waiting["oldest"] else "",
    }


def notifications_panel(user):
    """The person's latest notifications, unread first, and how many are unread."""
    mine = Notification.objects.for_user(user)
    return {
        "unread": mine.unread().count(),
        "items": list(mine.select_related("article", "actor")[:NOTIFICATIONS_SHOWN]),
    }


def dashboard(user):
    """Every panel `user`'s roles call for (a superuser sees them all but the writer's)."""
    editor = services.can_publish(user)
    return {
        "notifications": notifications_panel(user),
        "journalist": journalist_panel(user)
        if not editor and user.has_perm("articles.change_article")
        else None,
        "editor": editor_panel() if editor else None,
        "moderator": moderator_panel() if can_moderate(user) else None,
    }
