"""Editors merge tags in the Tag admin: articles move, old URLs redirect (issue 11)."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Tag, TaggedArticle
from articles.tags import merge_tags
from tests.factories import make_article, make_editor, make_journalist

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_tag_changelist")


def tag(name):
    return Tag.objects.get(name=name)


def merge_post(client, kept, *merged, confirm=True):
    data = {
        "action": "merge_selected",
        "_selected_action": [kept.pk, *(t.pk for t in merged)],
        "index": 0,
    }
    if confirm:
        data.update(confirm="yes", kept=kept.pk)
    return client.post(CHANGELIST, data)


def test_merge_asks_which_tag_to_keep_before_changing_anything(client, editor):
    make_article(tags=["Bình Dương"])
    make_article(tags=["Binh Duong"])

    response = merge_post(client, tag("Bình Dương"), tag("Binh Duong"), confirm=False)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Gộp thẻ" in html and "Thẻ giữ lại" in html
    assert Tag.objects.count() == 2


def test_merge_moves_articles_and_leaves_one_link_per_article(client, editor):
    both = make_article(tags=["Bình Dương", "Binh Duong"])
    only_old = make_article(tags=["Binh Duong"])
    kept, merged = tag("Bình Dương"), tag("Binh Duong")

    response = merge_post(client, kept, merged)

    assert response.status_code == 302
    assert not Tag.objects.filter(pk=merged.pk).exists()
    assert list(both.tags.all()) == [kept]
    assert list(only_old.tags.all()) == [kept]
    assert TaggedArticle.objects.filter(tag=kept).count() == 2
    entry = LogEntry.objects.get(object_id=str(kept.pk))
    assert entry.user == editor and "Binh Duong" in entry.change_message


def test_an_article_carrying_two_merged_tags_ends_with_one_link(client, editor):
    article = make_article(tags=["TP Thủ Dầu Một", "Thủ Dầu Một"])
    make_article(tags=["Bình Dương"])
    kept = tag("Bình Dương")

    response = merge_post(client, kept, tag("TP Thủ Dầu Một"), tag("Thủ Dầu Một"))

    assert response.status_code == 302
    assert list(article.tags.all()) == [kept]
    assert Tag.objects.get() == kept


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_merged_tags_old_url_redirects_permanently(client, editor, prefix):
    make_article(tags=["Bình Dương"])
    make_article(tags=["Tỉnh Bình Dương"])
    merge_post(client, tag("Bình Dương"), tag("Tỉnh Bình Dương"))
    client.logout()

    response = client.get(f"{prefix}/tag/tinh-binh-duong/")

    assert response.status_code == 301
    assert response["Location"] == f"{prefix}/tag/binh-duong/"
    assert client.get(response["Location"]).status_code == 200
    assert client.get(f"{prefix}/tag/khong-co/").status_code == 404


def test_a_redirect_target_merged_again_sends_old_urls_to_the_final_tag(client, editor):
    make_article(tags=["Thủ Dầu Một"])
    make_article(tags=["TP Thủ Dầu Một"])
    make_article(tags=["Bình Dương"])
    merge_post(client, tag("Thủ Dầu Một"), tag("TP Thủ Dầu Một"))
    merge_post(client, tag("Bình Dương"), tag("Thủ Dầu Một"))
    client.logout()

    for old in ("tp-thu-dau-mot", "thu-dau-mot"):
        response = client.get(f"/tag/{old}/")
        assert (response.status_code, response["Location"]) == (301, "/tag/binh-duong/")
    assert Tag.objects.get().name == "Bình Dương"


def test_the_tag_page_pays_no_query_for_redirects(client, editor):
    make_article(tags=["Bình Dương"])
    make_article(tags=["Binh Duong"])
    client.logout()
    with CaptureQueriesContext(connection) as before:
        client.get("/tag/binh-duong/")

    merge_tags(tag("Bình Dương"), [tag("Binh Duong")], editor)
    with CaptureQueriesContext(connection) as after:
        assert client.get("/tag/binh-duong/").status_code == 200

    assert len(after) == len(before)
    assert not any("tagredirect" in query["sql"] for query in after.captured_queries)


def test_journalists_cannot_merge_tags(client, journalist):
    make_article(tags=["Bình Dương"])
    make_article(tags=["Binh Duong"])

    response = merge_post(client, tag("Bình Dương"), tag("Binh Duong"))

    assert response.status_code == 403
    assert Tag.objects.count() == 2
    assert "merge_selected" not in client.get(CHANGELIST).content.decode()
    with pytest.raises(PermissionDenied):
        merge_tags(tag("Bình Dương"), [tag("Binh Duong")], make_journalist())


def test_a_tag_cannot_be_merged_into_itself(client, editor):
    make_article(tags=["Bình Dương"])
    kept = tag("Bình Dương")

    response = merge_post(client, kept, confirm=False)

    assert response.status_code == 302
    messages = [str(m) for m in response.wsgi_request._messages]
    assert messages == ["Hãy chọn ít nhất hai thẻ: thẻ giữ lại và các thẻ gộp vào."]
    with pytest.raises(ValidationError):
        merge_tags(kept, [kept], make_editor())
    assert Tag.objects.get() == kept and kept.tagged_articles.count() == 1


def test_editors_see_the_merge_action(client, editor):
    Tag.objects.create(name="Bình Dương")
    assert "Gộp vào thẻ…" in client.get(CHANGELIST).content.decode()


@pytest.mark.usefixtures("page_cache")
def test_a_merge_shows_at_once_on_cached_tag_and_article_pages(client):
    make_article(title="Chợ đêm Thủ Dầu Một", tags=["Bình Dương"])
    moved = make_article(title="Khu công nghiệp mới", tags=["Binh Duong"])
    pages = ["/tag/binh-duong/", moved.get_absolute_url()]
    for url in pages:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"

    merge_tags(tag("Bình Dương"), [tag("Binh Duong")], make_editor())

    assert "Khu công nghiệp mới" in client.get("/tag/binh-duong/").content.decode()
    article_page = client.get(moved.get_absolute_url()).content.decode()
    assert "Bình Dương" in article_page and "Binh Duong" not in article_page


def test_a_slug_reused_after_a_merge_can_be_merged_again(client, editor):
    make_article(tags=["Bình Dương"])
    make_article(tags=["Thủ Dầu Một"])
    merge_post(client, tag("Bình Dương"), tag("Thủ Dầu Một"))
    make_article(tags=["Thủ Dầu Một"])  # made again: its slug is free once more
    assert client.get("/tag/thu-dau-mot/").status_code == 200

    merge_post(client, tag("Bình Dương"), tag("Thủ Dầu Một"))

    client.logout()
    response = client.get("/tag/thu-dau-mot/")
    assert (response.status_code, response["Location"]) == (301, "/tag/binh-duong/")
    assert tag("Bình Dương").tagged_articles.count() == 3
