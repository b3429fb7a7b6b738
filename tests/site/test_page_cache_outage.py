"""The page cache when Redis cannot be reached: pages are rendered, never broken, and
a change saved during the outage is not hidden by pages cached before it."""

import socket

import pytest

from articles import services
from articles.models import Article
from tests.factories import make_article, make_editor

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

LOCAL_MEMORY = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


def unreachable_redis():
    """The site's cache backend, pointed at a port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.25},
        }
    }


@pytest.fixture
def cache_outage(settings):
    """Switch the cache off and on; the local-memory store keeps its entries meanwhile."""
    settings.CACHES = LOCAL_MEMORY

    class Outage:
        def start(self):
            settings.CACHES = unreachable_redis()

        def end(self):
            settings.CACHES = LOCAL_MEMORY

    return Outage()


def test_pages_are_rendered_fresh_while_the_cache_is_unreachable(client, cache_outage):
    article = make_article(title="Khánh thành cầu Cửa Hội")
    client.get("/")
    cache_outage.start()
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200 and "Khánh thành cầu Cửa Hội" in page.content.decode()
    assert "X-Page-Cache" not in page and "X-Accel-Expires" not in page

    draft = make_article(title="Tin đăng khi Redis ngừng", status=Article.Status.DRAFT)
    services.publish(draft, make_editor())
    assert "Tin đăng khi Redis ngừng" in client.get("/").content.decode()


def test_a_change_saved_during_an_outage_shows_when_the_cache_is_back(client, cache_outage):
    make_article(title="Khánh thành cầu Cửa Hội")
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"

    cache_outage.start()
    draft = make_article(title="Tin đăng khi Redis ngừng", status=Article.Status.DRAFT)
    services.publish(draft, make_editor())  # the cache never hears of it
    cache_outage.end()

    assert "Tin đăng khi Redis ngừng" in client.get("/").content.decode()
    client.get("/")
    assert client.get("/")["X-Page-Cache"] == "hit"
