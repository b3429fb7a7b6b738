"""Search that readers trust: words together, exact diacritics first (issue 13, goal 5)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def ago(hours):
    return timezone.now() - timedelta(hours=hours)


def found(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return [article.title for article in response.context["articles"]]


def test_a_place_name_is_not_found_in_two_words_that_fold_to_it(client):
    make_article(
        title="Đón Bình Minh trên biển",
        lead="Du khách dậy sớm.",
        body="<p>Con đường ven biển đông người.</p>",
        published_at=ago(1),
    )
    province = make_article(title="Bình Dương mở rộng khu công nghiệp", published_at=ago(5))
    assert found(client, "Bình Dương") == [province.title]


def test_the_words_together_are_found_wherever_they_are(client):
    in_body = make_article(
        title="Tin tổng hợp", body="<p>Tỉnh Bình Dương có thêm cầu.</p>", published_at=ago(2)
    )
    assert found(client, "Bình Dương") == [in_body.title]
    assert found(client, "binh duong") == [in_body.title]


def test_exact_diacritics_rank_above_folded_matches(client):
    folded = make_article(title="Tình người nơi biên giới", published_at=ago(1))
    exact = make_article(title="Tỉnh nhà vào mùa lúa", published_at=ago(40))
    assert found(client, "tỉnh") == [exact.title, folded.title]
    # Without diacritics both are the same word: the newest comes first.
    assert found(client, "tinh") == [folded.title, exact.title]


def test_words_together_rank_above_the_same_words_apart(client):
    apart = make_article(
        title="Tin địa phương",
        body="<p>Phát động phong trào, rồi triển khai kế hoạch.</p>",
        published_at=ago(1),
    )
    together = make_article(
        title="Tin kinh tế", body="<p>Tỉnh phát triển du lịch biển.</p>", published_at=ago(30)
    )
    assert found(client, "phat trien") == [together.title, apart.title]


def test_words_typed_with_diacritics_may_be_apart_when_spelled_so_in_the_headline(client):
    article = make_article(title="Đà Nẵng khởi công cầu vượt biển", published_at=ago(1))
    assert found(client, "Đà Nẵng cầu") == [article.title]
    assert found(client, "Đà Nẵng cẩu") == []


def test_the_query_as_typed_in_the_headline_ranks_first_whatever_its_case(client):
    folded = make_article(title="Da nang tin nhanh", published_at=ago(1))
    exact = make_article(title="Đà Nẵng đón khách", published_at=ago(30))
    assert found(client, "đà nẵng") == [exact.title, folded.title]
