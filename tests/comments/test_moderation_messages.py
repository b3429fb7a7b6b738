"""Each moderation step says what it did, in Vietnamese: "Đã duyệt 3 ý kiến"."""

import pytest
from django.urls import reverse

from comments.models import Comment
from tests.factories import make_comment, make_moderator

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:comments_comment_changelist"
GENERIC = "thành công"  # Django's "… đã được thay đổi thành công."


@pytest.mark.parametrize(
    ("action", "count", "message"),
    [
        ("approve_selected", 3, "Đã duyệt 3 ý kiến."),
        ("reject_selected", 2, "Đã từ chối 2 ý kiến."),
        ("mark_selected_spam", 1, "Đã đánh dấu spam 1 ý kiến."),
    ],
)
def test_a_bulk_action_says_how_many_comments_it_decided(client, action, count, message):
    comments = [make_comment() for _ in range(count)]
    client.force_login(make_moderator())
    response = client.post(
        reverse(CHANGELIST),
        {"action": action, "_selected_action": [comment.pk for comment in comments]},
        follow=True,
    )
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("decision", "status", "message"),
    [
        ("approve", Comment.Status.APPROVED, "Đã duyệt ý kiến của Nguyễn Văn An."),
        ("reject", Comment.Status.REJECTED, "Đã từ chối ý kiến của Nguyễn Văn An."),
        ("spam", Comment.Status.SPAM, "Đã đánh dấu spam ý kiến của Nguyễn Văn An."),
    ],
)
def test_a_decision_on_the_comment_page_says_what_it_did(client, decision, status, message):
    comment = make_comment(name="Nguyễn Văn An")
    client.force_login(make_moderator())
    response = client.post(
        reverse("admin:comments_comment_change", args=[comment.pk]),
        {"body": comment.body, "decision": decision},
        follow=True,
    )
    html = response.content.decode()
    assert message in html
    assert GENERIC not in html
    assert Comment.objects.get(pk=comment.pk).status == status
