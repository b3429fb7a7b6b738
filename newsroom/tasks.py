"""The worker's daily housekeeping: plain functions, run once a day in the background.

To add a chore, add its dotted path to DAILY_CHORES; it is called with no arguments.
"""

import io
import logging
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResultStatus, task

logger = logging.getLogger(__name__)

DAILY_CHORES = [
    "newsroom.tasks.prune_task_results",
    "newsroom.tasks.prune_login_log",
    # Readers' IP addresses and rejected comments' files past their retention periods.
    "comments.privacy.prune",
    "comments.ratelimit.forget_ended_windows",
]
# How long the records of finished background tasks and of staff logins are kept.
TASK_RESULT_RETENTION_DAYS = 30
LOGIN_LOG_RETENTION_DAYS = 30


def prune_task_results():
    """Forget background tasks that finished more than a month ago."""
    call_command(
        "prune_db_task_results",
        min_age_days=TASK_RESULT_RETENTION_DAYS,
        queue_name="*",
        verbosity=0,
    )


def prune_login_log():
    """Forget staff logins (address, browser) older than a month; lockouts stay until lifted."""
    # The command prints its count whatever the verbosity; axes logs it as well.
    call_command("axes_reset_logs", age=LOGIN_LOG_RETENTION_DAYS, stdout=io.StringIO())


@task()
def housekeeping():
    """Run every daily chore (one failing does not stop the others), then book tomorrow's run."""
    for path in DAILY_CHORES:
        try:
            import_string(path)()
        except Exception:
            logger.exception("Housekeeping: %s failed", path)
    schedule_housekeeping(timezone.now() + timedelta(days=1))


def schedule_housekeeping(when=None):
    """Book a housekeeping run (now, unless `when`) if none is booked yet."""
    from django_tasks_db.models import DBTaskResult

    booked = DBTaskResult.objects.filter(
        task_path=housekeeping.module_path, status=TaskResultStatus.READY
    )
    if not booked.exists():
        housekeeping.using(run_after=when).enqueue()
