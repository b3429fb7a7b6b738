"""One log line per request, with method, path, status and duration."""

import logging
import re

import pytest

from tests.factories import make_article


def test_each_request_logs_one_line_with_status_and_duration(client, caplog):
    with caplog.at_level(logging.INFO, logger="newsroom.requests"):
        client.get("/healthz")
    lines = [r.getMessage() for r in caplog.records if r.name == "newsroom.requests"]
    assert len(lines) == 1
    assert re.fullmatch(r"GET /healthz 200 \d+\.\dms", lines[0])


@pytest.mark.django_db
def test_not_found_and_unavailable_pages_are_logged_with_their_status(client, caplog):
    article = make_article()
    with caplog.at_level(logging.INFO, logger="newsroom.requests"):
        client.get("/khong-co-bai-nay-999999.html")
        client.get(article.get_absolute_url(), HTTP_X_FORWARDED_PROTO="https")
    lines = [r.getMessage() for r in caplog.records if r.name == "newsroom.requests"]
    assert lines[0].startswith("GET /khong-co-bai-nay-999999.html 404 ")
    assert lines[1].startswith(f"GET {article.get_absolute_url()} 200 ")
