"""nginx's micro-cache, with deploy/nginx.conf run by a real nginx in front of the
production gunicorn: a page is kept about a second (two at most, on nginx's whole-second clock), only when the app marks it as
shared, never for a session, and a spike on a new page makes one request to the app."""

import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

from . import test_nginx
from .helpers import ROOT

# The same fixture as test_nginx's: deploy/nginx.conf in front of the production site.
nginx = test_nginx.nginx


def run_in_site(site, script):
    """Run Python in the site's environment, as a management command would."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=site.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr


def publish_article(site, title):
    """An editor publishes a new article in the seeded section, through the service."""
    run_in_site(
        site,
        "from articles import services\n"
        "from articles.models import Article, ArticleAuthor, Author, Section\n"
        "from django.contrib.auth import get_user_model\n"
        f"article = Article.objects.create(title={title!r}, section=Section.objects.first())\n"
        "ArticleAuthor.objects.create(article=article, author=Author.objects.first())\n"
        "services.publish(article, get_user_model().objects.get(username='bientap'))\n",
    )


def test_nginx_keeps_an_anonymous_page_for_a_second_and_the_app_shows_changes_at_once(
    nginx, production_site
):
    url = f"/?micro={time.monotonic_ns()}"
    assert nginx.get(url).header("X-Micro-Cache") == "MISS"
    cached = nginx.get(url)
    assert cached.header("X-Micro-Cache") == "HIT"
    assert cached.header("X-Accel-Expires") is None  # nginx keeps it to itself

    publish_article(production_site, "Tin nóng qua bộ đệm")
    # gunicorn behind nginx: the app's own cache shows the change to the next request.
    direct = production_site.get(url)
    assert direct.header("X-Page-Cache") == "miss"
    assert "Tin nóng qua bộ đệm" in direct.text
    # Through nginx, within two seconds: nginx counts X-Accel-Expires: 1 in whole seconds of
    # its clock, so a page made late in one second is still served until the next one ends.
    time.sleep(2.1)
    fresh = nginx.get(url)
    assert fresh.header("X-Micro-Cache") in ("EXPIRED", "MISS")
    assert "Tin nóng qua bộ đệm" in fresh.text


def test_nginx_never_keeps_or_serves_cached_pages_to_a_session(nginx, production_site):
    url = f"{production_site.seed['article_url']}?session={time.monotonic_ns()}"
    nginx.get(url)
    assert nginx.get(url).header("X-Micro-Cache") == "HIT"
    with_session = nginx.get(url, headers={"Cookie": "sessionid=abc"})
    assert with_session.status == 200
    assert with_session.header("X-Micro-Cache") == "BYPASS"
    assert with_session.header("X-Page-Cache") is None  # the app made it for them


def test_nginx_keeps_only_what_the_app_marks_as_shared(nginx, production_site):
    for url in ("/admin/login/", production_site.seed["csrf_url"], "/healthz"):
        nginx.get(url)
        assert nginx.get(url).header("X-Micro-Cache") != "HIT", url


def test_a_spike_on_a_new_page_makes_one_request_to_the_app(nginx, production_site):
    # The request log names the path only: count the search page's lines.
    before = production_site.log().count("GET /search/ 200")
    url = f"/search/?q=cau&spike={time.monotonic_ns()}"
    with ThreadPoolExecutor(max_workers=16) as pool:
        responses = list(pool.map(lambda _: nginx.get(url), range(16)))
    assert {response.status for response in responses} == {200}
    assert production_site.log().count("GET /search/ 200") == before + 1
