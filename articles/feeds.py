"""RSS 2.0 feeds: the whole site at /feed/ and each section at /section/<slug>/feed/.

Feed readers treat the text of <title> and <description> as HTML, and the feed
generator only escapes it for XML. Headlines, leads and names are plain text,
so each is HTML-escaped first (`plain`): `giá <5 triệu` reaches the reader as
written, and a headline can never become markup in someone's feed reader.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Enclosure
from django.utils.html import escape as plain
from django.utils.translation import gettext as _

from .models import Article, Section
from .seo import absolute_url, cover_enclosure

FEED_LENGTH = 30


class LatestArticlesFeed(Feed):
    """The newest live articles of the whole site."""

    def title(self):
        return plain(settings.SITE_NAME)

    def link(self):
        return absolute_url(reverse("articles:home"))

    def feed_url(self):
        return absolute_url(reverse("articles:feed"))

    def description(self):
        return plain(_("The latest articles from %(site)s") % {"site": settings.SITE_NAME})

    def articles(self):
        return Article.objects.published().for_listing().newest_first()

    def items(self):
        return self.articles()[:FEED_LENGTH]

    def item_title(self, item):
        return plain(item.title)

    def item_description(self, item):
        return plain(item.lead)

    def item_link(self, item):
        return absolute_url(item.get_absolute_url())

    def item_author_name(self, item):
        return item.byline or None

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.public_updated_at

    def item_categories(self, item):
        return [item.section.name] if item.section else []

    def item_enclosures(self, item):
        enclosure = cover_enclosure(item)
        if enclosure is None:
            return []
        url, length, mime_type = enclosure
        return [Enclosure(url, str(length), mime_type)]


class SectionFeed(LatestArticlesFeed):
    """The newest live articles of one section."""

    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, section):
        return plain(f"{section.name} | {settings.SITE_NAME}")

    def link(self, section):
        return absolute_url(section.get_absolute_url())

    def feed_url(self, section):
        return absolute_url(reverse("articles:section_feed", kwargs={"slug": section.slug}))

    def description(self, section):
        return plain(
            section.description
            or _("The latest articles in %(section)s") % {"section": section.name}
        )

    def items(self, section):
        return self.articles().in_section(section)[:FEED_LENGTH]
