"""Sitemaps: an index at /sitemap.xml, one sitemap per kind of page, and a Google
News sitemap of the last two days at /sitemap-news.xml. URLs are on SITE_URL."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from .models import Article, ArticleAuthor, Author, Section, Tag, TaggedArticle

NEWS_MAX_AGE = timedelta(days=2)
# Google News reads at most 1,000 URLs per news sitemap.
NEWS_LIMIT = 1000
# URLs per sitemap page. Search engines accept 50,000, but a page that size takes
# seconds and tens of megabytes to build; 2,000 keeps each page quick and small.
PAGE_LIMIT = 2000


class SiteSitemap(Sitemap):
    """Locations on SITE_URL (not the request's host), in the site's language."""

    limit = PAGE_LIMIT

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(SiteSitemap):
    def items(self):
        # Oldest first, by id: a new article lands on the last page and leaves the
        # others as crawlers saw them; the primary key answers any page's OFFSET.
        return Article.objects.published().order_by("pk").only("slug", "updated_at", "published_at")

    def location(self, article):
        # The URL pattern reversed once per page, not once per article (articles:detail).
        if not hasattr(self, "_detail_prefix"):
            sample = reverse("articles:detail", kwargs={"slug": "s", "pk": 0})
            self._detail_prefix = sample.removesuffix("s-0.html")
        return f"{self._detail_prefix}{article.slug}-{article.pk}.html"

    def lastmod(self, article):
        return article.public_updated_at


class HomeSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self):
        return ["articles:home"]

    def location(self, name):
        return reverse(name)


class SectionSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self):
        return Section.objects.order_by("position", "name")


class TagSitemap(SiteSitemap):
    def items(self):
        """Tags that at least one live article carries."""
        # EXISTS stops at each tag's first live article; a DISTINCT join reads every link.
        live_links = TaggedArticle.objects.filter(
            tag=OuterRef("pk"), content_object__in=Article.objects.published()
        )
        return Tag.objects.filter(Exists(live_links)).order_by("name", "pk")


class AuthorSitemap(SiteSitemap):
    def items(self):
        """Authors with at least one live article."""
        live_credits = ArticleAuthor.objects.filter(
            author=OuterRef("pk"), article__in=Article.objects.published()
        )
        return Author.objects.filter(Exists(live_credits)).order_by("name", "pk")


class NewsSitemap(SiteSitemap):
    """Articles published in the last two days, for Google News."""

    limit = NEWS_LIMIT

    def items(self):
        since = timezone.now() - NEWS_MAX_AGE
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .newest_first()
            .only("title", "slug", "published_at")[:NEWS_LIMIT]
        )


SITEMAPS = {
    "home": HomeSitemap,
    "sections": SectionSitemap,
    "articles": ArticleSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
}
NEWS_SITEMAPS = {"news": NewsSitemap}


@x_robots_tag
def sitemap_index(request):
    """The index of every sitemap page, with absolute URLs on SITE_URL."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        sitemap = sitemap_class()
        location = settings.SITE_URL + reverse("seo:sitemap_section", kwargs={"section": section})
        entries.append(SitemapIndexItem(location))
        entries += [
            SitemapIndexItem(f"{location}?p={page}")
            for page in range(2, sitemap.paginator.num_pages + 1)
        ]
    return TemplateResponse(
        request, "sitemap_index.xml", {"sitemaps": entries}, content_type="application/xml"
    )
