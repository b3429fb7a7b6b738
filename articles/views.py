import functools
from itertools import groupby

from django.conf import settings
from django.contrib.auth.mixins import PermissionRequiredMixin
from django.db.models import prefetch_related_objects
from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from comments.context import comments_context, comments_fragment_key
from curation.models import FRONT_PAGE_SLOTS, SECTION_PAGE_SLOTS
from curation.placement import curated_stories, fill_slots, top_stories

from .models import (
    Article,
    Author,
    Section,
    Tag,
    TaggedArticle,
    TagRedirect,
    article_page_relations,
)
from .pagination import ArchivePaginator, LinkedPaginator, LoadedRows, RankedPaginator
from .search import MAX_QUERY_LENGTH, highlight, query_words, search_excerpt
from .seo import cover_url, json_ld_script, news_article_data

FRONT_PAGE_PER_SECTION = 4


def reader_articles():
    """The front page's lists: live articles with what a card shows, and their section
    (the blocks are grouped by it). Cards show no byline: it is not loaded."""
    return Article.objects.published().select_related("section").for_cards()


def reader_cards():
    """Live articles for a list of cards alone (section, tag and author pages)."""
    return Article.objects.published().for_cards()


class ArticleDetailView(DetailView):
    """The public article page; an old slug redirects to the canonical URL.

    The page's parts are fragments (articles/templatetags/reader_site.py): what only
    a part shows is passed as a callable, run when that part is made, not when it is kept.
    """

    template_name = "articles/article_detail.html"
    context_object_name = "article"

    def get_queryset(self):
        return Article.objects.published().for_article_row()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.slug != kwargs["slug"]:
            return redirect(self.object, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["article_details"] = functools.cache(self.article_details)
        context["related"] = self.related
        context["comments"] = lambda: comments_context(self.request, self.object)
        context["comments_key"] = comments_fragment_key(self.request)
        return context

    def article_details(self):
        """The byline, the tags, the cover's address and the structured data."""
        prefetch_related_objects([self.object], *article_page_relations())
        return {
            "cover_url": cover_url(self.object),
            "json_ld": json_ld_script(news_article_data(self.object)),
        }

    def related(self):
        return {"related_articles": list(Article.objects.related_to(self.object))}


@method_decorator(never_cache, name="dispatch")
class ArticlePreviewView(PermissionRequiredMixin, ArticleDetailView):
    """The draft rendered with the public template, for the staff who may see it."""

    permission_required = "articles.view_article"

    def get_queryset(self):
        return Article.objects.visible_to(self.request.user).for_article_row()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        # A draft's changes retire no fragment: the preview is made anew every time.
        context = self.get_context_data(object=self.object, preview=True, fragments_off=True)
        return self.render_to_response(context)


class ReaderListView(ListView):
    """A paginated list of live articles, newest first; a bad page number is a 404."""

    context_object_name = "articles"
    paginator_class = ArchivePaginator

    def get_paginate_by(self, queryset):
        return settings.READER_PAGE_SIZE


class HomeView(ReaderListView):
    """The front page: lead story, latest, a block per section, then the archive."""

    template_name = "articles/home.html"

    def get_queryset(self):
        # The lead and the latest: what editors placed (curation), else the newest
        # featured story and the newest ones.
        top = top_stories(reader_articles(), FRONT_PAGE_SLOTS, featured_lead=True)
        self.lead_story, self.latest = (top[0], top[1:]) if top else (None, [])
        # The archive goes on from where the top of the page stops, without repeats.
        return reader_articles().exclude(pk__in=[article.pk for article in top]).newest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["lead_story"] = self.lead_story
        context["latest"] = self.latest
        context["section_blocks"] = []
        context["archive"] = list(context["articles"])
        if context["page_obj"].number == 1:
            top_articles = reader_articles().top_per_section(FRONT_PAGE_PER_SECTION)
            context["section_blocks"] = [
                (articles[0].section, articles)
                for _, group in groupby(top_articles, key=lambda article: article.section_id)
                for articles in [list(group)]
            ]
            # Page 1's archive leaves out what the section blocks above it show. It is
            # filtered here, in memory, rather than in SQL: the blocks are already loaded,
            # and page 2 must start where page 1's slice ends, so nothing goes missing.
            in_blocks = {
                article.pk for _, articles in context["section_blocks"] for article in articles
            }
            context["archive"] = [
                article for article in context["archive"] if article.pk not in in_blocks
            ]
        return context


class SectionView(ReaderListView):
    template_name = "articles/section_detail.html"

    def get_queryset(self):
        self.section = get_object_or_404(Section, slug=self.kwargs["slug"])
        self.curated = list(
            curated_stories(reader_articles(), section=self.section, count=SECTION_PAGE_SLOTS)
        )
        # Stories editors placed on top of page 1 are left out of the list on every page.
        placed = [article.pk for article in self.curated]
        return reader_cards().in_section(self.section).exclude(pk__in=placed).newest_first()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(section=self.section, **kwargs)
        if self.curated and context["page_obj"].number == 1:
            newest = list(context["articles"])
            context["articles"] = LoadedRows(
                fill_slots(self.curated, newest, len(self.curated) + len(newest))
            )
        return context


class TagView(ReaderListView):
    template_name = "articles/tag_detail.html"

    def get(self, request, *args, **kwargs):
        try:
            self.tag = Tag.objects.get(slug=kwargs["slug"])
        except Tag.DoesNotExist:
            # Asked only on a miss: a merged tag's old URL leads to the tag it joined.
            moved = get_object_or_404(
                TagRedirect.objects.select_related("tag"), old_slug=kwargs["slug"]
            )
            return HttpResponsePermanentRedirect(moved.tag.get_absolute_url())
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        return TaggedArticle.objects.live_ids_newest_first(self.tag)

    def get_paginator(self, queryset, per_page, **kwargs):
        # The ids come from the tag's links; the rows are still only what readers may see.
        return LinkedPaginator(queryset, per_page, rows=reader_cards(), **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(tag=self.tag, **kwargs)


class AuthorView(ReaderListView):
    template_name = "articles/author_detail.html"

    def get_queryset(self):
        self.author = get_object_or_404(Author, slug=self.kwargs["slug"])
        return reader_cards().by_author(self.author).newest_first()

    def get_context_data(self, **kwargs):
        return super().get_context_data(author=self.author, **kwargs)


class SearchView(ReaderListView):
    """`/search/?q=`: every word must match, exact matches first, diacritics ignored."""

    template_name = "articles/search_results.html"

    def get_queryset(self):
        self.query = self.request.GET.get("q", "")[:MAX_QUERY_LENGTH].strip()
        self.words = query_words(self.query)
        return Article.objects.published().search(self.words, self.query)

    def get_paginator(self, queryset, per_page, **kwargs):
        # The ranking runs once, for the page's ids; the excerpt is cut from the lead
        # or the body, so the body is loaded, for this page's articles only.
        rows = Article.objects.with_byline().defer("search_title", "search_text")
        return RankedPaginator(queryset, per_page, rows=rows, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # `query` fills the header's search box: only this page passes it.
        context["query"] = self.query
        context["words"] = self.words
        page = context["page_obj"]
        # Counted no further than the page: what lies beyond costs the ranking of it all.
        context["found"] = (page.number - 1) * page.paginator.per_page + len(page.object_list)
        # The newest SEARCH_CANDIDATES matches are all that is ranked; more may match.
        context["found_more"] = page.has_next() or context["found"] >= settings.SEARCH_CANDIDATES
        context["results"] = [
            (
                article,
                highlight(article.title, self.words),
                search_excerpt(article.lead, article.body, self.words),
            )
            for article in context["articles"]
        ]
        return context


def robots_txt(request):
    """Crawl rules for search engines, pointing at both sitemaps."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /ckeditor/",
        "Disallow: /preview/",
        "Disallow: /en/preview/",
        "Disallow: /search/",
        "Disallow: /en/search/",
        "",
        f"Sitemap: {settings.SITE_URL}{reverse('seo:sitemap_index')}",
        f"Sitemap: {settings.SITE_URL}{reverse('seo:sitemap_news')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
