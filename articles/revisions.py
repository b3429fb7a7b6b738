"""Article history: every save keeps a revision; any two compare; any one restores.

A revision is a JSON snapshot of what an editor sees of the article. The
workflow services and the admin record one per save (after the byline and
tags are saved), and only the admin's history pages read them.
"""

from datetime import datetime
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom import pagecache

from . import services
from .diff import diff_html, diff_text
from .models import Article, ArticleAuthor, ArticleRevision, Author, Section, Tag
from .sanitize import sanitize_html


class StaleEdit(Exception):
    """The form was loaded from a version someone has since saved over."""

    def __init__(self, started, current):
        super().__init__(_("This article was saved by someone else after you opened it."))
        self.started, self.current = started, current


def snapshot(article, *, written=None):
    """What the article holds now, as plain JSON (byline and tags read from the database).

    `written` is (section, authors in order, tags), given by a caller that has just
    saved exactly those (the importer), so that its many saves skip three queries each.
    """
    if written is not None:
        section, authors, tags = written
        return _content(article, section, authors, [tag.name for tag in tags])
    credits = ArticleAuthor.objects.filter(article_id=article.pk).select_related("author")
    section = Section.objects.filter(pk=article.section_id).first() if article.section_id else None
    tags = Tag.objects.filter(tagged_articles__content_object_id=article.pk)
    return _content(
        article,
        section,
        [credit.author for credit in credits.order_by("position", "pk")],
        tags.values_list("name", flat=True),
    )


def _content(article, section, authors, tag_names):
    return {
        "title": article.title,
        "slug": article.slug,
        "lead": article.lead,
        "body": article.body,
        "cover_image": article.cover_image.name or "",
        "cover_caption": article.cover_caption,
        "cover_alt": article.cover_alt,
        "section": {"id": section.pk, "name": section.name} if section else None,
        "authors": [{"id": author.pk, "name": author.name} for author in authors],
        "tags": sorted(tag_names),
        "status": article.status,
        "published_at": article.published_at.isoformat() if article.published_at else None,
        "expires_at": article.expires_at.isoformat() if article.expires_at else None,
        "featured": article.featured,
        "comments_open": article.comments_open,
    }


# What a restore or a correction changes; the address, status, publish time and
# placement change through the workflow only.
CONTENT_FIELDS = (
    "title",
    "lead",
    "body",
    "cover_image",
    "cover_caption",
    "cover_alt",
    "section",
    "authors",
    "tags",
)


def record(article, by, *, restored_from=None, written=None):
    """Keep the article as it now stands as a new revision; cached pages go stale.

    `written`: see snapshot().
    """
    revision = ArticleRevision.objects.create(
        article=article,
        content=snapshot(article, written=written),
        created_by=by,
        restored_from=restored_from,
    )
    # The admin asks this to know whether a workflow step already recorded its save.
    article.recorded_revision = revision
    # Every change to an article comes here (workflow steps, the admin, restores,
    # imports): readers' cached pages go stale with it.
    pagecache.content_changed()
    return revision


def latest(article_id):
    """The article's newest saved version, or None before its first recorded save.

    Corrections waiting for an editor are not versions of the article: they never count.
    """
    return ArticleRevision.objects.saved().filter(article_id=article_id).order_by("-pk").first()


def check_current(article_id, loaded_revision_id):
    """Lock the article until the transaction ends; raise StaleEdit if it changed since loading.

    `loaded_revision_id` is the newest revision when the form was loaded ("" if
    there was none). The row lock makes two simultaneous saves take turns, so the
    second sees the first one's revision. Must run inside transaction.atomic.
    """
    article = Article.objects.select_for_update().get(pk=article_id)
    current = latest(article_id)
    if current is None:
        # History starts now: keep the state this save is about to change.
        current = _baseline(article)
        if not loaded_revision_id:
            return current
    if str(current.pk) == str(loaded_revision_id or ""):
        return current
    started = ArticleRevision.objects.filter(article_id=article_id, pk=_int(loaded_revision_id))
    raise StaleEdit(started.first() or oldest(article_id), current)


def oldest(article_id):
    return ArticleRevision.objects.saved().filter(article_id=article_id).order_by("pk").first()


def _baseline(article):
    revision = ArticleRevision.objects.create(
        article=article, content=snapshot(article), created_at=article.updated_at
    )
    return revision


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@transaction.atomic
def restore(revision, by):
    """Bring back the text, cover, section, byline and tags of `revision` as a new revision.

    Status and publish time stay as they are: those change through the workflow.
    A cover whose file is gone is left as it is now.
    """
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    if not services.can_edit(by, article):
        raise services.NotAllowed(_("You cannot edit this article."))
    if latest(article.pk) is None:
        _baseline(article)
    _apply(article, revision.content)
    return record(article, by, restored_from=revision)


def _apply(article, content):
    """Write the CONTENT_FIELDS of a revision's `content` to the article, byline and tags."""
    for name in ("title", "lead", "body", "cover_caption", "cover_alt"):
        setattr(article, name, content[name])
    cover = content["cover_image"]
    if cover and cover != article.cover_image.name and article.cover_image.storage.exists(cover):
        article.cover_image = cover
    section = content["section"]
    article.section = Section.objects.filter(pk=section["id"]).first() if section else None
    article.updated_at = timezone.now()
    article.save()
    authors = Author.objects.in_bulk([credit["id"] for credit in content["authors"]])
    ArticleAuthor.objects.filter(article=article).delete()
    ArticleAuthor.objects.bulk_create(
        ArticleAuthor(article=article, author=authors[credit["id"]], position=position)
        for position, credit in enumerate(
            credit for credit in content["authors"] if credit["id"] in authors
        )
    )
    article.tags.set(content["tags"])
    if article.status == Article.Status.PUBLISHED:
        services.check_publishable(article)


# Corrections to published articles


class NotPending(ValidationError):
    """The correction was already published, rejected or replaced."""

    def __init__(self):
        super().__init__(_("This correction has already been dealt with."))


@transaction.atomic
def save_pending(changed, by, *, authors, tags):
    """Keep a change to a published article as a correction that waits for an editor.

    `changed` is the article with the form's values, unsaved; `authors` the byline
    in order and `tags` the tags it asks for. The live article, its byline and tags
    stay as they are. The writer's own earlier pending correction is replaced.
    """
    article = Article.objects.select_for_update().get(pk=changed.pk)
    if not services.can_correct(by, article):
        raise services.NotAllowed(_("You cannot correct this article."))
    based_on = latest(article.pk) or _baseline(article)
    cover = changed.cover_image
    if cover and not getattr(cover, "_committed", True):
        # A new cover is stored now (cleaned by the pipeline); publishing puts it in use.
        cover.save(cover.name, cover.file, save=False)
    proposed = _content(changed, changed.section, authors, [str(tag) for tag in tags])
    proposed["body"] = sanitize_html(changed.body)
    content = snapshot(article)
    content.update({name: proposed[name] for name in CONTENT_FIELDS})
    ArticleRevision.objects.filter(
        article=article, created_by=by, state=ArticleRevision.State.PENDING
    ).update(state=ArticleRevision.State.SUPERSEDED, reviewed_at=timezone.now())
    return ArticleRevision.objects.create(
        article=article,
        content=content,
        created_by=by,
        state=ArticleRevision.State.PENDING,
        based_on=based_on,
    )


def _pending(revision, by):
    """Lock the article and the correction; check that `by` may decide and nobody has yet."""
    if not services.can_publish(by):
        raise services.NotAllowed(_("Only editors can publish or reject corrections."))
    article = Article.objects.select_for_update().get(pk=revision.article_id)
    revision = ArticleRevision.objects.select_for_update().get(pk=revision.pk)
    if not revision.is_pending:
        raise NotPending()
    return article, revision


def _decide(revision, state, by, note=""):
    revision.state, revision.review_note = state, note
    revision.reviewed_by, revision.reviewed_at = by, timezone.now()
    revision.save(update_fields=["state", "review_note", "reviewed_by", "reviewed_at"])


@transaction.atomic
def publish_pending(revision, by):
    """Put a pending correction live: the article takes its content, as a new revision.

    Refused with StaleEdit when the article changed after the correction was
    written: publishing it would silently undo that change.
    """
    article, revision = _pending(revision, by)
    current = latest(article.pk)
    if current is not None and revision.based_on_id not in (None, current.pk):
        raise StaleEdit(revision.based_on, current)
    _apply(article, revision.content)
    _decide(revision, ArticleRevision.State.PUBLISHED, by)
    return record(article, by, restored_from=revision)


@transaction.atomic
def reject_pending(revision, by, note=""):
    """Turn a pending correction down; it stays in the history with the editor's note."""
    article, revision = _pending(revision, by)
    _decide(revision, ArticleRevision.State.REJECTED, by, note.strip())
    return revision


# Comparing two revisions

FIELD_LABELS = {
    "cover_image": gettext_lazy("cover image"),
    "cover_caption": gettext_lazy("cover caption"),
    "cover_alt": gettext_lazy("cover alt text"),
    "section": gettext_lazy("section"),
    "authors": gettext_lazy("byline (in order)"),
    "tags": gettext_lazy("tags"),
    "status": gettext_lazy("status"),
    "published_at": gettext_lazy("publish time"),
    "expires_at": gettext_lazy("expires at"),
    "slug": gettext_lazy("slug"),
    "featured": gettext_lazy("featured"),
    "comments_open": gettext_lazy("comments open"),
}


def _shown(name, value):
    """A field's value as the history page shows it."""
    if value in (None, "", []):
        return "—"
    if name == "cover_image":
        return PurePosixPath(value).name
    if name == "section":
        return value["name"]
    if name == "authors":
        return " - ".join(credit["name"] for credit in value)
    if name == "tags":
        return ", ".join(value)
    if name == "status":
        return Article.Status(value).label
    if name in ("published_at", "expires_at"):
        return date_format(timezone.localtime(datetime.fromisoformat(value)), "d-m-Y H:i:s")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return str(value)


def _key(name, value):
    """What must differ for a field to count as changed (ids, not names that may be renamed)."""
    if name == "section":
        return value["id"] if value else None
    if name == "authors":
        return [credit["id"] for credit in value]
    return value


def compare(old, new):
    """How `new` differs from `old`: word diffs of headline, lead and body, and the changed fields."""
    before, after = old.content, new.content
    return {
        "old": old,
        "new": new,
        "title": diff_text(before["title"], after["title"]),
        "lead": diff_text(before["lead"], after["lead"]),
        "body": diff_html(before["body"], after["body"]),
        "fields": [
            (label, _shown(name, before.get(name)), _shown(name, after.get(name)))
            for name, label in FIELD_LABELS.items()
            if _key(name, before.get(name)) != _key(name, after.get(name))
        ],
    }
