"""Shared checks for the reader's pages."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def queries_for(client, url):
    """How many SQL queries one anonymous GET of `url` runs (it must answer 200)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def crowded_article(**fields):
    """A live article with five authors and five tags, to show query counts do not grow."""
    from tests.factories import make_article, make_author

    return make_article(
        authors=[make_author() for _ in range(5)],
        tags=[f"thẻ đông {i}" for i in range(5)],
        **fields,
    )
