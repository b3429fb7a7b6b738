"""The desk's internal notes on an article: only staff who may open the article read or write them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Article, ArticleNote
from .services import NotAllowed


def can_discuss(user, article):
    """Staff who may open `article` in the admin (Article.objects.visible_to) join its notes."""
    if not (user.is_active and user.is_staff and user.has_perm("articles.view_article")):
        return False
    return Article.objects.visible_to(user).filter(pk=article.pk).exists()


def thread(article):
    """The notes on `article`, oldest first, with their authors."""
    return ArticleNote.objects.filter(article=article).select_related("author")


@transaction.atomic
def add_note(article, author, body):
    """Add `author`'s note to the article's thread."""
    if not can_discuss(author, article):
        raise NotAllowed(_("You cannot write notes on this article."))
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write something before adding the note.")})
    return ArticleNote.objects.create(article=article, author=author, body=body)
