"""The production stack over real HTTP: gunicorn, PostgreSQL, Redis, collected static files."""

import json
import re
import subprocess
import sys

from .helpers import ROOT, closed_port


def test_probes_answer_over_plain_http(production_site):
    # Probes come from inside the server, without X-Forwarded-Proto: no HTTPS redirect.
    healthz = production_site.get("/healthz", https=False)
    assert healthz.status == 200
    assert json.loads(healthz.body) == {"status": "ok"}
    readyz = production_site.get("/readyz", https=False)
    assert readyz.status == 200
    assert json.loads(readyz.body) == {"database": "ok", "cache": "ok"}
    for response in (healthz, readyz):
        assert "no-cache" in response.header("Cache-Control")


def test_article_page_is_served_with_the_security_headers(production_site):
    response = production_site.get(production_site.seed["article_url"])
    assert response.status == 200
    assert "Khánh thành cầu Cửa Hội" in response.text
    assert response.header("Strict-Transport-Security") == (
        "max-age=31536000; includeSubDomains; preload"
    )
    policy = response.header("Content-Security-Policy")
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy
    assert response.header("X-Content-Type-Options") == "nosniff"
    assert response.header("X-Frame-Options") == "DENY"
    assert response.header("Referrer-Policy") == "strict-origin-when-cross-origin"
    assert response.header("Cross-Origin-Opener-Policy") == "same-origin"


def test_plain_http_is_sent_to_https(production_site):
    url = production_site.seed["article_url"]
    response = production_site.get(url, https=False)
    assert response.status == 301
    assert response.header("Location") == f"{production_site.origin}{url}"


def test_static_files_are_hashed_compressed_and_cached_for_a_year(production_site):
    page = production_site.get(production_site.seed["article_url"]).text
    stylesheet = re.search(r'href="(/static/css/site\.[0-9a-f]{12}\.css)"', page).group(1)
    response = production_site.get(stylesheet)
    assert response.status == 200
    assert response.header("Content-Type").startswith("text/css")
    max_age = int(re.search(r"max-age=(\d+)", response.header("Cache-Control")).group(1))
    assert max_age >= 365 * 24 * 3600
    assert "immutable" in response.header("Cache-Control")
    gzipped = production_site.get(stylesheet, headers={"Accept-Encoding": "gzip"})
    assert gzipped.header("Content-Encoding") == "gzip"
    assert len(gzipped.body) < len(response.body)


def test_admin_works_with_its_static_files(production_site):
    login = production_site.get("/admin/login/")
    assert login.status == 200
    styles = re.findall(r'href="(/static/admin/css/[^"]+)"', login.text)
    assert styles and all(production_site.get(href).status == 200 for href in styles)


def test_each_request_is_one_log_line_with_status_and_duration(production_site):
    production_site.get("/healthz", https=False)
    production_site.get("/khong-co-trang-nay/")
    log = production_site.log()
    assert re.search(r"INFO \[newsroom\.requests\] GET /healthz 200 \d+\.\dms", log)
    assert re.search(r"\[newsroom\.requests\] GET /khong-co-trang-nay/ 404 \d+\.\dms", log)


def test_not_found_page_shows_no_debug_information(production_site):
    response = production_site.get("/khong-co-trang-nay/")
    assert response.status == 404
    assert "Traceback" not in response.text and "urlpatterns" not in response.text


def run_container_healthcheck(site, port):
    env = {**site.env, "GUNICORN_BIND": f"0.0.0.0:{port}"}
    command = [sys.executable, "deploy/healthcheck.py"]
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, timeout=30)


def test_the_containers_health_check_passes_while_gunicorn_answers(production_site):
    assert run_container_healthcheck(production_site, production_site.port).returncode == 0
    assert run_container_healthcheck(production_site, closed_port()).returncode == 1
