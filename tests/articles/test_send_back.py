"""An editor sends a story in review back to its journalist with a note they must read."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles import services
from articles.models import Article, ArticleTransition
from tests.articles.admin_forms import article_form_data, change_url
from tests.factories import make_article, make_editor, make_journalist

pytestmark = pytest.mark.django_db

NOTE_REQUIRED = "Hãy viết ghi chú cho phóng viên biết cần sửa gì."


def send_back_url(article):
    return reverse("admin:articles_article_send_back", args=[article.pk])


def in_review(journalist, **fields):
    return make_article(status=Article.Status.REVIEW, created_by=journalist, **fields)


def test_a_story_cannot_be_sent_back_without_a_note():
    journalist, editor = make_journalist(), make_editor()
    article = in_review(journalist)

    with pytest.raises(ValidationError) as refused:
        services.send_back(article, editor, "   ")

    assert refused.value.message_dict == {"note": [NOTE_REQUIRED]}
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert not ArticleTransition.objects.exists()


def test_editor_sends_back_from_the_change_page_and_the_story_returns_to_draft(client):
    journalist, editor = make_journalist(), make_editor()
    article = in_review(journalist)
    client.force_login(editor)
    assert 'id="desk-send-back"' in client.get(change_url(article)).content.decode()

    response = client.post(
        send_back_url(article), {"note": "Cần thêm ý kiến người dân."}, follow=True
    )

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert [str(m) for m in response.context["messages"]] == [
        f"Đã trả bài về cho phóng viên: “{article.title}”."
    ]
    step = ArticleTransition.objects.get()
    assert (step.by, step.note) == (editor, "Cần thêm ý kiến người dân.")


def test_an_empty_note_is_refused_in_vietnamese_and_nothing_changes(client):
    article = in_review(make_journalist())
    client.force_login(make_editor())

    response = client.post(send_back_url(article), {"note": ""})

    assert response.status_code == 400
    assert NOTE_REQUIRED in response.content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert not ArticleTransition.objects.exists()


def test_a_journalist_cannot_send_a_story_back(client):
    journalist = make_journalist()
    article = in_review(journalist)
    client.force_login(journalist)

    assert client.post(send_back_url(article), {"note": "Tự trả"}).status_code == 403
    with pytest.raises(services.NotAllowed):
        services.send_back(article, journalist, "Tự trả")
    assert 'id="desk-send-back"' not in client.get(change_url(article)).content.decode()
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW


def test_only_a_story_in_review_can_be_sent_back(client):
    article = make_article(status=Article.Status.DRAFT)
    editor = make_editor()

    with pytest.raises(services.NotAllowed):
        services.send_back(article, editor, "Sửa lại")


def test_the_journalist_reads_the_note_on_the_article_and_resubmits(client):
    journalist = make_journalist()
    article = in_review(journalist)
    services.send_back(article, make_editor(), "Tít dài quá, rút gọn lại.")
    client.force_login(journalist)

    page = client.get(change_url(article)).content.decode()
    assert 'id="desk-sent-back"' in page
    assert "Tít dài quá, rút gọn lại." in page

    client.post(change_url(article), article_form_data(article, status="review"))
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
    assert 'id="desk-sent-back"' not in client.get(change_url(article)).content.decode()


def test_sending_back_leads_to_the_dashboard_and_frees_the_article_for_the_journalist(client):
    from articles import editing
    from articles.models import ArticleLock

    article = in_review(make_journalist())
    editor = make_editor()
    client.force_login(editor)
    editing.acquire(article, editor, "trang-1")

    response = client.post(send_back_url(article), {"note": "Sửa tít.", "page": "trang-1"})

    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert not ArticleLock.objects.filter(article=article).exists()
