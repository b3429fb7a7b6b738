"""While the database is unreachable, reader pages answer a themed 503."""

import logging

import pytest
from django.test import Client

from newsroom.middleware import service_unavailable_response
from tests.factories import make_article


@pytest.fixture
def article(db):
    return make_article(title="Khánh thành cầu mới")


def test_reader_page_answers_503_in_vietnamese_without_a_traceback(
    client, article, failing_database, caplog
):
    with caplog.at_level(logging.ERROR):
        response = client.get(article.get_absolute_url())

    assert response.status_code == 503
    page = response.content.decode()
    assert "Trang báo tạm thời không truy cập được" in page
    assert '<link rel="stylesheet" href="/static/css/site' in page
    assert "Traceback" not in page and "OperationalError" not in page
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    # The traceback goes to the log instead.
    logged = [r for r in caplog.records if r.name == "newsroom.middleware"]
    assert logged and logged[0].exc_info and "server closed the connection" in caplog.text


def test_english_reader_page_gets_the_english_notice(client, article, failing_database):
    response = client.get("/en" + article.get_absolute_url())
    assert response.status_code == 503
    assert "The site is temporarily unavailable" in response.content.decode()


def test_the_unavailable_page_itself_makes_no_query(db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = service_unavailable_response()
    assert response.status_code == 503


def test_pages_come_back_when_the_database_does(client, article, failing_database):
    assert client.get(article.get_absolute_url()).status_code == 503


def test_page_after_an_outage_is_served_again(article):
    # No restart, no state left behind by the previous test's outage.
    assert Client().get(article.get_absolute_url()).status_code == 200
