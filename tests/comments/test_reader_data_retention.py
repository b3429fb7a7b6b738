"""prune(): readers' IP addresses, and the files of rejected comments, are kept for a set time only."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from comments import moderation, privacy
from comments.models import Comment
from tests.factories import image_upload, make_comment, make_moderator

from .helpers import stored_files

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


@pytest.fixture
def moderator():
    return make_moderator()


def files_left():
    return stored_files(settings.PRIVATE_MEDIA_ROOT)


def test_ip_address_is_erased_exactly_after_the_period_and_not_a_second_before():
    sent = timezone.now() - 40 * DAY
    comment = make_comment(ip_address="203.0.113.9", created_at=sent)

    assert privacy.prune(now=sent + 30 * DAY - timedelta(seconds=1))["ip_addresses"] == 0
    comment.refresh_from_db()
    assert comment.ip_address == "203.0.113.9"

    assert privacy.prune(now=sent + 30 * DAY)["ip_addresses"] == 1
    comment.refresh_from_db()
    assert comment.ip_address is None
    assert Comment.objects.filter(pk=comment.pk, body=comment.body).exists()  # the rest stays


def test_the_ip_period_is_a_setting(settings):
    settings.COMMENTS_IP_RETENTION_DAYS = 7
    recent = make_comment(ip_address="2001:db8::1", created_at=timezone.now() - 6 * DAY)
    older = make_comment(ip_address="2001:db8::2", created_at=timezone.now() - 7 * DAY)
    privacy.prune()
    assert Comment.objects.get(pk=recent.pk).ip_address == "2001:db8::1"
    assert Comment.objects.get(pk=older.pk).ip_address is None


def test_prune_works_through_many_rows_in_small_batches_and_is_idempotent():
    old = timezone.now() - 31 * DAY
    for number in range(7):
        make_comment(ip_address=f"198.51.100.{number}", created_at=old)
    make_comment(ip_address="198.51.100.99")

    assert privacy.prune(batch_size=3)["ip_addresses"] == 7
    assert privacy.prune(batch_size=3) == {"ip_addresses": 0, "files": 0}
    assert list(Comment.objects.exclude(ip_address=None).values_list("ip_address", flat=True)) == [
        "198.51.100.99"
    ]


@pytest.mark.parametrize(
    "decide, status",
    [(moderation.reject, Comment.Status.REJECTED), (moderation.mark_spam, Comment.Status.SPAM)],
)
def test_files_of_rejected_comments_are_deleted_after_the_period_the_row_stays(
    moderator, decide, status, django_capture_on_commit_callbacks
):
    comment = make_comment(attachment=image_upload(size=(1600, 1200)))
    decide(comment, moderator)
    decided = comment.moderated_at
    assert len(files_left()) == 2

    with django_capture_on_commit_callbacks(execute=True):
        assert privacy.prune(now=decided + 30 * DAY - timedelta(seconds=1))["files"] == 0
    assert len(files_left()) == 2

    with django_capture_on_commit_callbacks(execute=True):
        assert privacy.prune(now=decided + 30 * DAY)["files"] == 1
    assert files_left() == []
    comment.refresh_from_db()
    assert comment.status == status
    assert comment.attachment == comment.attachment_thumbnail == ""
    assert comment.attachment_removed_at == decided + 30 * DAY
    assert comment.attachment_name == "anh.png"  # what was sent is still on record


def test_a_moderator_who_approves_within_the_period_still_has_the_file(
    client, moderator, django_capture_on_commit_callbacks
):
    comment = make_comment(attachment=image_upload())
    moderation.reject(comment, moderator)
    moderation.approve(comment, moderator)  # changed their mind, day 29

    with django_capture_on_commit_callbacks(execute=True):
        privacy.prune(now=timezone.now() + 60 * DAY)
    assert len(files_left()) == 1
    assert client.get(comment.attachment_url).status_code == 200


def test_approving_after_the_files_were_deleted_publishes_the_text_without_a_file(
    client, moderator, django_capture_on_commit_callbacks
):
    comment = make_comment(attachment=image_upload())
    moderation.reject(comment, moderator)
    # The moderator opened the comment before the files went, and approves it after.
    stale = Comment.objects.get(pk=comment.pk)
    with django_capture_on_commit_callbacks(execute=True):
        privacy.prune(now=timezone.now() + 31 * DAY)
    moderation.approve(stale, moderator)

    comment.refresh_from_db()
    assert comment.is_approved
    assert comment.attachment == ""  # the approval did not write the old name back
    assert client.get(comment.attachment_url).status_code == 404
    assert comment.body in client.get(comment.article.get_absolute_url()).content.decode()


def test_pending_and_approved_files_are_never_pruned(moderator):
    pending = make_comment(attachment=image_upload(), created_at=timezone.now() - 400 * DAY)
    approved = make_comment(attachment=image_upload())
    moderation.approve(approved, moderator)
    assert privacy.prune(now=timezone.now() + 400 * DAY)["files"] == 0
    assert Comment.objects.get(pk=pending.pk).attachment
    assert Comment.objects.get(pk=approved.pk).attachment
    assert len(files_left()) == 2


def test_the_file_period_is_a_setting(settings, moderator):
    settings.COMMENTS_REJECTED_FILE_RETENTION_DAYS = 3
    comment = make_comment(attachment=image_upload())
    moderation.reject(comment, moderator)
    assert privacy.prune(now=comment.moderated_at + 3 * DAY - DAY)["files"] == 0
    assert privacy.prune(now=comment.moderated_at + 3 * DAY)["files"] == 1


def test_files_stay_when_the_pass_fails_before_its_commit(
    moderator, django_capture_on_commit_callbacks
):
    comment = make_comment(attachment=image_upload())
    moderation.reject(comment, moderator)
    with django_capture_on_commit_callbacks(execute=True) as deletions:
        with pytest.raises(RuntimeError), transaction.atomic():
            privacy.prune(now=timezone.now() + 31 * DAY)
            raise RuntimeError("the worker died before committing")
    assert deletions == []
    assert len(files_left()) == 1
    assert Comment.objects.get(pk=comment.pk).attachment


def test_management_command_prunes_and_reports(capsys):
    make_comment(ip_address="203.0.113.1", created_at=timezone.now() - 31 * DAY)
    call_command("prune_reader_data")
    assert "IP addresses erased from 1 comment(s); files deleted from 0" in capsys.readouterr().out
    assert not Comment.objects.exclude(ip_address=None).exists()
