"""Unpublished articles are seen only by their writers and the editors, by every way in.

An embargoed story must not reach another journalist through the list, its
address in the admin, its history, the preview, an autocomplete or "view on
site" (whose redirect would spell the headline in the article's address).
"""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from tests.articles.admin_forms import CHANGELIST_URL, change_url
from tests.factories import make_article, make_author, make_editor, make_journalist

pytestmark = pytest.mark.django_db

HEADLINE = "Bài cấm đăng trước giờ G"
SLUG_WORD = "cam-dang"


def list_shows(client, article):
    return HEADLINE in client.get(CHANGELIST_URL).content.decode()


def search_in_the_list_finds(client, article):
    return HEADLINE in client.get(CHANGELIST_URL, {"q": "cấm đăng"}).content.decode()


def change_page_shows(client, article):
    response = client.get(change_url(article), follow=True)
    return HEADLINE in response.content.decode()


def history_shows(client, article):
    url = reverse("admin:articles_article_history", args=[article.pk])
    return HEADLINE in client.get(url, follow=True).content.decode()


def preview_shows(client, article):
    response = client.get(reverse("articles:preview", kwargs={"pk": article.pk}))
    return response.status_code == 200 and HEADLINE in response.content.decode()


def autocomplete_shows(client, article):
    # Any foreign key to Article will do: Django's view checks the target model's admin only.
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": "articles",
            "model_name": "articleauthor",
            "field_name": "article",
            "term": "cấm",
        },
    )
    return HEADLINE in [item["text"] for item in response.json().get("results", [])]


def view_on_site_reveals(client, article):
    content_type = ContentType.objects.get_for_model(Article)
    response = client.get(f"/admin/r/{content_type.pk}/{article.pk}/")
    return SLUG_WORD in response.get("Location", "")


WAYS_IN = [
    list_shows,
    search_in_the_list_finds,
    change_page_shows,
    history_shows,
    preview_shows,
    autocomplete_shows,
]


def someones_article(**fields):
    return make_article(title=HEADLINE, created_by=make_journalist(), **fields)


HIDDEN = {
    "draft": lambda: someones_article(status=Article.Status.DRAFT),
    "in review": lambda: someones_article(status=Article.Status.REVIEW),
    "scheduled": lambda: someones_article(published_at=timezone.now() + timedelta(hours=6)),
}


@pytest.mark.parametrize("way_in", WAYS_IN + [view_on_site_reveals], ids=lambda f: f.__name__)
@pytest.mark.parametrize("kind", HIDDEN)
def test_a_journalist_cannot_reach_someone_elses_unpublished_article(
    client, journalist, kind, way_in
):
    article = HIDDEN[kind]()
    assert way_in(client, article) is False
    client.force_login(make_editor())
    if way_in is not view_on_site_reveals:
        assert way_in(client, article) is True  # the same request shows it to an editor


def mine(journalist):
    return make_article(title=HEADLINE, created_by=journalist, status=Article.Status.DRAFT)


def credited_to_me(journalist):
    author = make_author("Đỗ Trọng", user=journalist)
    return make_article(
        title=HEADLINE,
        created_by=make_journalist(),
        status=Article.Status.REVIEW,
        authors=[make_author("Phạm Ẩn"), author],
    )


def published_by_someone(journalist):
    return make_article(title=HEADLINE, created_by=make_journalist())


@pytest.mark.parametrize("way_in", WAYS_IN, ids=lambda f: f.__name__)
@pytest.mark.parametrize("article_of", [mine, credited_to_me, published_by_someone])
def test_a_journalist_reaches_their_own_credited_and_published_articles(
    client, journalist, article_of, way_in
):
    assert way_in(client, article_of(journalist)) is True


def test_each_article_is_listed_once_however_many_credits_match(client, journalist):
    make_article(
        title=HEADLINE,
        created_by=journalist,
        authors=[make_author(user=journalist), make_author(user=journalist)],
    )
    assert [a.title for a in client.get(CHANGELIST_URL).context["cl"].result_list] == [HEADLINE]


def test_view_on_site_leads_to_a_live_article_only(client, editor):
    content_type = ContentType.objects.get_for_model(Article)
    live = make_article(title=HEADLINE)
    response = client.get(f"/admin/r/{content_type.pk}/{live.pk}/")
    assert response.status_code == 302 and response["Location"] == live.get_absolute_url()
    draft = make_article(title=HEADLINE, status=Article.Status.DRAFT)
    assert client.get(f"/admin/r/{content_type.pk}/{draft.pk}/").status_code == 404
    assert client.get(f"/admin/r/{content_type.pk}/abc/").status_code == 404


def test_view_on_site_still_serves_other_models(client, editor):
    author = make_author("Đỗ Trọng")
    content_type = ContentType.objects.get_for_model(author)
    response = client.get(f"/admin/r/{content_type.pk}/{author.pk}/")
    assert response.status_code == 302
    assert response["Location"].endswith(author.get_absolute_url())


def test_a_journalist_cannot_act_on_a_hidden_article_by_posting_its_id(client, journalist):
    article = HIDDEN["draft"]()
    response = client.post(
        CHANGELIST_URL,
        {"action": "submit_selected", "_selected_action": [article.pk], "index": 0},
        follow=True,
    )
    assert HEADLINE not in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT
