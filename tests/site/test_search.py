import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles import search_index
from articles.models import Article
from articles.search import MAX_QUERY_WORDS, MAX_WORD_LENGTH, query_words
from tests.factories import make_article
from tests.site.helpers import crowded_article, queries_for

pytestmark = pytest.mark.django_db

SEARCH_PAGE_BUDGET = 4


def ago(hours):
    return timezone.now() - timedelta(hours=hours)


def found(client, query, **params):
    response = client.get("/search/", {"q": query, **params})
    assert response.status_code == 200
    return [article.title for article in response.context["articles"]]


@pytest.mark.parametrize("query", ["lam theo bac", "LÀM THEO BÁC", "làm theo Bác", "Lam Theo BAC"])
def test_case_and_diacritics_do_not_matter(client, query):
    make_article(title="Học và làm theo Bác")
    make_article(title="Bác sĩ làng")
    assert found(client, query) == ["Học và làm theo Bác"]


def test_d_with_stroke_is_found_as_plain_d(client):
    make_article(title="Xây dựng địa phương", lead="Đà Nẵng và Đồng Nai.")
    assert found(client, "dia phuong") == ["Xây dựng địa phương"]
    assert found(client, "da nang dong nai") == ["Xây dựng địa phương"]
    assert found(client, "ĐỊA PHƯƠNG") == ["Xây dựng địa phương"]


def test_every_word_must_match_in_the_title_lead_or_body(client):
    make_article(title="Giá lúa", lead="Nông dân phấn khởi.", body="<p>Vụ mùa <b>bội</b>thu</p>")
    assert found(client, "gia lua nong dan") == ["Giá lúa"]
    assert found(client, "lua bothu") == []
    assert found(client, "vu mua boi") == ["Giá lúa"]
    assert found(client, "lua tom") == []


def test_words_match_whole_syllables_not_parts_of_longer_words(client):
    make_article(title="Bạn đọc viết")
    assert found(client, "ban") == ["Bạn đọc viết"]
    assert found(client, "an") == []


def test_headline_matches_rank_above_body_only_matches(client):
    body_only = make_article(
        title="Tin tổng hợp", body="<p>Lễ hội pháo hoa</p>", published_at=ago(1)
    )
    in_title = make_article(title="Lễ hội pháo hoa quốc tế", published_at=ago(30))
    assert found(client, "phao hoa") == [in_title.title, body_only.title]


def test_unpublished_articles_are_never_found(client):
    make_article(title="Ngập lụt nháp", status=Article.Status.DRAFT)
    make_article(title="Ngập lụt chờ duyệt", status=Article.Status.REVIEW)
    make_article(title="Ngập lụt hẹn giờ", published_at=timezone.now() + timedelta(hours=1))
    live = make_article(title="Ngập lụt đã đăng")
    assert found(client, "ngap lut") == [live.title]


def test_editing_an_article_updates_what_search_finds(client):
    article = make_article(title="Tít cũ")
    article.title = "Tít mới về cầu Rồng"
    article.save(update_fields=["title"])
    assert found(client, "cau rong") == ["Tít mới về cầu Rồng"]
    assert found(client, "tit cu") == []


def test_matched_words_are_highlighted_in_the_diacritic_text(client):
    make_article(title="Phát triển địa phương", lead="Đầu tư cho địa phương miền núi.")
    html = client.get("/search/", {"q": "dia phuong"}).content.decode()
    assert "Phát triển <mark>địa</mark> <mark>phương</mark>" in html
    assert "Đầu tư cho <mark>địa</mark> <mark>phương</mark> miền núi." in html


def test_excerpt_comes_from_the_body_when_only_the_body_matches(client):
    filler = " ".join(["chữ"] * 80)
    make_article(
        title="Tin tức",
        lead="Sapo không liên quan.",
        body=f"<p>{filler}</p><p>Giải <strong>bóng chuyền</strong> nữ.</p><p>{filler}</p>",
    )
    response = client.get("/search/", {"q": "bong chuyen"})
    excerpt = response.context["results"][0][2]
    assert "Giải <mark>bóng</mark> <mark>chuyền</mark> nữ." in excerpt
    assert excerpt.startswith("… ") and excerpt.endswith(" …")
    assert len(excerpt.split()) < 60


def test_reader_text_is_escaped_before_it_is_highlighted(client):
    make_article(
        title='Tin <b>đậm</b> "x"', lead="<script>alert('địa phương')</script> & địa phương"
    )
    html = client.get("/search/", {"q": "dam dia phuong"}).content.decode()
    assert "<script>alert" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(&#x27;<mark>địa</mark> <mark>phương</mark>&#x27;)" in html
    assert "Tin &lt;b&gt;<mark>đậm</mark>&lt;/b&gt; &quot;x&quot;" in html


@pytest.mark.parametrize(
    "query",
    [
        '"làm theo Bác"',
        "lam AND theo OR NOT bac",
        "lam & theo | !bac (x) -y +z ~w",
        "🎉🔥 Bác 🇻🇳",
        "'; DROP TABLE articles_article; --",
        "' OR 1=1 --",
        "%_\\%",
        "x" * 10_000,
        "làm " * 2_000,
        "lam\x00theo",
        "<script>alert(1)</script>",
        "中文 русский العربية",
        "   ",
    ],
    ids=[
        "quotes",
        "operators",
        "symbols",
        "emoji",
        "sql-drop",
        "sql-or",
        "like-wildcards",
        "10k-chars",
        "2k-words",
        "nul",
        "html",
        "other-scripts",
        "blanks",
    ],
)
def test_strange_queries_give_an_ordinary_page(client, query):
    make_article(title="Học và làm theo Bác")
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert Article.objects.count() == 1


def test_empty_query_shows_the_search_page_without_results(client, django_assert_max_num_queries):
    make_article(title="Học và làm theo Bác")
    with django_assert_max_num_queries(1):  # the section menu only
        response = client.get("/search/")
    assert response.status_code == 200
    assert response.context["results"] == []
    assert "Nhập một hay nhiều từ để tìm bài viết" in response.content.decode()


def test_no_match_says_so(client):
    make_article(title="Học và làm theo Bác")
    html = client.get("/search/", {"q": "tàu vũ trụ"}).content.decode()
    assert "Không tìm thấy bài viết nào cho “tàu vũ trụ”." in html


def test_results_are_paginated_keeping_the_query_and_counted_up_to_the_page(client, settings):
    settings.READER_PAGE_SIZE = 2
    for i in range(3):
        make_article(title=f"Hội nghị số {i}", published_at=ago(i + 1))
    response = client.get("/search/", {"q": "hội nghị"})
    html = response.content.decode()
    # Counting every match of a common word costs as much as ranking them all.
    assert "Tìm thấy hơn 2 bài viết cho “hội nghị”." in html
    assert 'href="?q=h%E1%BB%99i%20ngh%E1%BB%8B&amp;page=2"' in html
    last = client.get("/search/", {"q": "hội nghị", "page": 2})
    assert [article.title for article in last.context["articles"]] == ["Hội nghị số 2"]
    assert "Tìm thấy 3 bài viết cho “hội nghị”." in last.content.decode()
    assert client.get("/search/", {"q": "hội nghị", "page": 3}).status_code == 404


def test_header_search_box_keeps_the_query_only_on_the_search_page(client):
    article = make_article(title="Học và làm theo Bác")
    search_html = client.get("/search/", {"q": "làm theo"}).content.decode()
    assert 'id="search-q" type="search" name="q" value="làm theo"' in search_html
    for url in ["/?q=làm", article.section.get_absolute_url() + "?q=làm"]:
        assert 'id="search-q" type="search" name="q" value=""' in client.get(url).content.decode()


def test_search_queries_do_not_grow_with_results_authors_and_tags(
    client, django_assert_max_num_queries
):
    make_article(title="Bão số 9 đổ bộ")
    small = queries_for(client, "/search/?q=bao")
    for i in range(30):
        crowded_article(title=f"Bão số {i} đổ bộ", published_at=ago(i + 2))
    assert queries_for(client, "/search/?q=bao") == small
    with django_assert_max_num_queries(SEARCH_PAGE_BUDGET):
        client.get("/search/?q=bao")


def test_query_words_are_folded_deduplicated_and_bounded():
    assert query_words("Làm THEO làm, Bác!") == ["lam", "theo", "bac"]
    many = query_words(" ".join(f"tu{i}" for i in range(50)))
    assert len(many) == MAX_QUERY_WORDS
    assert query_words("a" * 500) == ["a" * MAX_WORD_LENGTH]
    assert query_words("🎉 -- '' \x00") == []


def test_migration_backfills_the_search_columns_of_existing_articles():
    article = make_article(title="Đường về quê", lead="Mùa xuân", body="<p>Hoa <em>đào</em></p>")
    Article.objects.filter(pk=article.pk).update(search_title="", search_text="")
    migration = importlib.import_module("articles.migrations.0003_add_search_columns")
    migration.backfill_search_columns(apps, schema_editor=None)
    article.refresh_from_db()
    assert article.search_title == " duong ve que "
    assert article.search_text == " duong ve que mua xuan hoa dao "


def test_search_is_served_by_a_full_text_index_on_both_databases():
    """On a large table each database answers the word filter from its full-text index."""
    searched = Article.objects.search(["dia", "phuong"])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # Generated by the database from search_text: no write can leave it stale.
            cursor.execute(
                "SELECT attgenerated, pg_get_expr(adbin, adrelid) FROM pg_attribute "
                "JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum "
                "WHERE attrelid = 'articles_article'::regclass AND attname = 'search_vector'"
            )
            generated, expression = cursor.fetchone()
            assert generated == "s"
            assert expression == "to_tsvector('simple'::regconfig, search_text)"
            cursor.execute(
                "SELECT indexdef FROM pg_indexes WHERE indexname = %s", ["article_search_vector"]
            )
            (definition,) = cursor.fetchone()
            assert "USING gin (search_vector)" in definition
            # An empty test table is cheaper to scan; forbid that to see the index can serve.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_indexscan = off")
        plan = searched.explain()
        assert "Bitmap Index Scan on article_search_vector" in plan
        assert "Index Cond: (search_vector @@ '''dia'' & ''phuong'''::tsquery)" in plan
        assert "Seq Scan" not in plan
    else:
        plan = searched.explain()
        assert f"SCAN {search_index.TABLE} VIRTUAL TABLE INDEX" in plan
        assert "SCAN articles_article " not in plan + " "  # no full read of the articles


def test_the_index_follows_writes_that_bypass_save(client):
    kept = make_article(title="Mùa lúa chín")
    gone = make_article(title="Mùa lúa chín ở Tân Uyên")
    assert found(client, "lua chin") == ["Mùa lúa chín ở Tân Uyên", "Mùa lúa chín"]

    Article.objects.filter(pk=kept.pk).update(search_text=" mua gat ")
    gone.delete()
    Article.objects.bulk_create(
        [
            Article(
                title="Gặt lúa", slug="gat-lua", search_title=" gat lua ", search_text=" gat lua "
            )
        ]
    )
    assert found(client, "lua chin") == []
    assert found(client, "mua gat") == ["Mùa lúa chín"]
    assert Article.objects.search(["gat", "lua"]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_migrate_repairs_the_index_after_the_table_is_rebuilt(client):
    make_article(title="Cầu Phú Cường")
    if connection.vendor == "sqlite":
        # How Django alters a SQLite table: a new table, a copy, the old one
        # dropped with its triggers.
        with connection.schema_editor() as editor:
            editor._remake_table(Article)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE type = 'trigger'")
            assert cursor.fetchone() == (0,)
    call_command("migrate", verbosity=0)
    make_article(title="Cầu Bạch Đằng")
    Article.objects.filter(title="Cầu Phú Cường").update(search_text=" cau phu cuong moi ")
    assert found(client, "cau") == ["Cầu Bạch Đằng", "Cầu Phú Cường"]
    assert found(client, "moi") == ["Cầu Phú Cường"]


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="PostgreSQL always has its full-text index"
)
def test_without_sqlite_trigrams_search_reads_the_column(client, monkeypatch):
    monkeypatch.setattr(search_index, "serves", lambda connection: False)
    make_article(title="Học và làm theo Bác")
    searched = Article.objects.search(["lam", "bac"])
    sql = str(searched.query)
    assert search_index.TABLE not in sql and "% lam %" in sql and "% bac %" in sql
    assert found(client, "lam theo bac") == ["Học và làm theo Bác"]
