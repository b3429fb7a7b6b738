"""Every workflow step of an article is logged: who, when, from, to, and the note."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import services
from articles.models import Article, ArticleTransition, Stage
from tests.articles.admin_forms import article_form_data, change_url
from tests.factories import make_article, make_editor, make_journalist

pytestmark = pytest.mark.django_db


def steps_of(article):
    return [
        (step.from_stage, step.to_stage, step.by, step.note)
        for step in ArticleTransition.objects.filter(article=article).order_by("at", "pk")
    ]


def test_each_step_of_a_story_is_logged_with_who_took_it():
    journalist, editor = make_journalist(), make_editor()
    article = make_article(status=Article.Status.DRAFT, created_by=journalist)

    services.submit_for_review(article, journalist)
    services.send_back(article, editor, "Thiếu nguồn tin.")
    services.submit_for_review(article, journalist)
    services.publish(article, editor, at=timezone.now() + timedelta(hours=2))
    services.unpublish(article, editor)

    assert steps_of(article) == [
        (Stage.DRAFT, Stage.REVIEW, journalist, ""),
        (Stage.REVIEW, Stage.DRAFT, editor, "Thiếu nguồn tin."),
        (Stage.DRAFT, Stage.REVIEW, journalist, ""),
        (Stage.REVIEW, Stage.SCHEDULED, editor, ""),
        (Stage.SCHEDULED, Stage.DRAFT, editor, ""),
    ]


def test_publishing_now_is_logged_as_published_with_its_time():
    editor = make_editor()
    article = make_article(status=Article.Status.REVIEW)
    before = timezone.now()

    services.publish(article, editor)

    step = ArticleTransition.objects.get(article=article)
    assert (step.from_stage, step.to_stage, step.by) == (Stage.REVIEW, Stage.PUBLISHED, editor)
    assert before <= step.at <= timezone.now()


def test_a_save_that_changes_no_status_logs_no_step(client):
    editor = make_editor()
    client.force_login(editor)
    article = make_article(status=Article.Status.DRAFT)

    client.post(change_url(article), article_form_data(article, title="Tiêu đề mới"))
    services.return_to_draft(article, editor)

    assert steps_of(article) == []


def test_the_admin_form_logs_its_step_and_the_change_page_lists_the_log(client):
    editor = make_editor(first_name="Lan", last_name="Trần")
    client.force_login(editor)
    article = make_article(status=Article.Status.REVIEW)

    client.post(change_url(article), article_form_data(article, status="published"))
    page = client.get(change_url(article)).content.decode()

    assert steps_of(article) == [(Stage.REVIEW, Stage.PUBLISHED, editor, "")]
    log = page[page.index('id="desk-steps"') :]
    assert "Nhật ký quy trình" in log
    assert "Chờ duyệt → Đã xuất bản" in log
    assert "Lan Trần" in log
    assert timezone.localtime().strftime("%d-%m-%Y") in log
