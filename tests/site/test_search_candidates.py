"""Search's bounded work: only the newest matches are ranked, a rare word is found
however old, and every write keeps the full-text index right (issue 13, goal 4)."""

import io
import json
from datetime import datetime, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from articles import revisions
from articles.models import Article
from articles.search import query_words
from tests.factories import make_article, make_editor, make_import_record

pytestmark = pytest.mark.django_db


def ago(hours):
    return timezone.now() - timedelta(hours=hours)


def found(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return [article.title for article in response.context["articles"]]


def searched(query):
    matches = Article.objects.published().search(query_words(query), query)
    return list(matches.values_list("title", flat=True))


def test_a_common_word_ranks_only_the_newest_matches(client, settings):
    settings.SEARCH_CANDIDATES = 3
    make_article(title="Tỉnh ủy họp phiên cuối năm", published_at=ago(100))
    make_article(title="Tỉnh đoàn ra quân", published_at=ago(50))
    for i in range(1, 5):
        make_article(title=f"Tin số {i}", lead="Về tình hình tỉnh nhà.", published_at=ago(i))
    # The three newest matches only: the older headlines spelled as typed are beyond them.
    assert found(client, "tỉnh") == ["Tin số 1", "Tin số 2", "Tin số 3"]
    # Within the candidates, the headline spelled as typed still comes first.
    settings.SEARCH_CANDIDATES = 5
    expected = ["Tỉnh đoàn ra quân", "Tin số 1", "Tin số 2", "Tin số 3", "Tin số 4"]
    assert found(client, "tỉnh") == expected


def test_the_summary_says_when_more_articles_match_than_are_ranked(client, settings):
    settings.SEARCH_CANDIDATES = 2
    for i in range(3):
        make_article(title=f"Hội nghị số {i}", published_at=ago(i + 1))
    html = client.get("/search/", {"q": "hội nghị"}).content.decode()
    assert "Tìm thấy hơn 2 bài viết cho “hội nghị”." in html
    assert client.get("/search/", {"q": "hội nghị", "page": 2}).status_code == 404


def test_a_rare_word_is_found_in_an_old_article_behind_many_newer_matches_of_others(
    client, settings
):
    settings.SEARCH_CANDIDATES = 3
    old = make_article(
        title="Tặng quà đồng bào vùng cao",
        body="<p>Đoàn công tác đến huyện Tủa Chùa.</p>",
        published_at=datetime(2015, 3, 2, 8, 0, tzinfo=timezone.get_current_timezone()),
    )
    for i in range(6):
        make_article(title=f"Tặng quà đồng bào đợt {i}", published_at=ago(i + 1))
    assert found(client, "Tủa Chùa") == [old.title]
    assert found(client, "tua chua") == [old.title]
    assert found(client, "tang qua tua chua") == [old.title]


def test_the_place_name_rule_applies_before_the_newest_matches_are_taken(client, settings):
    """Newer articles holding "Bình Minh ... đường" must not crowd out the real match."""
    settings.SEARCH_CANDIDATES = 2
    real = make_article(title="Bình Dương mở rộng khu công nghiệp", published_at=ago(30))
    for i in range(4):
        make_article(
            title=f"Đón Bình Minh trên biển {i}",
            body="<p>Con đường ven biển.</p>",
            published_at=ago(i + 1),
        )
    assert found(client, "Bình Dương") == [real.title]


def test_creating_and_editing_keep_search_right():
    article = make_article(title="Khánh thành cầu Rồng")
    assert searched("cau rong") == [article.title]
    article.title = "Khánh thành cầu Hàn"
    article.save()
    assert searched("cau rong") == []
    assert searched("cau han") == [article.title]
    article.lead = "Người dân Sơn Trà vui mừng."
    article.save(update_fields=["lead"])
    assert searched("son tra") == [article.title]


def test_writes_that_bypass_save_keep_search_right():
    article = make_article(title="Mùa lúa chín")
    Article.objects.filter(pk=article.pk).update(search_text=" mua gat vang ")
    assert searched("lua chin") == []
    assert searched("mua gat") == [article.title]
    article.search_text = " dong lua thom "
    Article.objects.bulk_update([article], ["search_text"])
    assert searched("lua thom") == [article.title]


def test_restoring_a_revision_keeps_search_right():
    editor = make_editor()
    article = make_article(title="Giải bóng chuyền nữ")
    first = revisions.record(article, editor)
    article.title = "Giải cầu lông nữ"
    article.save()
    revisions.record(article, editor)
    assert searched("bong chuyen") == []
    revisions.restore(first, editor)
    assert searched("bong chuyen") == ["Giải bóng chuyền nữ"]
    assert searched("cau long") == []


def test_importing_keeps_search_right(tmp_path):
    record = make_import_record(external_id="cu-1", title="Lễ hội Đền Hùng", body="<p>Phú Thọ</p>")
    for body in ["<p>Phú Thọ</p>", "<p>Việt Trì</p>"]:
        path = tmp_path / "archive.jsonl"
        path.write_text(json.dumps({**record, "body": body}, ensure_ascii=False) + "\n")
        call_command("import_articles", str(path), stdout=io.StringIO())
        if body == "<p>Phú Thọ</p>":
            assert searched("le hoi den hung phu tho") == ["Lễ hội Đền Hùng"]
    assert searched("phu tho") == []
    assert searched("viet tri") == ["Lễ hội Đền Hùng"]
