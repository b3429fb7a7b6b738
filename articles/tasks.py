"""Desk e-mail sent after the editor's or journalist's request, by the worker (`manage.py worker`)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from . import notifications
from .models import Notification

logger = logging.getLogger(__name__)


@task()
def email_notifications(notification_ids, attempt=1):
    """E-mail each notification to its recipient; those that fail are tried again later."""
    failed = []
    rows = Notification.objects.filter(pk__in=notification_ids).select_related(
        "recipient", "actor", "article"
    )
    for notification in rows:
        try:
            notifications.email(notification)
        except Exception as error:
            logger.warning("Could not e-mail notification %s: %r", notification.pk, error)
            failed.append(notification.pk)
    if not failed:
        return
    if attempt >= settings.EMAIL_SEND_ATTEMPTS:
        logger.error("Gave up e-mailing notifications %s after %s attempts", failed, attempt)
    else:
        delay = settings.EMAIL_RETRY_DELAY_SECONDS * 2 ** (attempt - 1)
        email_notifications.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            failed, attempt + 1
        )
    # This attempt shows as failed in the admin's task results.
    raise RuntimeError(f"E-mail failed for notifications {failed}")
