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


def test_reader_address_comes_from_the_proxy_header_when_configured(rf, settings):
    from newsroom.middleware import ClientAddressMiddleware

    seen = {}

    def view(request):
        seen["address"] = request.META["REMOTE_ADDR"]
        return None

    settings.CLIENT_IP_HEADER = "X-Real-IP"
    middleware = ClientAddressMiddleware(view)
    middleware(rf.get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_REAL_IP="203.0.113.7"))
    assert seen["address"] == "203.0.113.7"
    # A value that is not an address is ignored.
    middleware(rf.get("/", REMOTE_ADDR="172.18.0.5", HTTP_X_REAL_IP="<script>"))
    assert seen["address"] == "172.18.0.5"
    # Without the setting, a header sent by anybody changes nothing.
    settings.CLIENT_IP_HEADER = ""
    middleware(rf.get("/", REMOTE_ADDR="198.51.100.1", HTTP_X_REAL_IP="203.0.113.7"))
    assert seen["address"] == "198.51.100.1"
