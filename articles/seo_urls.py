"""Site-wide files for crawlers, outside the language prefixes: one URL each."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from . import sitemaps, views

app_name = "seo"

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path(
        "sitemap-news.xml",
        sitemap_views.sitemap,
        {"sitemaps": sitemaps.NEWS_SITEMAPS, "template_name": "articles/sitemap_news.xml"},
        name="sitemap_news",
    ),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_page, name="sitemap_section"),
]
