"""/healthz and /readyz, in process, against the real database and cache."""

import json

import pytest

from .helpers import closed_port


def test_healthz_answers_without_touching_the_database(client):
    # No db fixture: pytest-django makes any query here fail the test.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_reports_database_and_cache_ok(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_readyz_names_the_cache_when_redis_is_unreachable(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "cache": "unavailable"}


@pytest.mark.django_db
def test_readyz_names_the_database_when_it_fails(client, failing_database):
    response = client.get("/readyz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"database": "unavailable", "cache": "ok"}
