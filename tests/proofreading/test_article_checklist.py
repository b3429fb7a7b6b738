"""The checklist on the article's admin page, and the endpoint autosave calls to refresh it."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from proofreading import article_admin
from proofreading.acknowledgements import acknowledge, fingerprint, unacknowledged_errors
from tests.articles.admin_forms import ADD_URL, change_url
from tests.factories import make_article, make_editor, make_journalist, make_user

pytestmark = pytest.mark.django_db

HEADLINE = "Đà Nẵng khởi công cầu vượt biển Sơn Trà"


def session(user, **options):
    client = Client(**options)
    client.force_login(user)
    return client


def refresh_url(article=None):
    if article is None:
        return reverse("admin:articles_article_proofreading_checklist_add")
    return reverse("admin:articles_article_proofreading_checklist", args=[article.pk])


def test_the_change_page_lists_the_findings_with_their_place_excerpt_and_fix():
    article = make_article(
        title=HEADLINE, body="<p>Mở đầu.</p><p>Dự án đãđược phê duyệt , từ năm ngoái.</p>"
    )

    html = session(make_editor()).get(change_url(article)).content.decode()

    assert 'id="proofreading-checklist"' in html
    assert "Soát lỗi biên tập" in html and "1 lỗi" in html
    assert "Dính chữ" in html and "Đoạn 2" in html
    assert "Dự án đãđược phê duyệt" in html
    assert "“đãđược” → “đã được”" in html
    assert "Dấu cách trước dấu câu" in html and "Thiếu ảnh bìa" in html
    assert html.count('name="_proofreading_fix"') == 2  # the split and the comma
    assert 'form="article_form"' in html
    assert "Xác nhận các lỗi này" in html


def test_the_refresh_endpoint_checks_the_posted_text_not_the_stored_one():
    article = make_article(title=HEADLINE, body="<p>Dự án đã được duyệt.</p>")
    posted = {"title": HEADLINE, "lead": "Sapo xửlý.", "body": "<p>Hai  dấu cách.</p>"}

    response = session(make_editor()).post(refresh_url(article), posted)

    answer = response.json()
    assert response.status_code == 200
    assert (answer["errors"], answer["unacknowledged"], answer["warnings"]) == (1, 1, 2)
    assert "“xửlý” → “xử lý”" in answer["html"] and "Thừa dấu cách" in answer["html"]
    assert 'id="proofreading-checklist"' in answer["html"]


def test_the_refresh_endpoint_works_on_the_add_page_for_a_journalist():
    response = session(make_journalist()).post(
        refresh_url(), {"title": HEADLINE, "lead": "Sapo.", "body": "<p>Bài làkhi viết.</p>"}
    )

    assert response.status_code == 200
    assert response.json()["errors"] == 1
    assert "Xác nhận các lỗi này" not in response.json()["html"]


def test_the_refresh_endpoint_needs_the_csrf_token():
    article = make_article()
    client = session(make_editor(), enforce_csrf_checks=True)

    response = client.post(refresh_url(article), {"title": HEADLINE})

    assert response.status_code == 403


def test_the_refresh_endpoint_is_for_staff_who_may_see_the_article():
    other_draft = make_article(status=Article.Status.DRAFT, created_by=make_journalist())

    anonymous = Client().post(refresh_url(other_draft), {"title": HEADLINE})
    reader = session(make_user()).post(refresh_url(other_draft), {"title": HEADLINE})
    journalist = session(make_journalist()).post(refresh_url(other_draft), {"title": HEADLINE})

    assert anonymous.status_code == 302 and "/admin/login/" in anonymous["Location"]
    assert reader.status_code == 302 and "/admin/login/" in reader["Location"]
    assert journalist.status_code == 404
    assert other_draft.title not in journalist.content.decode()


def test_the_refresh_endpoint_refuses_a_text_too_long_to_check(monkeypatch):
    monkeypatch.setattr(article_admin, "MAX_CHECKED_CHARS", 1000)
    article = make_article()

    response = session(make_editor()).post(
        refresh_url(article), {"title": HEADLINE, "body": "<p>" + "chữ " * 300 + "</p>"}
    )

    assert response.status_code == 413
    assert json.loads(response.content) == {"error": "Văn bản quá dài, không thể soát lỗi."}


def test_the_refresh_endpoint_only_answers_a_post():
    response = session(make_editor()).get(refresh_url(make_article()))

    assert response.status_code == 405


def test_the_add_page_checks_the_article_when_it_is_first_saved():
    client = session(make_editor())

    empty = client.get(ADD_URL).content.decode()
    refused = client.post(ADD_URL, {"title": "", "body": "<p>Bài làkhi viết.</p>"}).content.decode()

    assert "Bài viết được soát lỗi khi lưu." in empty and "Thiếu sapo" not in empty
    assert 'data-refresh-url="/admin/articles/article/proofreading/"' in empty
    assert "“làkhi” → “là khi”" in refused


def test_the_checklist_reads_acknowledgements_in_one_query_however_many():
    editor = make_editor()
    client = session(editor)
    bodies = {1: "<p>Một đãđược hai.</p>", 3: "<p>Một đãđược hai xửlý ba làkhi bốn.</p>"}
    counts = []
    for errors, body in bodies.items():
        article = make_article(title=HEADLINE, body=body, status=Article.Status.DRAFT)
        for finding in unacknowledged_errors(article):
            acknowledge(article, editor, [fingerprint(finding)])  # one row per error
        client.get(change_url(article))  # the session and permissions are warm
        with CaptureQueriesContext(connection) as queries:
            html = client.get(change_url(article)).content.decode()
        counts.append(len(queries))
        assert html.count("đã xác nhận lúc") == errors
    assert counts[0] == counts[1]
