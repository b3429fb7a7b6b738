"""Listings load what they show: no article body or search column leaves the database."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article
from tests.site.helpers import crowded_article

pytestmark = pytest.mark.django_db

HEAVY_COLUMNS = re.compile(r'"articles_article"\."(body|search_text|search_title)"')


def sql_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in queries]


@pytest.mark.parametrize("kind", ["home", "section", "tag", "author", "related"])
def test_list_pages_never_select_bodies_or_search_columns(client, kind):
    article = crowded_article()
    for _ in range(3):
        make_article(section=article.section, tags=["thẻ đông 0"])
    url = {
        "home": "/",
        "section": article.section.get_absolute_url(),
        "tag": "/tag/the-dong-0/",
        "author": article.credits.first().author.get_absolute_url(),
        "related": article.get_absolute_url(),
    }[kind]
    selects = [sql.split(" FROM ")[0] for sql in sql_of(client, url)]
    heavy = [sql for sql in selects if HEAVY_COLUMNS.search(sql)]
    if kind == "related":
        # The article itself loads its body (not its search columns); the cards do not.
        assert len(heavy) == 1 and '"articles_article"."search_text"' not in heavy[0]
    else:
        assert heavy == []


def test_front_page_headings_never_skip_a_level(client):
    """The lead story's h3 follows an h2, not the page's h1 (Lighthouse, axe, Nu)."""
    make_article(featured=True)
    for _ in range(8):
        make_article()
    html = client.get("/").content.decode()
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", html)]
    assert levels[0] == 1 and 3 in levels
    assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False))
