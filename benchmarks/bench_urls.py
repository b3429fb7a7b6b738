"""The site's URLs plus the ceiling page (benchmarks.bench_settings only)."""

from django.http import HttpResponse
from django.urls import path

from newsroom.urls import urlpatterns as site_urlpatterns

CEILING_BYTES = 20 * 1024
CEILING_PAGE = (b"<!doctype html><title>ceiling</title><p>" + b"x" * CEILING_BYTES)[:CEILING_BYTES]


def ceiling(request):
    return HttpResponse(CEILING_PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("bench/ceiling/", ceiling, name="bench_ceiling"), *site_urlpatterns]
