import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.models import Article
from proofreading.findings import ERROR
from proofreading.review import review

FIELDS = ("pk", "title", "lead", "body", "cover_image")


class Command(BaseCommand):
    help = (
        "Proofread articles before they go out: glued syllables, duplicated paragraphs, "
        "typography and structure. Give article ids, --all or --published. Exits with "
        "status 1 when any error is found."
    )

    def add_arguments(self, parser):
        parser.add_argument("ids", nargs="*", type=int, help="ids of the articles to review")
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument("--all", action="store_true", help="review every article")
        scope.add_argument(
            "--published", action="store_true", help="review the articles readers can see"
        )
        parser.add_argument(
            "--format",
            choices=["table", "json"],
            default="table",
            help="a table for the desk (default) or a JSON list, one object per finding",
        )

    def handle(self, *, ids, **options):
        articles = self._articles(ids, everything=options["all"], published=options["published"])
        results = [
            (article.pk, finding)
            for article in articles
            for finding in review(
                article.title, article.lead, article.body, has_cover=bool(article.cover_image)
            )
        ]
        if options["format"] == "json":
            listing = [_as_json(pk, item) for pk, item in results]
            self.stdout.write(json.dumps(listing, ensure_ascii=False, indent=2))
        else:
            self._write_table(results, reviewed=len(articles))
        errors = sum(item.severity == ERROR for _pk, item in results)
        if errors:
            raise CommandError(
                ngettext("%(count)d error found.", "%(count)d errors found.", errors)
                % {"count": errors},
                returncode=1,
            )

    def _articles(self, ids, *, everything, published):
        if bool(ids) + everything + published != 1:
            raise CommandError(_("Give article ids, --all or --published."), returncode=2)
        articles = Article.objects.only(*FIELDS).order_by("pk")
        if published:
            return list(articles.published())
        if everything:
            return list(articles)
        found = list(articles.filter(pk__in=ids))
        missing = sorted(set(ids) - {article.pk for article in found})
        if missing:
            raise CommandError(
                _("No article with id %(ids)s.") % {"ids": ", ".join(map(str, missing))},
                returncode=2,
            )
        return found

    def _write_table(self, results, *, reviewed):
        header = (_("Article"), _("Severity"), _("Finding"), _("Where"), _("Excerpt"), _("Fix"))
        rows = [
            (
                str(pk),
                str(item.severity_label),
                str(item.kind_label),
                item.where_label,
                item.excerpt,
                f"{item.suggestion.old} → {item.suggestion.new}" if item.suggestion else "",
            )
            for pk, item in results
        ]
        if rows:
            widths = [
                min(60, max(len(row[column]) for row in [header, *rows])) for column in range(6)
            ]
            for row in [header, *rows]:
                cells = [
                    _clip(cell, width).ljust(width) for cell, width in zip(row, widths, strict=True)
                ]
                self.stdout.write("  ".join(cells).rstrip())
        errors = sum(item.severity == ERROR for _pk, item in results)
        self.stdout.write(
            _("%(articles)s reviewed: %(errors)s, %(warnings)s.")
            % {
                "articles": ngettext("%d article", "%d articles", reviewed) % reviewed,
                "errors": ngettext("%d error", "%d errors", errors) % errors,
                "warnings": ngettext("%d warning", "%d warnings", len(results) - errors)
                % (len(results) - errors),
            }
        )


def _as_json(pk, item):
    suggestion = item.suggestion
    return {
        "article_id": pk,
        "kind": item.kind,
        "severity": item.severity,
        "where": item.where,
        "excerpt": item.excerpt,
        "suggestion": {"old": suggestion.old, "new": suggestion.new} if suggestion else None,
    }


def _clip(text, width):
    return text if len(text) <= width else text[: width - 1] + "…"
