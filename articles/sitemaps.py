"""Sitemaps: an index at /sitemap.xml, one sitemap per kind of page, and a Google
News sitemap of the last two days at /sitemap-news.xml. URLs are on SITE_URL."""

from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from .models import Article, Author, Section, Tag

NEWS_MAX_AGE = timedelta(days=2)
# Google News reads at most 1,000 URLs per news sitemap.
NEWS_LIMIT = 1000


class SiteSitemap(Sitemap):
    """Locations on SITE_URL (not the request's host), in the site's language."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class ArticleSitemap(SiteSitemap):
    def items(self):
        return Article.objects.published().newest_first().only("slug", "updated_at", "published_at")

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
        live = Article.objects.published().values("pk")
        return Tag.objects.filter(tagged_articles__content_object__in=live).distinct()


class AuthorSitemap(SiteSitemap):
    def items(self):
        """Authors with at least one live article."""
        live = Article.objects.published().values("pk")
        return Author.objects.filter(credits__article__in=live).distinct().order_by("name", "pk")


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
