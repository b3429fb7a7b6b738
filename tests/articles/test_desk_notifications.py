"""Submitting tells the editors, sending back tells the journalists: in the admin and by e-mail."""

import pytest
from django.contrib.auth.models import Permission
from django.db import transaction

from articles import services
from articles.models import Article, Notification
from tests.articles.admin_forms import article_form_data, change_url
from tests.factories import make_article, make_author, make_editor, make_journalist, make_user

pytestmark = pytest.mark.django_db


def recipients(kind):
    return {n.recipient for n in Notification.objects.filter(kind=kind)}


def test_submitting_notifies_every_editor_in_the_admin_and_by_email(
    django_capture_on_commit_callbacks, mailoutbox
):
    journalist = make_journalist(email="pv@example.vn")
    editors = [make_editor(email="bt1@example.vn"), make_editor(email="bt2@example.vn")]
    make_journalist(email="other@example.vn")
    article = make_article(status=Article.Status.DRAFT, created_by=journalist, title="Bão số 9")

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_for_review(article, journalist)

    assert recipients(Notification.Kind.SUBMITTED) == set(editors)
    assert sorted(mail.to[0] for mail in mailoutbox) == ["bt1@example.vn", "bt2@example.vn"]
    assert mailoutbox[0].subject == "Gửi duyệt: “Bão số 9”"
    assert f"/admin/articles/article/{article.pk}/change/" in mailoutbox[0].body


def test_an_editor_by_direct_permission_is_notified_but_not_the_one_who_submits(
    django_capture_on_commit_callbacks,
):
    editor = make_editor()
    direct = make_user(is_staff=True)
    direct.user_permissions.add(Permission.objects.get(codename="publish_article"))
    article = make_article(status=Article.Status.DRAFT)

    with django_capture_on_commit_callbacks(execute=True):
        services.submit_for_review(article, editor)

    assert recipients(Notification.Kind.SUBMITTED) == {direct}


def test_sending_back_notifies_the_creator_and_credited_journalists_with_the_note(
    django_capture_on_commit_callbacks, mailoutbox
):
    creator = make_journalist(email="creator@example.vn")
    credited = make_journalist(email="credited@example.vn")
    make_journalist(email="bystander@example.vn")
    article = make_article(
        status=Article.Status.REVIEW, created_by=creator, authors=[make_author(user=credited)]
    )
    editor = make_editor(email="editor@example.vn")

    with django_capture_on_commit_callbacks(execute=True):
        services.send_back(article, editor, "Kiểm tra lại số liệu.")

    assert recipients(Notification.Kind.SENT_BACK) == {creator, credited}
    assert {n.note for n in Notification.objects.all()} == {"Kiểm tra lại số liệu."}
    assert sorted(mail.to[0] for mail in mailoutbox) == [
        "creator@example.vn",
        "credited@example.vn",
    ]
    assert "Kiểm tra lại số liệu." in mailoutbox[0].body


def test_no_email_leaves_before_the_step_is_committed_nor_when_it_fails(
    django_capture_on_commit_callbacks, mailoutbox
):
    make_editor(email="bt@example.vn")
    article = make_article(status=Article.Status.DRAFT)
    journalist = make_journalist()
    article.created_by = journalist

    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                services.submit_for_review(article, journalist)
                assert mailoutbox == []
                raise RuntimeError("the request failed after the step")

    assert mailoutbox == []
    assert not Notification.objects.exists()


def test_opening_the_article_marks_its_notifications_read(
    client, django_capture_on_commit_callbacks
):
    editor = make_editor()
    journalist = make_journalist()
    article = make_article(status=Article.Status.DRAFT, created_by=journalist)
    with django_capture_on_commit_callbacks(execute=True):
        services.submit_for_review(article, journalist)
    client.force_login(editor)
    assert Notification.objects.get().read_at is None

    client.get(change_url(article))

    assert Notification.objects.get().read_at is not None


def test_submitting_from_the_form_notifies_the_editors(client, django_capture_on_commit_callbacks):
    editor = make_editor()
    journalist = make_journalist()
    client.force_login(journalist)
    article = make_article(status=Article.Status.DRAFT, created_by=journalist)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(change_url(article), article_form_data(article, status="review"))

    assert recipients(Notification.Kind.SUBMITTED) == {editor}
