"""Journalists make tags from the article form by typing a new name (issue 11)."""

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleRevision, Tag
from tests.articles.admin_forms import ADD_URL, article_form_data, change_url
from tests.factories import make_article, make_editor, make_section

pytestmark = pytest.mark.django_db


def new_article_data(tags):
    data = article_form_data(title="Khai trương chợ đêm", section=make_section())
    data["tags"] = tags
    return data


def test_journalist_creates_a_tag_by_typing_it_in_the_article_form(client, journalist):
    response = client.post(ADD_URL, new_article_data(["  Bình   Dương "]))

    assert response.status_code == 302
    article = Article.objects.get(title="Khai trương chợ đêm")
    tag = Tag.objects.get()
    assert (tag.name, tag.slug) == ("Bình Dương", "binh-duong")
    assert list(article.tags.all()) == [tag]


def test_a_typed_name_reuses_the_tag_whatever_its_case(client, journalist):
    existing = Tag.objects.create(name="Bình Dương")
    sport = Tag.objects.create(name="Thể thao")

    client.post(ADD_URL, new_article_data(["bình dương", "BÌNH DƯƠNG", str(sport.pk)]))

    article = Article.objects.get(title="Khai trương chợ đêm")
    assert sorted(article.tags.all(), key=str) == [existing, sport]
    assert Tag.objects.count() == 2


def test_editor_creates_a_tag_next_to_chosen_ones(client, editor):
    education = Tag.objects.create(name="Giáo dục")
    article = make_article(tags=[])

    data = article_form_data(article)
    data["tags"] = [str(education.pk), "Đắk Lắk"]
    client.post(change_url(article), data)

    assert sorted(article.tags.names()) == ["Giáo dục", "Đắk Lắk"]
    assert Tag.objects.get(name="Đắk Lắk").slug == "dak-lak"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("   ", "Thẻ không được để trống."),
        ("x" * 51, "quá dài: tối đa 50 ký tự."),
    ],
)
def test_bad_tag_names_are_refused_and_nothing_is_saved(client, journalist, typed, message):
    response = client.post(ADD_URL, new_article_data(["Hợp lệ", typed]))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Article.objects.exists()
    assert not Tag.objects.exists()


def test_a_form_refused_for_another_field_creates_no_tag_and_keeps_the_typed_name(
    client, journalist
):
    data = new_article_data(["Chợ đêm"])
    data["title"] = ""

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert not Tag.objects.exists()
    assert '<option value="Chợ đêm" selected>Chợ đêm</option>' in response.content.decode()


def test_journalist_still_cannot_rename_or_delete_tags(client, journalist):
    tag = Tag.objects.create(name="Giáo dục")

    client.post(reverse("admin:articles_tag_change", args=[tag.pk]), {"name": "Đổi tên"})
    response = client.post(reverse("admin:articles_tag_delete", args=[tag.pk]), {"post": "yes"})

    assert response.status_code == 403
    assert Tag.objects.get().name == "Giáo dục"


def test_a_tag_named_in_a_pending_correction_is_made_when_the_editor_publishes_it(
    client, journalist
):
    article = make_article(created_by=journalist, tags=["Giao thông"])
    data = article_form_data(article)
    data["tags"] = ["Cầu Cửa Hội"]

    client.post(change_url(article), data)

    assert not Tag.objects.filter(name="Cầu Cửa Hội").exists()
    reopened = client.get(change_url(article)).content.decode()
    assert '<option value="Cầu Cửa Hội" selected>Cầu Cửa Hội</option>' in reopened
    correction = ArticleRevision.objects.pending().get(article=article)
    editor = Client()
    editor.force_login(make_editor())
    url = reverse("admin:articles_article_correction", args=[article.pk, correction.pk])
    editor.post(url, {"_publish": "1"})
    assert list(article.tags.names()) == ["Cầu Cửa Hội"]
    assert Tag.objects.get(name="Cầu Cửa Hội").slug == "cau-cua-hoi"
