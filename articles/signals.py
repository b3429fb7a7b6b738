"""Cleanup only: a deleted article takes its cover thumbnail with it."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver

from .models import Article


@receiver(post_delete, sender=Article, dispatch_uid="articles_delete_cover_thumbnail")
def delete_cover_thumbnail(sender, instance, **kwargs):
    if instance.cover_thumbnail:
        # After the commit: a rolled-back delete must not lose the file.
        storage, name = instance.cover_thumbnail.storage, instance.cover_thumbnail.name
        transaction.on_commit(partial(storage.delete, name))
