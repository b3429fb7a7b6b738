"""Logging in to the admin lands in the admin, whatever `next` the link carried."""

import pytest
from django.urls import reverse

from tests.factories import make_editor

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("admin:login")


def log_in(client, next_url):
    make_editor(username="bientap", password="s3cret-Pass!")
    return client.post(
        f"{LOGIN_URL}?next={next_url}",
        {"username": "bientap", "password": "s3cret-Pass!", "next": next_url},
    )


@pytest.mark.parametrize(
    "next_url",
    [
        "https://evil.example/",
        "//evil.example",
        "/\\evil.example",
        "https:evil.example",
        "http://testserver.evil.example/",
        " //evil.example",
    ],
)
def test_an_unsafe_next_lands_in_the_admin(client, next_url):
    response = log_in(client, next_url)
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200


def test_a_next_on_the_site_is_followed(client):
    response = log_in(client, "/admin/articles/article/")
    assert response["Location"] == "/admin/articles/article/"
