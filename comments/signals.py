"""Cleanup only: a deleted comment takes its stored files with it."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from . import attachments
from .models import Comment


@receiver(post_delete, sender=Comment, dispatch_uid="comments_delete_attachment")
def delete_attachment_files(sender, instance, **kwargs):
    names = instance.stored_files()
    if names:
        # After the commit: a rolled-back delete must not lose the file.
        transaction.on_commit(partial(attachments.delete_stored, *names))
