"""What someone types is copied to the server as they type, without touching the article,
and offered back with its differences when they open the article again."""

import json
import re

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from articles.models import Article, ArticleAutosave, ArticleRevision
from tests.articles.admin_forms import ADD_URL, article_form_data, change_url
from tests.factories import (
    make_article,
    make_author,
    make_editor,
    make_journalist,
    make_moderator,
    make_section,
    make_user,
)

# Every factory-made user has this password.
PASSWORD = make_user.__kwdefaults__["password"]

pytestmark = pytest.mark.django_db

NEW_AUTOSAVE_URL = reverse("admin:articles_article_autosave_new")
SESSION_URL = reverse("admin:articles_article_session")


def session(user):
    client = Client()
    client.force_login(user)
    return client


def autosave_url(article):
    return reverse("admin:articles_article_autosave", args=[article.pk])


def discard_url(article):
    return reverse("admin:articles_article_autosave_discard", args=[article.pk])


def typed(**fields):
    return {"title": "", "lead": "", "body": "", "page": "p", **fields}


def test_an_autosave_keeps_a_copy_without_touching_the_article_or_its_history():
    article = make_article(title="Tiêu đề cũ", lead="Sapo cũ.", body="<p>Thân bài.</p>")
    writer = make_editor()
    response = session(writer).post(
        autosave_url(article),
        typed(title="Tiêu đề mới", lead="Sapo đang viết", body="<p>Thân bài dài hơn.</p>"),
    )

    assert response.status_code == 200
    assert response.json()["message"].startswith("Đã lưu tạm bản đang soạn lúc ")
    saved = ArticleAutosave.objects.get()
    assert (saved.user, saved.article) == (writer, article)
    assert saved.lead == "Sapo đang viết"
    article.refresh_from_db()
    assert (article.title, article.lead) == ("Tiêu đề cũ", "Sapo cũ.")
    assert not ArticleRevision.objects.exists()


def test_each_person_keeps_one_copy_per_article_the_newest():
    article = make_article()
    writer = session(make_editor())
    for number in range(3):
        writer.post(autosave_url(article), typed(lead=f"Lần {number}"))
    assert list(ArticleAutosave.objects.values_list("lead", flat=True)) == ["Lần 2"]


def test_opening_the_article_again_offers_the_copy_with_its_differences():
    article = make_article(title="Tiêu đề", lead="Sapo cũ.", body="<p>Một đoạn.</p>")
    writer = session(make_editor())
    writer.post(
        autosave_url(article),
        typed(title="Tiêu đề", lead="Sapo mới.", body="<p>Một đoạn.</p><p>Đoạn thêm.</p>"),
    )
    html = writer.get(change_url(article)).content.decode()

    assert re.search(r"Khôi phục bản đang soạn lúc \d\d:\d\d\?", html)
    assert "<del>cũ.</del> <ins>mới.</ins>" in html
    assert "<ins>¶ Đoạn thêm.</ins>" in html
    draft = re.search(
        r'<script id="article-editing-draft" type="application/json">(.*?)</script>', html
    )
    assert json.loads(draft.group(1))["lead"] == "Sapo mới."
    assert "Khôi phục vào biểu mẫu" in html and "Bỏ bản này" in html


def test_the_copy_is_not_offered_to_another_person():
    article = make_article()
    session(make_editor()).post(autosave_url(article), typed(lead="Của người khác"))
    assert (
        "Khôi phục bản đang soạn"
        not in session(make_editor()).get(change_url(article)).content.decode()
    )


def test_a_copy_equal_to_the_saved_article_is_not_offered():
    article = make_article()
    writer = session(make_editor())
    writer.post(
        autosave_url(article), typed(title=article.title, lead=article.lead, body=article.body)
    )
    assert "Khôi phục bản đang soạn" not in writer.get(change_url(article)).content.decode()


def test_saving_the_form_makes_a_revision_and_forgets_the_copy():
    article = make_article(lead="Sapo cũ.")
    editor = make_editor()
    writer = session(editor)
    writer.post(autosave_url(article), typed(lead="Sapo khôi phục."))
    other = make_editor()
    session(other).post(autosave_url(article), typed(lead="Bản của người khác."))

    response = writer.post(change_url(article), article_form_data(article, lead="Sapo khôi phục."))

    assert response.status_code == 302
    article.refresh_from_db()
    assert article.lead == "Sapo khôi phục."
    assert ArticleRevision.objects.filter(article=article, created_by=editor).count() == 1
    assert list(ArticleAutosave.objects.values_list("user", flat=True)) == [other.pk]


def test_a_refused_save_keeps_the_copy():
    article = make_article(lead="Sapo cũ.")
    writer = session(make_editor())
    stale = article_form_data(article, lead="Sapo của tôi.")
    session(make_editor()).post(change_url(article), article_form_data(article, lead="Sapo khác."))
    writer.post(autosave_url(article), typed(lead="Sapo của tôi."))

    assert writer.post(change_url(article), stale).status_code == 200
    assert ArticleAutosave.objects.get().lead == "Sapo của tôi."


def test_a_copy_started_before_someone_elses_save_is_offered_with_a_warning():
    article = make_article(lead="Sapo cũ.")
    writer, other = session(make_editor()), session(make_editor(username="thuky"))
    loaded = article_form_data(article)["loaded_revision"]
    other.post(change_url(article), article_form_data(article, lead="Sapo của thư ký."))
    writer.post(autosave_url(article), typed(lead="Sapo của tôi.", loaded_revision=loaded))

    html = writer.get(change_url(article)).content.decode()
    assert "Khôi phục bản đang soạn" in html
    assert "Bài đã được «thuky» lưu lúc" in html
    assert "<del>thư ký.</del> <ins>tôi.</ins>" in html


def test_the_add_page_offers_the_copy_of_a_new_article_and_saving_it_forgets_it():
    journalist = make_journalist()
    writer = session(journalist)
    response = writer.post(NEW_AUTOSAVE_URL, typed(title="Bài mới đang viết", lead="Sapo bài mới"))
    assert response.status_code == 200
    saved = ArticleAutosave.objects.get()
    assert saved.article is None and saved.user == journalist
    assert not Article.objects.exists()

    html = writer.get(ADD_URL).content.decode()
    assert "Khôi phục bản đang soạn lúc" in html and "<ins>Bài mới đang viết</ins>" in html

    data = article_form_data(
        None, title="Bài mới đang viết", section=make_section(), authors=[make_author()]
    )
    assert writer.post(ADD_URL, data).status_code == 302
    assert Article.objects.count() == 1
    assert not ArticleAutosave.objects.exists()


def test_discarding_the_copy_forgets_it():
    article = make_article()
    writer = session(make_editor())
    writer.post(autosave_url(article), typed(lead="Bỏ đi"))
    response = writer.post(discard_url(article), {"page": "p"}, HTTP_ACCEPT="application/json")
    assert response.json() == {"state": "discarded"}
    assert not ArticleAutosave.objects.exists()


def test_a_journalist_cannot_autosave_into_an_article_they_cannot_edit():
    writer = make_journalist()
    someone_elses = make_article(created_by=make_journalist())
    response = session(writer).post(autosave_url(someone_elses), typed(lead="Sửa bài người khác"))
    assert response.status_code == 403
    assert response.json()["error"] == "Bạn không được sửa bài viết này."
    hidden_draft = make_article(created_by=make_journalist(), status=Article.Status.DRAFT)
    assert session(writer).post(autosave_url(hidden_draft), typed()).status_code == 404
    assert not ArticleAutosave.objects.exists()


def test_a_journalist_correcting_their_own_published_article_has_it_autosaved():
    writer = make_journalist()
    published = make_article(created_by=writer)
    response = session(writer).post(autosave_url(published), typed(lead="Sửa sau khi đăng"))
    assert response.status_code == 200
    assert ArticleAutosave.objects.get(article=published).lead == "Sửa sau khi đăng"
    published.refresh_from_db()
    assert published.lead != "Sửa sau khi đăng"  # the live article waits for an editor


def test_staff_without_the_add_permission_cannot_autosave_a_new_article():
    response = session(make_journalist()).post(NEW_AUTOSAVE_URL, typed())
    assert response.status_code == 200  # journalists may add articles
    response = session(make_moderator()).post(NEW_AUTOSAVE_URL, typed(title="Không được"))
    assert response.status_code == 403
    assert ArticleAutosave.objects.get().title == ""


def test_a_post_larger_than_the_bound_is_refused_before_it_is_read(settings):
    article = make_article()
    writer = session(make_editor())
    body = "<p>" + "chữ " * (settings.ARTICLE_AUTOSAVE_MAX_BYTES // 4) + "</p>"
    response = writer.post(autosave_url(article), typed(body=body))
    assert response.status_code == 413
    assert "tối đa 2 MB" in response.json()["error"]
    assert not ArticleAutosave.objects.exists()

    within = "<p>" + "chữ " * 100_000 + "</p>"  # about 500 kB, a very long story
    assert writer.post(autosave_url(article), typed(body=within)).status_code == 200


def test_a_browser_post_larger_than_django_parses_is_refused_too(settings):
    """With the CSRF check on, as in a browser, the token is looked for in the body:
    Django's own bound refuses a body larger than DATA_UPLOAD_MAX_MEMORY_SIZE."""
    article = make_article()
    page = Client(enforce_csrf_checks=True)
    page.force_login(make_editor())
    html = page.get(change_url(article)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)

    between = "a" * (settings.ARTICLE_AUTOSAVE_MAX_BYTES + 1000)
    response = page.post(autosave_url(article), typed(body=between), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 413
    huge = "a" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1000)
    response = page.post(autosave_url(article), typed(body=huge), HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 400
    assert not ArticleAutosave.objects.exists()


def test_the_body_is_kept_as_typed_and_sanitized_only_when_saved():
    article = make_article()
    writer = session(make_editor())
    typed_body = '<p onclick="steal()">Đoạn</p><script>alert(1)</script>'
    writer.post(autosave_url(article), typed(body=typed_body))
    assert ArticleAutosave.objects.get().body == typed_body
    html = writer.get(change_url(article)).content.decode()
    assert "<script>alert(1)</script>" not in html  # the draft reaches the page as escaped JSON

    writer.post(change_url(article), article_form_data(article, body=typed_body))
    article.refresh_from_db()
    assert "onclick" not in article.body and "<script" not in article.body


def test_autosave_needs_the_csrf_token_and_a_session():
    article = make_article()
    page = Client(enforce_csrf_checks=True)
    page.force_login(make_editor())
    assert page.post(autosave_url(article), typed(lead="x")).status_code == 403
    logged_out = Client().post(autosave_url(article), typed(lead="x"))
    assert logged_out.status_code == 302 and "/admin/login/" in logged_out["Location"]
    assert not ArticleAutosave.objects.exists()


def test_after_logging_in_again_the_page_gets_a_fresh_token_and_the_copy_is_kept():
    """The session expired mid-sentence: the autosave went to the login page. Logged in
    again (in another tab), the page asks for the new CSRF token and sends its copy."""
    article = make_article(lead="Sapo cũ.")
    editor = make_editor()
    page = Client(enforce_csrf_checks=True)
    page.force_login(editor)
    html = page.get(change_url(article)).content.decode()
    old_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    headers = {"HTTP_X_CSRFTOKEN": old_token}
    assert page.post(autosave_url(article), typed(lead="Câu đầu."), **headers).status_code == 200

    Session.objects.all().delete()  # the session expires; the browser keeps its cookies
    expired = page.post(autosave_url(article), typed(lead="Câu đầu. Câu hai."), **headers)
    assert expired.status_code == 302 and "/admin/login/" in expired["Location"]
    assert page.get(SESSION_URL).status_code == 302  # not logged in yet: no token

    # Logging in again, through the login form (in another tab), gives a new CSRF secret.
    login_page = page.get(reverse("admin:login")).content.decode()
    login_token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    logged_in = page.post(
        reverse("admin:login"),
        {"username": editor.username, "password": PASSWORD, "csrfmiddlewaretoken": login_token},
    )
    assert logged_in.status_code == 302
    refused = page.post(autosave_url(article), typed(lead="Câu đầu. Câu hai."), **headers)
    assert refused.status_code == 403 and "application/json" not in refused["Content-Type"]
    fresh = page.get(SESSION_URL).json()["token"]
    kept = page.post(autosave_url(article), typed(lead="Câu đầu. Câu hai."), HTTP_X_CSRFTOKEN=fresh)
    assert kept.status_code == 200
    assert ArticleAutosave.objects.get().lead == "Câu đầu. Câu hai."
    assert "Khôi phục bản đang soạn" in page.get(change_url(article)).content.decode()
