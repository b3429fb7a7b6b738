"""Sitemaps: an index at /sitemap.xml, one sitemap per kind of page, and a Google
News sitemap of the last two days at /sitemap-news.xml. URLs are on SITE_URL.

A sitemap page is written by sitemap_page() straight from the rows' columns: each
kind of page's URL pattern is reversed once, and the XML is joined as strings
(Django's sitemap view reverses and renders a template per URL: 364 ms for 2,000).
"""

from datetime import timedelta
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import SitemapIndexItem, x_robots_tag
from django.db.models import OuterRef, Subquery
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date

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

    def page_entries(self, page):
        """(path, lastmod or None) of one page's items, in the sitemap's order."""
        bottom = (page - 1) * self.limit
        return [(self.location(item), None) for item in self.items()[bottom : bottom + self.limit]]


class SlugPageSitemap(SiteSitemap):
    """Pages whose URL is a pattern with a slug (sections, tags, authors)."""

    view_name = None

    def page_entries(self, page):
        # The slug converter allows only [-a-zA-Z0-9_]: nothing to quote.
        prefix = reverse(self.view_name, kwargs={"slug": "s"}).removesuffix("s/")
        bottom = (page - 1) * self.limit
        slugs = self.items().values_list("slug", flat=True)[bottom : bottom + self.limit]
        return [(f"{prefix}{slug}/", None) for slug in slugs]


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

    def page_entries(self, page):
        # Article.public_updated_at from the two columns, without making models.
        prefix = reverse("articles:detail", kwargs={"slug": "s", "pk": 0}).removesuffix("s-0.html")
        bottom = (page - 1) * self.limit
        rows = self.items().values_list("pk", "slug", "updated_at", "published_at")
        return [
            (f"{prefix}{slug}-{pk}.html", max(updated, published) if published else updated)
            for pk, slug, updated, published in rows[bottom : bottom + self.limit]
        ]


class HomeSitemap(SiteSitemap):
    changefreq = "hourly"

    def items(self):
        return ["articles:home"]

    def location(self, name):
        return reverse(name)


class SectionSitemap(SlugPageSitemap):
    changefreq = "hourly"
    view_name = "articles:section"

    def items(self):
        return Section.objects.order_by("position", "name")


class TagSitemap(SlugPageSitemap):
    view_name = "articles:tag"

    def items(self):
        """Tags that at least one live article carries."""
        # Each tag's first live article, one probe a tag. PostgreSQL turns an EXISTS into
        # a semi-join that hashes every tag link (a scan of 325,000 for 2,000 tags);
        # a LIMIT 1 subquery stays a probe (unordered: a sort would read all the links).
        first_live = (
            TaggedArticle.objects.filter(
                tag=OuterRef("pk"), content_object__in=Article.objects.published()
            )
            .order_by()
            .values("content_object")[:1]
        )
        return (
            Tag.objects.alias(first_live=Subquery(first_live))
            .filter(first_live__isnull=False)
            .order_by("name", "pk")
        )


class AuthorSitemap(SlugPageSitemap):
    view_name = "articles:author"

    def items(self):
        """Authors with at least one live article."""
        first_live = (
            ArticleAuthor.objects.filter(
                author=OuterRef("pk"), article__in=Article.objects.published()
            )
            .order_by()
            .values("article")[:1]
        )
        return (
            Author.objects.alias(first_live=Subquery(first_live))
            .filter(first_live__isnull=False)
            .order_by("name", "pk")
        )


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


def sitemap_page(request, section):
    """One page of one sitemap (`?p=2`), its XML joined from the rows' columns."""
    sitemap_class = SITEMAPS.get(section)
    page = request.GET.get("p", "1")
    if sitemap_class is None or not page.isdigit() or int(page) < 1:
        raise Http404("No such sitemap page")
    sitemap, page = sitemap_class(), int(page)
    entries = sitemap.page_entries(page)
    if not entries and page > 1:
        raise Http404("No such sitemap page")
    site = settings.SITE_URL.rstrip("/")
    zone = timezone.get_current_timezone()
    changefreq = getattr(sitemap, "changefreq", None)
    changefreq = f"<changefreq>{changefreq}</changefreq>" if changefreq else ""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">'
    ]
    for path, lastmod in entries:
        lastmod = f"<lastmod>{lastmod.astimezone(zone):%Y-%m-%d}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(site + path)}</loc>{lastmod}{changefreq}</url>")
    lines.append("</urlset>\n")
    response = HttpResponse("\n".join(lines), content_type="application/xml")
    modified = [lastmod for _, lastmod in entries if lastmod]
    if modified and len(modified) == len(entries):
        # As Django's sitemap view: the newest change on the page, for conditional GETs.
        response["Last-Modified"] = http_date(max(modified).timestamp())
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response
