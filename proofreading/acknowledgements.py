"""Errors an editor must fix or acknowledge before an article is published.

Glued syllables, duplicated paragraphs and decomposed Unicode are errors
(findings.KINDS). An acknowledgement names the errors it covers by
fingerprint, so an error that appears after it still blocks publishing.
"""

import functools
import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from .findings import ERROR
from .models import Acknowledgement
from .review import review

# The same permission as publishing (articles.models.PUBLISH_PERMISSION), spelled
# here because the articles app imports this module.
ACKNOWLEDGE_PERMISSION = "articles.publish_article"


def fingerprint(finding):
    """A finding's identity across saves: its kind, excerpt and suggestion, not its place.

    The place is left out so that a paragraph added above a slip does not
    make an acknowledged error new again.
    """
    suggestion = finding.suggestion
    parts = [
        finding.kind,
        finding.excerpt,
        suggestion.old if suggestion else "",
        suggestion.new if suggestion else "",
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def review_article(article):
    """The findings for an article as it stands in memory (saved or not)."""
    has_cover = bool(article.cover_image)
    language = get_language()  # a finding's words may be in the reader's language
    return list(_review(article.title, article.lead, article.body, has_cover, language))


@functools.lru_cache(maxsize=16)
def _review(title, lead, body, has_cover, language):
    # review() reads only its arguments. Saving one article asks twice (its clean() and
    # the publish check): about 10 ms a time for a long story, a third of an import.
    return tuple(review(title, lead, body, has_cover=has_cover))


def errors_of(findings):
    """The findings that block publishing until fixed or acknowledged."""
    return [finding for finding in findings if finding.severity == ERROR]


def acknowledged(article):
    """{fingerprint: the newest Acknowledgement covering it} for a saved article."""
    if article.pk is None:
        return {}
    covering = {}
    for acknowledgement in Acknowledgement.objects.filter(article_id=article.pk).select_related(
        "acknowledged_by"
    ):
        for each in acknowledgement.fingerprints:
            covering.setdefault(each, acknowledgement)  # newest first (Meta.ordering)
    return covering


def unacknowledged_errors(article, findings=None):
    """The article's errors that no acknowledgement covers."""
    errors = errors_of(review_article(article) if findings is None else findings)
    if not errors:
        return []
    covered = acknowledged(article)
    return [finding for finding in errors if fingerprint(finding) not in covered]


def check_acknowledged(article):
    """Raise ValidationError while the article has errors nobody fixed or acknowledged."""
    count = len(unacknowledged_errors(article))
    if count:
        raise ValidationError(
            ngettext(
                "The editorial checks found %(count)d error (glued syllables, a duplicated "
                "paragraph or decomposed Unicode). Fix it or have an editor acknowledge it "
                "before publishing.",
                "The editorial checks found %(count)d errors (glued syllables, duplicated "
                "paragraphs or decomposed Unicode). Fix them or have an editor acknowledge them "
                "before publishing.",
                count,
            )
            % {"count": count},
            code="unacknowledged_errors",
        )


def can_acknowledge(user):
    """Acknowledging is the editors' call, like publishing."""
    return user.has_perm(ACKNOWLEDGE_PERMISSION)


@transaction.atomic
def acknowledge(article, by, fingerprints, *, findings=None):
    """Record that `by` acknowledges the article's current errors among `fingerprints`.

    Only errors the article has are recorded, so a page cannot acknowledge an
    error it never showed. `findings` are those of the text in the editor's
    form, when it differs from the saved one.
    """
    if not can_acknowledge(by):
        raise PermissionDenied(_("Only editors can acknowledge editorial errors."))
    wanted = set(fingerprints)
    current = [fingerprint(finding) for finding in unacknowledged_errors(article, findings)]
    chosen = [each for each in dict.fromkeys(current) if each in wanted]
    if not chosen:
        return None
    return Acknowledgement.objects.create(article=article, fingerprints=chosen, acknowledged_by=by)
