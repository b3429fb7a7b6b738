"""Cleanup only: a deleted article takes its cover and cover thumbnail with it."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Article


@receiver(post_delete, sender=Article, dispatch_uid="articles_delete_cover_files")
def delete_cover_files(sender, instance, **kwargs):
    # Each article owns its cover file: uploads and imports store a copy.
    for field_file in (instance.cover_image, instance.cover_thumbnail):
        if field_file:
            # After the commit: a rolled-back delete must not lose the file.
            transaction.on_commit(partial(field_file.storage.delete, field_file.name))
