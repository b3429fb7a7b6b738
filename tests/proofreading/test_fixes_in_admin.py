"""A one-click fix is a save of the change form: validated, out-of-date-checked,
permission-checked and kept in the article's history like any edit."""

import re

import pytest
from django.test import Client
from django.utils import timezone

from articles.models import Article, ArticleRevision
from proofreading.acknowledgements import fingerprint
from proofreading.review import review
from tests.articles.admin_forms import article_form_data, change_url
from tests.articles.test_edit_conflicts import open_form
from tests.factories import make_article, make_editor, make_journalist

pytestmark = pytest.mark.django_db

HEADLINE = "Đà Nẵng khởi công cầu vượt biển Sơn Trà"
BODY = "<p>Dự án làkhi xong, làkhi nào cũng được.</p><p>Ảnh: <b>làkhi</b></p>"


def session(user):
    client = Client()
    client.force_login(user)
    return client


def fix_button(html, number):
    """The value of the page's `number`-th fix button, as a browser would submit it."""
    return re.findall(r'name="_proofreading_fix" value="([0-9a-f]+)"', html)[number]


def click_fix(client, article, number, **changes):
    form = open_form(client, article)
    form.update(changes)
    form.pop("_save")
    form["_proofreading_fix"] = fix_button(client.get(change_url(article)).content.decode(), number)
    return client.post(change_url(article), form, follow=True)


def test_the_fix_changes_only_its_occurrence_and_is_a_revision_by_the_editor():
    editor = make_editor()
    article = make_article(title=HEADLINE, body=BODY, status=Article.Status.DRAFT)
    client = session(editor)

    response = click_fix(client, article, 1)  # the second "làkhi" of paragraph 1

    article.refresh_from_db()
    assert article.body == (
        "<p>Dự án làkhi xong, là khi nào cũng được.</p><p>Ảnh: <b>làkhi</b></p>"
    )
    assert response.redirect_chain[-1][0] == change_url(article)
    assert "Đã sửa: “làkhi” → “là khi”." in response.content.decode()
    newest = ArticleRevision.objects.filter(article=article).order_by("-pk").first()
    assert newest.created_by == editor
    assert newest.content["body"] == article.body


def test_a_fix_keeps_what_else_was_typed_in_the_form():
    article = make_article(title=HEADLINE, body=BODY, status=Article.Status.DRAFT)

    click_fix(session(make_editor()), article, 0, lead="Sapo mới gõ.")

    article.refresh_from_db()
    assert article.lead == "Sapo mới gõ."
    assert article.body.startswith("<p>Dự án là khi xong, làkhi nào")


def test_fix_and_publish_in_one_save_publishes_once_the_error_is_gone():
    article = make_article(
        title=HEADLINE, body="<p>Dự án đãđược duyệt.</p>", status=Article.Status.DRAFT
    )

    click_fix(session(make_editor()), article, 0, status="published", published_at=timezone.now())

    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert article.body == "<p>Dự án đã được duyệt.</p>"


def test_a_fix_from_an_out_of_date_form_is_refused():
    article = make_article(title=HEADLINE, body=BODY, status=Article.Status.DRAFT)
    client = session(make_editor())
    form = open_form(client, article)
    form.pop("_save")
    form["_proofreading_fix"] = fix_button(client.get(change_url(article)).content.decode(), 0)
    session(make_editor()).post(change_url(article), open_form(client, article) | {"lead": "Khác."})

    response = client.post(change_url(article), form)

    article.refresh_from_db()
    assert response.status_code == 200
    assert "Người khác đã lưu bài này sau khi bạn mở nó." in response.content.decode()
    assert article.body == BODY and article.lead == "Khác."


def test_a_journalist_fixes_their_own_draft_but_not_an_article_they_cannot_edit():
    journalist = make_journalist()
    own = make_article(
        title=HEADLINE, body=BODY, status=Article.Status.DRAFT, created_by=journalist
    )
    # Someone else's live article: read-only for this journalist (their own would take a correction).
    live = make_article(title=HEADLINE, body=BODY, created_by=make_journalist())
    client = session(journalist)
    [first_of_live] = [item for item in review(HEADLINE, live.lead, BODY) if item.suggestion][:1]

    click_fix(client, own, 0)
    refused = client.post(
        change_url(live),
        article_form_data(live) | {"_proofreading_fix": fingerprint(first_of_live)},
    )

    own.refresh_from_db()
    live.refresh_from_db()
    assert own.body.startswith("<p>Dự án là khi xong")
    assert refused.status_code == 403
    assert live.body == BODY
    assert 'name="_proofreading_fix"' not in client.get(change_url(live)).content.decode()


def test_a_fix_the_text_no_longer_needs_saves_the_form_and_says_so():
    article = make_article(title=HEADLINE, body=BODY, status=Article.Status.DRAFT)
    typed = "<p>Dự án là khi xong.</p>"

    response = click_fix(session(make_editor()), article, 0, body=typed)

    article.refresh_from_db()
    assert article.body == typed
    assert "Gợi ý sửa không còn khớp với nội dung bài" in response.content.decode()
