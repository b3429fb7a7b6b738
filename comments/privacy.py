"""Readers' personal data: how long it is kept, and a reader's export and erasure.

A comment keeps the reader's IP address for COMMENTS_IP_RETENTION_DAYS after it
was sent (to trace abuse), and a rejected or spam comment keeps its files for
COMMENTS_REJECTED_FILE_RETENTION_DAYS after that decision (so a moderator can
change their mind). `prune()` erases what has passed its time. An administrator
answers a reader's request under Decree 13/2023/NĐ-CP with `export_for_email()`
and `erase_for_email()`.
"""

import json
import shutil
import tempfile
import zipfile
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.contrib.admin.models import CHANGE, DELETION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Value
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import attachments
from .models import Comment

DEFAULT_RETENTION_DAYS = 30
# Rows per transaction: short enough that a pass never holds locks for long.
BATCH_SIZE = 500
MANAGE_PERMISSION = "comments.manage_reader_data"
EXPORT_DATA_NAME = "du-lieu-ban-doc.json"


class NotAllowed(PermissionDenied):
    """The user may not export or erase readers' personal data."""


def can_manage_reader_data(user):
    """Superusers, and staff given the permission; moderators alone may not."""
    return bool(user and user.is_active and user.is_staff and user.has_perm(MANAGE_PERMISSION))


def _check_allowed(user):
    if not can_manage_reader_data(user):
        raise NotAllowed(_("Only administrators can export or erase a reader's data."))


def ip_retention():
    days = getattr(settings, "COMMENTS_IP_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
    return timedelta(days=days)


def file_retention():
    days = getattr(settings, "COMMENTS_REJECTED_FILE_RETENTION_DAYS", DEFAULT_RETENTION_DAYS)
    return timedelta(days=days)


def ip_erased_at(comment):
    """When `prune()` erases the comment's IP address; None when none is kept."""
    if comment.ip_address is None:
        return None
    return comment.created_at + ip_retention()


def files_deleted_at(comment):
    """When `prune()` deletes the files of a rejected or spam comment; None if it keeps them."""
    rejected = comment.status in (Comment.Status.REJECTED, Comment.Status.SPAM)
    if not (rejected and comment.moderated_at and comment.stored_files()):
        return None
    return comment.moderated_at + file_retention()


def prune(now=None, *, batch_size=BATCH_SIZE):
    """Erase IP addresses and delete rejected comments' files past their retention.

    Idempotent; returns {"ip_addresses": n, "files": n}, the comments changed.
    """
    now = now or timezone.now()
    return {
        "ip_addresses": _erase_ip_addresses(now - ip_retention(), batch_size),
        "files": _delete_rejected_files(now - file_retention(), now, batch_size),
    }


def _erase_ip_addresses(cutoff, batch_size):
    erased = 0
    while True:
        with transaction.atomic():
            # Oldest first, the order of the partial index: the planner walks it
            # instead of scanning the table on a skewed row estimate.
            batch = Comment.objects.keeping_ip_since(cutoff).order_by("created_at")
            pks = list(batch.values_list("pk", flat=True)[:batch_size])
            erased += Comment.objects.filter(pk__in=pks).update(ip_address=None)
        if len(pks) < batch_size:
            return erased


def _delete_rejected_files(cutoff, now, batch_size):
    deleted = 0
    while True:
        with transaction.atomic():
            due = Comment.objects.keeping_rejected_files_since(cutoff).order_by("moderated_at")
            batch = list(due[:batch_size])
            for comment in batch:
                deleted += _remove_files(comment, due, now)
        if len(batch) < batch_size:
            return deleted


def _remove_files(comment, due, now):
    """Forget and delete one comment's files, unless a moderator approved it meanwhile."""
    names = comment.stored_files()
    # The row is checked again as it is written: an approval that landed since
    # the batch was read keeps its files.
    if not due.filter(pk=comment.pk).update(
        **comment.forget_stored_files(), attachment_removed_at=now
    ):
        return 0
    transaction.on_commit(partial(attachments.delete_stored, *names))
    return 1


def export_for_email(email, by):
    """A ZIP archive of everything sent from `email`: its data as JSON, and the files.

    Returns (open temporary file at position 0, number of comments).
    """
    _check_allowed(by)
    comments = list(Comment.objects.sent_from(email).select_related("article"))
    archive = tempfile.TemporaryFile()
    with zipfile.ZipFile(archive, "w") as bundle:
        records = [_export_file(bundle, comment) for comment in comments]
        document = {
            "email": email.strip(),
            "exported_at": timezone.now().isoformat(),
            "ip_address_retention_days": ip_retention().days,
            "comments": records,
        }
        bundle.writestr(
            EXPORT_DATA_NAME,
            json.dumps(document, ensure_ascii=False, indent=2),
            compress_type=zipfile.ZIP_DEFLATED,
        )
    archive.seek(0)
    count = len(comments)
    message = ngettext(
        "Exported the data of one reader's e-mail address: %(count)d comment.",
        "Exported the data of one reader's e-mail address: %(count)d comments.",
        count,
    ) % {"count": count}
    _log(by, CHANGE, message)
    return archive, count


def _export_file(bundle, comment):
    """The comment's record; its attached file (as the reader sent it, cleaned) goes in too."""
    record = {
        "id": comment.pk,
        "article": {
            "title": comment.article.title,
            "url": settings.SITE_URL + comment.article.get_absolute_url(),
        },
        "name": comment.name,
        "email": comment.email,
        "body": comment.body,
        "original_body": comment.original_body,
        "status": comment.status,
        "status_label": str(comment.get_status_display()),
        "sent_at": comment.created_at.isoformat(),
        "moderated_at": comment.moderated_at.isoformat() if comment.moderated_at else None,
        "ip_address": comment.ip_address,
        "attachment": None,
        "attachment_deleted_at": (
            comment.attachment_removed_at.isoformat() if comment.attachment_removed_at else None
        ),
    }
    if comment.attachment:
        path = f"files/{comment.pk}-{comment.attachment_name}"
        try:
            with attachments.attachment_storage().open(comment.attachment, "rb") as source:
                # Attached files are compressed already (JPEG, PNG, PDF): stored as they are.
                with bundle.open(path, "w", force_zip64=True) as target:
                    shutil.copyfileobj(source, target)
        except FileNotFoundError:
            path = None
        record["attachment"] = {
            "file": path,
            "name": comment.attachment_name,
            "type": comment.attachment_type,
            "size": comment.attachment_size,
        }
    return record


@transaction.atomic
def erase_for_email(email, by):
    """Delete every comment sent from `email`, and their files once that is committed.

    The admin log records who erased how many comments, and when; not the address,
    which would keep the very data the reader asked to erase. Earlier log entries
    about these comments lose the excerpt of the reader's text they were titled with.
    """
    _check_allowed(by)
    comments = Comment.objects.sent_from(email)
    # The moderators' own log entries stay (who approved what), but their titles
    # quoted the reader's words: they keep the comment's number instead.
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment),
        object_id__in=[str(pk) for pk in comments.values_list("pk", flat=True)],
    ).update(object_repr=Concat(Value("#"), "object_id"))
    # The post_delete signal deletes each comment's files after the commit, so
    # an erase that fails midway rolls back with every file still in place.
    _, per_model = comments.delete()
    count = per_model.get(Comment._meta.label, 0)
    if count:
        message = ngettext(
            "Erased %(count)d comment sent from one reader's e-mail address, at their request.",
            "Erased %(count)d comments sent from one reader's e-mail address, at their request.",
            count,
        ) % {"count": count}
        _log(by, DELETION, message)
    return count


def _log(user, action_flag, message):
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Comment),
        object_id=None,
        object_repr=_("Reader data"),
        action_flag=action_flag,
        change_message=message,
    )
