import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from comments import moderation
from comments.models import Comment
from tests.factories import (
    image_upload,
    make_comment,
    make_editor,
    make_journalist,
    make_moderator,
    make_user,
)

from .helpers import send

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:comments_comment_changelist"


def change_url(comment):
    return reverse("admin:comments_comment_change", args=[comment.pk])


def test_approve_publishes_and_records_who_and_when():
    comment, moderator = make_comment(), make_moderator()
    moderation.approve(comment, moderator)
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert comment.moderated_by == moderator
    assert timezone.now() - comment.moderated_at < timezone.timedelta(seconds=5)
    assert comment.original_body == ""


def test_approving_an_edited_text_keeps_the_readers_original():
    comment = make_comment(body="Bài viết sai tên đường, đây là đường Trần Phú chứ ko phải Lê Lợi")
    moderation.approve(
        comment, make_moderator(), body="Bài viết sai tên đường: đây là đường Trần Phú."
    )
    moderation.approve(comment, make_moderator(), body="Bài viết ghi nhầm tên đường Trần Phú.")
    comment.refresh_from_db()
    assert comment.body == "Bài viết ghi nhầm tên đường Trần Phú."
    assert comment.original_body.startswith("Bài viết sai tên đường, đây là")


@pytest.mark.parametrize(
    "decide, status",
    [(moderation.reject, Comment.Status.REJECTED), (moderation.mark_spam, Comment.Status.SPAM)],
    ids=["reject", "spam"],
)
def test_reject_and_spam_keep_the_comment_off_the_site(client, decide, status):
    comment = make_comment(status=Comment.Status.APPROVED)
    decide(comment, make_moderator())
    comment.refresh_from_db()
    assert comment.status == status
    assert comment.body not in client.get(comment.article.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "make_staff", [make_journalist, make_editor, make_user], ids=["journalist", "editor", "reader"]
)
def test_only_moderators_may_moderate(make_staff):
    comment = make_comment()
    for decide in (moderation.approve, moderation.reject, moderation.mark_spam):
        with pytest.raises(moderation.NotAllowed):
            decide(comment, make_staff())
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_superusers_may_moderate():
    superuser = make_user(is_superuser=True, is_staff=True)
    assert moderation.approve(make_comment(), superuser).status == Comment.Status.APPROVED


def test_moderators_group_has_the_comment_permissions():
    codes = set(Group.objects.get(name="Moderators").permissions.values_list("codename", flat=True))
    assert {"view_comment", "change_comment", "delete_comment", "moderate_comment"} <= codes
    assert not make_editor().has_perm("comments.moderate_comment")


def test_queue_lists_pending_comments_oldest_first_with_article_and_excerpt(client):
    older = make_comment(body="Ý kiến gửi trước")
    newer = make_comment(body="Ý kiến gửi sau")
    make_comment(body="Ý kiến đã duyệt", status=Comment.Status.APPROVED)
    client.force_login(make_moderator())
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert html.index("Ý kiến gửi trước") < html.index("Ý kiến gửi sau")
    assert "Ý kiến đã duyệt" not in html
    assert older.article.title in html and newer.article.title in html

    everything = client.get(reverse(CHANGELIST), {"status": "all"}).content.decode()
    assert "Ý kiến đã duyệt" in everything


def test_queue_previews_image_attachments_inline(client):
    comment = make_comment(attachment=image_upload("hien-truong.png"))
    client.force_login(make_moderator())
    html = client.get(reverse(CHANGELIST)).content.decode()
    assert f'<img src="{comment.thumbnail_url}" alt="hien-truong.png"' in html


def test_moderator_approves_several_comments_at_once_in_the_admin(client):
    first, second, untouched = make_comment(), make_comment(), make_comment()
    moderator = make_moderator()
    client.force_login(moderator)
    response = client.post(
        reverse(CHANGELIST),
        {"action": "approve_selected", "_selected_action": [first.pk, second.pk]},
        follow=True,
    )
    assert "Đã duyệt 2 ý kiến." in response.content.decode()
    assert set(Comment.objects.approved().values_list("pk", flat=True)) == {first.pk, second.pk}
    assert Comment.objects.get(pk=first.pk).moderated_by == moderator
    assert Comment.objects.get(pk=untouched.pk).status == Comment.Status.PENDING


@pytest.mark.parametrize(
    "action, status",
    [("reject_selected", Comment.Status.REJECTED), ("mark_selected_spam", Comment.Status.SPAM)],
)
def test_moderator_rejects_or_marks_spam_in_bulk(client, action, status):
    comment = make_comment()
    client.force_login(make_moderator())
    client.post(reverse(CHANGELIST), {"action": action, "_selected_action": [comment.pk]})
    assert Comment.objects.get(pk=comment.pk).status == status


def test_moderator_edits_the_text_then_approves_and_sees_the_original(client):
    comment = make_comment(body="Nguyên văn của bạn đọc")
    client.force_login(make_moderator())
    response = client.post(
        change_url(comment), {"body": "Văn bản đã biên tập", "decision": "approve"}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.body, comment.original_body) == (
        Comment.Status.APPROVED,
        "Văn bản đã biên tập",
        "Nguyên văn của bạn đọc",
    )
    assert "Nguyên văn của bạn đọc" in client.get(change_url(comment)).content.decode()


def test_rejecting_from_the_change_form_does_not_keep_edits(client):
    comment = make_comment(body="Nguyên văn")
    client.force_login(make_moderator())
    client.post(change_url(comment), {"body": "Sửa", "decision": "reject"})
    comment.refresh_from_db()
    assert (comment.status, comment.body) == (Comment.Status.REJECTED, "Nguyên văn")


@pytest.mark.parametrize("make_staff", [make_journalist, make_editor], ids=["journalist", "editor"])
def test_journalists_and_editors_cannot_moderate_in_the_admin(client, make_staff):
    comment = make_comment()
    client.force_login(make_staff())
    assert client.get(reverse(CHANGELIST)).status_code == 403
    assert client.get(change_url(comment)).status_code == 403
    response = client.post(
        reverse(CHANGELIST), {"action": "approve_selected", "_selected_action": [comment.pk]}
    )
    assert response.status_code == 403
    response = client.post(change_url(comment), {"body": "Sửa", "decision": "approve"})
    assert response.status_code == 403
    assert Comment.objects.get(pk=comment.pk).status == Comment.Status.PENDING


def test_readers_cannot_add_comments_through_the_admin(client):
    client.force_login(make_user(is_superuser=True, is_staff=True))
    assert client.get(reverse("admin:comments_comment_add")).status_code == 403


def test_admin_index_shows_how_many_comments_wait(client):
    make_comment(), make_comment(), make_comment(status=Comment.Status.APPROVED)
    client.force_login(make_moderator())
    html = client.get(reverse("admin:index")).content.decode()
    assert "2 ý kiến bạn đọc đang chờ duyệt" in html
    assert reverse(CHANGELIST) in html


def test_admin_index_shows_no_count_to_staff_who_cannot_moderate(client):
    make_comment()
    client.force_login(make_editor())
    assert "đang chờ duyệt" not in client.get(reverse("admin:index")).content.decode()


def test_moderators_get_an_email_when_a_comment_arrives(
    client, article, mailoutbox, django_capture_on_commit_callbacks
):
    make_moderator(email="kiemduyet@example.vn")
    make_moderator(email="")  # no address, no mail
    make_editor(email="bientap@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        send(client, article, attachment=image_upload("anh.png"))
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["kiemduyet@example.vn"]
    assert article.title in mail.subject
    comment = Comment.objects.get()
    assert comment.body in mail.body
    assert "anh.png" in mail.body
    assert change_url(comment) in mail.body


def test_no_email_when_the_comment_is_refused(
    client, article, mailoutbox, django_capture_on_commit_callbacks
):
    make_moderator(email="kiemduyet@example.vn")
    with django_capture_on_commit_callbacks(execute=True):
        send(client, article, email="sai")
    assert mailoutbox == []
