"""Outages against the production stack: PostgreSQL or Redis goes away and comes back."""

import json
import re
import time

import pytest

UNAVAILABLE_HEADING = "Trang báo tạm thời không truy cập được"


def test_database_outage_shows_the_themed_page_and_the_site_recovers_by_itself(
    production_site,
):
    site = production_site
    url = site.seed["article_url"]
    workers = site.workers()
    for n in range(4):  # every worker keeps a connection open (CONN_MAX_AGE)
        assert site.get(f"{url}?before={n}").status == 200

    site.db_proxy.cut()
    try:
        for n in range(4):
            response = site.get(f"{url}?outage={n}")
            assert response.status == 503
            assert UNAVAILABLE_HEADING in response.text
            assert "Traceback" not in response.text and "psycopg" not in response.text
            assert response.header("Retry-After") == "30"
        readyz = site.get("/readyz", https=False)
        assert readyz.status == 503
        assert json.loads(readyz.body) == {"database": "unavailable", "cache": "ok"}
        assert site.get("/healthz", https=False).status == 200
    finally:
        site.db_proxy.restore()

    for n in range(4):
        assert site.get(f"{url}?after={n}").status == 200
    assert json.loads(site.get("/readyz", https=False).body) == {"database": "ok", "cache": "ok"}
    assert site.workers() == workers  # recovered without a restart
    log = site.log()
    assert "Database unavailable while serving" in log and "Traceback" in log
    assert re.search(rf"GET {re.escape(url)} 503 ", log)


def test_redis_outage_keeps_the_site_serving_and_recovers(production_site):
    site = production_site
    url = site.seed["article_url"]
    site.redis_proxy.cut()
    try:
        started = time.monotonic()
        response = site.get(f"{url}?redis=down")
        assert response.status == 200
        assert "Khánh thành cầu Cửa Hội" in response.text
        assert time.monotonic() - started < 2
        readyz = site.get("/readyz", https=False)
        assert readyz.status == 503
        assert json.loads(readyz.body) == {"database": "ok", "cache": "unavailable"}
    finally:
        site.redis_proxy.restore()

    assert site.get(f"{url}?redis=back").status == 200
    assert json.loads(site.get("/readyz", https=False).body) == {"database": "ok", "cache": "ok"}
    assert "Cache unavailable" in site.log()


@pytest.fixture(autouse=True)
def _site_is_whole_after_each_fault(production_site):
    yield
    production_site.db_proxy.cut()  # idempotent reset: both proxies listening again
    production_site.db_proxy.restore()
    production_site.redis_proxy.cut()
    production_site.redis_proxy.restore()
