"""Comment work done after the reader's request, by the worker (`manage.py worker`)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from . import moderation
from .models import Comment

logger = logging.getLogger(__name__)


@task()
def notify_moderators(comment_id, attempt=1):
    """E-mail the moderators about a new comment; when that fails, try again later."""
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None or comment.status != Comment.Status.PENDING:
        return  # deleted or moderated before the worker got to it
    try:
        moderation.notify_moderators(comment)
    except Exception as error:
        if attempt >= settings.EMAIL_SEND_ATTEMPTS:
            logger.error(
                "Gave up e-mailing the moderators about comment %s after %s attempts: %r",
                comment_id,
                attempt,
                error,
            )
            raise
        delay = settings.EMAIL_RETRY_DELAY_SECONDS * 2 ** (attempt - 1)
        logger.warning(
            "Could not e-mail the moderators about comment %s (attempt %s of %s, %r); "
            "trying again in %s s",
            comment_id,
            attempt,
            settings.EMAIL_SEND_ATTEMPTS,
            error,
            delay,
        )
        # Booked before raising, so this attempt shows as failed (with its
        # traceback, in the admin's task results) and the next one waits.
        notify_moderators.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
            comment_id, attempt + 1
        )
        raise
