"""Cached pages go stale when an editor changes a curated page: the admin saves the
slots directly (an inline formset), so there is no service to call content_changed()."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from newsroom import pagecache

from .models import CuratedPage, CuratedSlot


@receiver(post_save, sender=CuratedPage, dispatch_uid="curation_page_saved_pagecache")
@receiver(post_save, sender=CuratedSlot, dispatch_uid="curation_slot_saved_pagecache")
@receiver(post_delete, sender=CuratedPage, dispatch_uid="curation_page_deleted_pagecache")
@receiver(post_delete, sender=CuratedSlot, dispatch_uid="curation_slot_deleted_pagecache")
def retire_cached_pages(sender, **kwargs):
    pagecache.content_changed()
