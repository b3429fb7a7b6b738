"""The worker sends the desk's e-mail: queued in the database by the step, sent by `manage.py worker`.

Transactional, as the worker closes connections. Its flush empties the role groups made by
a data migration, so this file sorts after the transactional tests that need them.
"""

import time

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from articles import services
from articles.models import Article
from tests.factories import make_article, make_user


@pytest.mark.django_db(transaction=True)
def test_the_email_is_queued_for_the_worker_which_sends_it(task_queue, mailoutbox):
    # Superusers, not the groups: a transactional test runs on tables another one flushed.
    make_user(is_superuser=True, is_staff=True, email="bt@example.vn")
    journalist = make_user(is_superuser=True, is_staff=True)
    article = make_article(status=Article.Status.DRAFT, created_by=journalist)

    services.submit_for_review(article, journalist)
    queued = DBTaskResult.objects.filter(task_path="articles.tasks.email_notifications")
    assert queued.get().status == TaskResultStatus.READY
    assert mailoutbox == []  # not sent in the request

    task_queue()
    assert [mail.to for mail in mailoutbox] == [["bt@example.vn"]]
    assert queued.get().status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db(transaction=True)
def test_a_failed_email_is_tried_again_later_and_the_step_stays(
    task_queue, mailoutbox, settings, monkeypatch
):
    from articles import notifications

    settings.EMAIL_RETRY_DELAY_SECONDS = 1
    make_user(is_superuser=True, is_staff=True, email="bt@example.vn")
    journalist = make_user(is_superuser=True, is_staff=True)
    article = make_article(status=Article.Status.DRAFT, created_by=journalist)
    real_send_mail = notifications.send_mail

    def mail_server_down(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(notifications, "send_mail", mail_server_down)
    services.submit_for_review(article, journalist)
    task_queue()
    attempts = DBTaskResult.objects.filter(task_path="articles.tasks.email_notifications")
    assert [task.status for task in attempts.order_by("enqueued_at")] == [
        TaskResultStatus.FAILED,
        TaskResultStatus.READY,
    ]

    monkeypatch.setattr(notifications, "send_mail", real_send_mail)
    time.sleep(1.1)  # the retry's delay
    task_queue()
    assert [mail.to for mail in mailoutbox] == [["bt@example.vn"]]
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW
