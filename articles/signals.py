"""Cleanup only: a deleted article takes its cover and renditions with it (unless
another article shows the same picture), and cached pages go stale when the admin
renames or deletes what they show."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsroom import pagecache

from .images import release_after_commit
from .models import Article, Author, Section, Tag


@receiver(post_delete, sender=Article, dispatch_uid="articles_delete_cover_files")
def delete_cover_files(sender, instance, **kwargs):
    # After the commit (a rolled-back delete must not lose the files), and only
    # the files no other article shows: the same picture is stored once.
    release_after_commit(
        instance.cover_image.storage,
        instance.cover_image.name or "",
        instance.cover_renditions or None,
        instance.cover_thumbnail.name or "",
    )


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
