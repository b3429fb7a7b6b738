"""Opening an article to edit it takes its lock; others see who holds it and since when,
may read it or take over, and the lock lapses once its page stops sending heartbeats."""

import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import editing
from articles.models import Article, ArticleLock
from tests.articles.admin_forms import article_form_data, change_url
from tests.factories import make_article, make_editor, make_journalist

pytestmark = pytest.mark.django_db


def session(user):
    client = Client()
    client.force_login(user)
    return client


def lock_url(article, action=""):
    name = {"": "lock", "take-over": "lock_take_over", "release": "lock_release"}[action]
    return reverse(f"admin:articles_article_{name}", args=[article.pk])


def page_config(html):
    """The settings the change page hands its script (None when it has none)."""
    found = re.search(
        r'<script id="article-editing-config" type="application/json">(.*?)</script>', html
    )
    return json.loads(found.group(1)) if found else None


def open_page(client, article):
    """GET the change page; return its HTML and the page token its script posts back."""
    html = client.get(change_url(article)).content.decode()
    config = page_config(html)
    return html, config["page"] if config else None


def age_lock(article, seconds):
    ArticleLock.objects.filter(article=article).update(
        heartbeat_at=timezone.now() - timedelta(seconds=seconds)
    )


def test_opening_the_change_page_takes_the_lock():
    article = make_article()
    editor = make_editor(username="bientap")
    html, page = open_page(session(editor), article)

    lock = ArticleLock.objects.get(article=article)
    assert lock.user == editor and lock.page == page
    assert page_config(html)["readOnly"] is False
    assert "đang sửa bài này" not in html


def test_another_person_sees_who_edits_since_when_and_gets_a_read_only_page():
    article = make_article()
    first = make_editor(username="bientap")
    open_page(session(first), article)
    since = editing.clock(ArticleLock.objects.get().since)

    html, _page = open_page(session(make_editor()), article)

    assert f"Tài khoản «bientap» đang sửa bài này từ {since}." in html
    assert "Mở ở chế độ chỉ đọc" in html and "Giành quyền sửa" in html
    assert page_config(html)["readOnly"] is True
    assert ArticleLock.objects.get().user == first  # opening does not move it


def test_the_heartbeat_keeps_the_lock_and_a_lock_without_one_lapses(settings):
    article = make_article()
    first, second = session(make_editor()), session(make_editor(username="toasoan"))
    _html, page = open_page(first, article)

    age_lock(article, settings.ARTICLE_LOCK_EXPIRES_SECONDS - 10)
    assert first.post(lock_url(article), {"page": page}).json() == {"state": "held"}
    assert "đang sửa bài này" in open_page(second, article)[0]

    # The first page was closed (no heartbeat, no release): two minutes later it is free.
    age_lock(article, settings.ARTICLE_LOCK_EXPIRES_SECONDS + 1)
    html, _page = open_page(second, article)
    assert "đang sửa bài này" not in html
    assert ArticleLock.objects.get().user.username == "toasoan"


def test_taking_over_moves_the_lock_and_the_first_page_is_told_at_its_next_heartbeat():
    article = make_article()
    first, second = session(make_editor(username="bientap")), session(make_editor(username="thuky"))
    _html, first_page = open_page(first, article)
    _html, second_page = open_page(second, article)

    response = second.post(
        lock_url(article, "take-over"), {"page": second_page}, HTTP_ACCEPT="application/json"
    )
    assert response.json() == {"state": "held"}
    lock = ArticleLock.objects.get()
    assert lock.user.username == "thuky" and lock.page == second_page

    answer = first.post(lock_url(article), {"page": first_page}).json()
    assert answer["state"] == "lost"
    assert (
        f"Tài khoản «thuky» đã giành quyền sửa bài này lúc {editing.clock(lock.since)}."
        in (answer["message"])
    )
    assert ArticleLock.objects.get().user.username == "thuky"  # the heartbeat did not take it back


def test_take_over_without_script_redirects_back_to_the_form():
    article = make_article()
    open_page(session(make_editor()), article)
    second = session(make_editor())
    response = second.post(lock_url(article, "take-over"), {"page": "x"})
    assert response.status_code == 302 and response["Location"] == change_url(article)
    html, _page = open_page(second, article)
    assert "đang sửa bài này" not in html


def test_leaving_the_page_releases_only_its_own_lock():
    article = make_article()
    editor = session(make_editor())
    _html, old_page = open_page(editor, article)
    # "Save and continue": the new page has taken the lock before the old one's beacon arrives.
    _html, new_page = open_page(editor, article)

    assert editor.post(lock_url(article, "release"), {"page": old_page}).status_code == 204
    assert ArticleLock.objects.get().page == new_page
    editor.post(lock_url(article, "release"), {"page": new_page})
    assert not ArticleLock.objects.exists()


def test_a_journalist_cannot_lock_an_article_they_cannot_edit():
    writer = make_journalist()
    article = make_article(created_by=writer)  # published: only editors change it now
    other = session(make_journalist())

    html, page = open_page(other, article)
    assert page is None and not ArticleLock.objects.exists()
    assert other.post(lock_url(article), {"page": "p"}).status_code == 403
    assert other.post(lock_url(article, "take-over"), {"page": "p"}).status_code == 403
    assert not ArticleLock.objects.exists()

    # Their own draft, yes.
    draft = make_article(created_by=writer, status=Article.Status.DRAFT)
    _html, page = open_page(session(writer), draft)
    assert ArticleLock.objects.get(article=draft).user == writer


def test_a_journalist_cannot_take_over_a_lock_on_someone_elses_draft():
    article = make_article(created_by=make_journalist(), status=Article.Status.DRAFT)
    open_page(session(make_editor()), article)
    response = session(make_journalist()).post(lock_url(article, "take-over"), {"page": "p"})
    assert response.status_code == 404  # not even visible to them
    assert ArticleLock.objects.get().user.groups.filter(name="Editors").exists()


def test_lock_endpoints_need_a_post_with_the_csrf_token():
    article = make_article()
    editor = make_editor()
    open_page(session(editor), article)
    attacker_page = Client(enforce_csrf_checks=True)
    attacker_page.force_login(make_editor())
    assert attacker_page.post(lock_url(article, "take-over"), {"page": "p"}).status_code == 403
    assert attacker_page.get(lock_url(article, "take-over")).status_code == 405
    assert ArticleLock.objects.get().user == editor


def test_a_logged_out_heartbeat_is_sent_to_the_login_page():
    article = make_article()
    response = Client().post(lock_url(article), {"page": "p"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_lock_does_not_replace_the_refusal_of_an_out_of_date_save():
    """Someone reading while the lock lapsed and then saving is still refused if it is stale."""
    article = make_article(lead="Sapo cũ.")
    first, second = session(make_editor()), session(make_editor())
    open_page(first, article)
    stale_form = article_form_data(article)  # the second person's form, loaded now
    saved = article_form_data(article, lead="Sapo của người thứ nhất.")
    assert first.post(change_url(article), saved).status_code == 302

    age_lock(article, 10_000)
    stale_form["lead"] = "Sapo của người thứ hai."
    response = second.post(change_url(article), stale_form)
    assert response.status_code == 200
    assert "Người khác đã lưu bài này sau khi bạn mở nó." in response.content.decode()
    article.refresh_from_db()
    assert article.lead == "Sapo của người thứ nhất."


def test_a_heartbeat_is_cheap(django_assert_max_num_queries):
    """Every open change page sends one every 30 s: session, user and permissions, the
    article without joins, then the lock read and written in one savepoint."""
    article = make_article()
    editor = session(make_editor())
    _html, page = open_page(editor, article)
    with django_assert_max_num_queries(9):
        answer = editor.post(lock_url(article), {"page": page}).json()
    assert answer == {"state": "held"}


def test_a_page_waking_up_gets_its_lapsed_lock_back_if_nobody_took_it(settings):
    article = make_article()
    editor = session(make_editor())
    _html, page = open_page(editor, article)
    age_lock(article, settings.ARTICLE_LOCK_EXPIRES_SECONDS * 10)  # the laptop slept

    assert editor.post(lock_url(article), {"page": page}).json() == {"state": "held"}
    assert ArticleLock.objects.live().get().page == page
