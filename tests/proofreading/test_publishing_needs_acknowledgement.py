"""Glued syllables, duplicated paragraphs and NFD text block publishing until an editor
fixes or acknowledges them; warnings never do."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles import services
from articles.models import Article
from proofreading.acknowledgements import acknowledge, fingerprint, unacknowledged_errors
from proofreading.models import Acknowledgement
from proofreading.review import review
from tests.articles.admin_forms import CHANGELIST_URL, action_data, article_form_data, change_url
from tests.articles.test_edit_conflicts import loaded_revision
from tests.factories import make_article, make_editor, make_journalist

pytestmark = pytest.mark.django_db

HEADLINE = "Đà Nẵng khởi công cầu vượt biển Sơn Trà"
GLUED_BODY = "<p>Dự án đãđược phê duyệt từ năm ngoái.</p>"
REFUSED = "Soát lỗi biên tập phát hiện 1 lỗi"


def draft(body=GLUED_BODY, **fields):
    return make_article(title=HEADLINE, body=body, status=Article.Status.DRAFT, **fields)


def session(user):
    client = Client()
    client.force_login(user)
    return client


def acknowledge_url(article):
    return reverse("admin:articles_article_proofreading_acknowledge", args=[article.pk])


def current_error_keys(article):
    return [fingerprint(finding) for finding in unacknowledged_errors(article)]


def test_the_publish_service_refuses_an_article_with_a_glued_syllable():
    article = draft()

    with pytest.raises(ValidationError) as refused:
        services.publish(article, make_editor())

    assert REFUSED in " ".join(refused.value.messages)
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_the_admin_form_refuses_to_publish_and_says_why():
    article = draft()
    data = article_form_data(article, status="published", published_at=timezone.now())

    response = session(make_editor()).post(change_url(article), data)

    assert response.status_code == 200
    assert REFUSED in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.DRAFT


def test_the_publish_action_skips_the_article_with_an_error_and_publishes_the_others():
    slipped, clean = draft(), draft(body="<p>Dự án đã được phê duyệt từ năm ngoái.</p>")

    response = session(make_editor()).post(
        CHANGELIST_URL, action_data("publish_selected", slipped, clean), follow=True
    )

    html = response.content.decode()
    assert REFUSED in html and f"«{slipped}»" in html
    assert Article.objects.get(pk=slipped.pk).status == Article.Status.DRAFT
    assert Article.objects.get(pk=clean.pk).status == Article.Status.PUBLISHED


def test_an_acknowledgement_records_who_and_when_and_lets_the_article_be_published():
    article, editor = draft(), make_editor()
    before = timezone.now()

    response = session(editor).post(
        acknowledge_url(article), {"fingerprint": current_error_keys(article)}, follow=True
    )
    services.publish(article, editor)

    [acknowledgement] = Acknowledgement.objects.all()
    assert acknowledgement.acknowledged_by == editor
    assert before <= acknowledgement.acknowledged_at <= timezone.now()
    assert "Đã xác nhận các lỗi" in response.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


def test_the_checklist_shows_who_acknowledged_an_error():
    article, editor = draft(), make_editor(username="bientap")
    acknowledge(article, editor, current_error_keys(article))

    html = session(make_editor()).get(change_url(article)).content.decode()

    assert "bientap đã xác nhận lúc" in html
    assert "Xác nhận các lỗi này" not in html


def test_an_error_that_appears_after_the_acknowledgement_needs_one_of_its_own():
    article, editor = draft(), make_editor()
    acknowledge(article, editor, current_error_keys(article))
    article.body += "<p>Thêm một câu xửlý sau khi đã xác nhận.</p>"
    article.save()

    with pytest.raises(ValidationError):
        services.publish(article, editor)
    [new_error] = unacknowledged_errors(article)
    assert new_error.suggestion.new == "xử lý"


def test_a_live_article_cannot_be_saved_with_a_new_error_until_it_is_acknowledged():
    article = make_article(title=HEADLINE)
    editor = session(make_editor())
    data = article_form_data(article, body="<p>Bài đãđược sửa.</p>")

    refused = editor.post(change_url(article), data)
    assert Article.objects.get(pk=article.pk).body == "<p>Nội dung bài viết.</p>"
    edited = Article(pk=article.pk, title=data["title"], lead=data["lead"], body=data["body"])
    acknowledge(edited, make_editor(), current_error_keys(edited))
    # The browser saves again from the form it was shown.
    data["loaded_revision"] = loaded_revision(refused.content.decode())
    accepted = editor.post(change_url(article), data)

    assert refused.status_code == 200 and REFUSED in refused.content.decode()
    assert accepted.status_code == 302
    assert Article.objects.get(pk=article.pk).body == "<p>Bài đãđược sửa.</p>"


def test_warnings_do_not_stop_publishing():
    article = draft(body="<p>Hai  dấu cách , và lao động -thương binh.</p>", lead="")

    services.publish(article, make_editor())

    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


def test_a_duplicated_paragraph_and_decomposed_text_are_errors_too():
    paragraph = "<p>Người dân phấn khởi khi công trình được khởi công sau nhiều năm chờ đợi.</p>"
    duplicated = draft(body=paragraph * 2)
    decomposed = draft(body="<p>Ngu\u031bo\u031b\u0300i da\u0302n vui.</p>")

    for article in (duplicated, decomposed):
        with pytest.raises(ValidationError):
            services.publish(article, make_editor())


def test_journalists_cannot_acknowledge_errors():
    journalist = make_journalist()
    article = draft(created_by=journalist)

    response = session(journalist).post(
        acknowledge_url(article), {"fingerprint": current_error_keys(article)}
    )
    with pytest.raises(PermissionDenied):
        acknowledge(article, journalist, current_error_keys(article))

    assert response.status_code == 403
    assert not Acknowledgement.objects.exists()
    html = session(journalist).get(change_url(article)).content.decode()
    assert "Dính chữ" in html and "Xác nhận các lỗi này" not in html


def test_a_page_cannot_acknowledge_an_error_the_article_does_not_have():
    article = draft()

    response = session(make_editor()).post(
        acknowledge_url(article), {"fingerprint": ["0" * 32]}, follow=True
    )

    assert not Acknowledgement.objects.exists()
    assert "Không còn lỗi nào cần xác nhận." in response.content.decode()
    with pytest.raises(ValidationError):
        services.publish(article, make_editor())


def test_acknowledging_only_answers_a_post():
    article = draft()

    response = session(make_editor()).get(acknowledge_url(article))

    assert response.status_code == 405
    assert not Acknowledgement.objects.exists()


def test_an_error_only_in_the_form_can_be_acknowledged_without_leaving_the_page():
    article = make_article(title=HEADLINE)  # live and clean
    typed = {"title": HEADLINE, "lead": article.lead, "body": "<p>Bài đãđược sửa.</p>"}
    [error] = [fingerprint(item) for item in review(*typed.values()) if item.severity == "error"]

    response = session(make_editor()).post(
        acknowledge_url(article),
        {"fingerprint": [error], **typed},
        HTTP_ACCEPT="application/json",
    )

    assert response.json() == {"acknowledged": 1}
    assert Acknowledgement.objects.get().fingerprints == [error]
    article.body = typed["body"]
    article.full_clean()  # a live article may now be saved with it
