"""The page cache on the production stack when Redis goes away: gunicorn keeps serving
every page, rendered, and caches again once Redis is back."""

import time

import pytest

from .test_nginx_micro_cache import publish_article


def test_cached_pages_survive_a_redis_outage_and_are_cached_again_after(production_site):
    site = production_site
    url = f"{site.seed['article_url']}?cache={time.monotonic_ns()}"
    site.get(url)
    assert site.get(url).header("X-Page-Cache") == "hit"

    site.redis_proxy.cut()
    try:
        started = time.monotonic()
        for _ in range(4):
            page = site.get(url)
            assert page.status == 200 and "Khánh thành cầu Cửa Hội" in page.text
            assert page.header("X-Page-Cache") is None  # rendered, not cached
        assert time.monotonic() - started < 4
        publish_article(site, "Tin đăng khi Redis ngừng")
        assert "Tin đăng khi Redis ngừng" in site.get(f"/?cache={time.monotonic_ns()}").text
    finally:
        site.redis_proxy.restore()

    statuses = [site.get(url).header("X-Page-Cache") for _ in range(8)]
    assert "hit" in statuses
    assert "Cache unavailable" in site.log()


@pytest.fixture(autouse=True)
def _redis_is_back_after_each_test(production_site):
    yield
    production_site.redis_proxy.cut()  # idempotent reset: listening again
    production_site.redis_proxy.restore()
