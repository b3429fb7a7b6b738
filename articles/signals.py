"""Cleanup only: a deleted article takes its cover and cover thumbnail with it, and
cached pages go stale when the admin renames or deletes what they show."""

from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsroom import pagecache

from .models import Article, Author, Section, Tag


@receiver(post_delete, sender=Article, dispatch_uid="articles_delete_cover_files")
def delete_cover_files(sender, instance, **kwargs):
    # Each article owns its cover file: uploads and imports store a copy.
    for field_file in (instance.cover_image, instance.cover_thumbnail):
        if field_file:
            # After the commit: a rolled-back delete must not lose the file.
            transaction.on_commit(partial(field_file.storage.delete, field_file.name))


# Sections, authors and tags have no service: the admin saves and deletes them
# directly, and their names appear on every page that lists an article. Deleting an
# article in the admin has no service either. (Everything else that changes what
# readers see calls pagecache.content_changed() itself.)
@receiver(post_save, sender=Section, dispatch_uid="articles_section_saved_pagecache")
@receiver(post_save, sender=Author, dispatch_uid="articles_author_saved_pagecache")
@receiver(post_save, sender=Tag, dispatch_uid="articles_tag_saved_pagecache")
@receiver(post_delete, sender=Section, dispatch_uid="articles_section_deleted_pagecache")
@receiver(post_delete, sender=Author, dispatch_uid="articles_author_deleted_pagecache")
@receiver(post_delete, sender=Tag, dispatch_uid="articles_tag_deleted_pagecache")
@receiver(post_delete, sender=Article, dispatch_uid="articles_article_deleted_pagecache")
def retire_cached_pages(sender, **kwargs):
    pagecache.content_changed()
