from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from newsroom.tasks import schedule_housekeeping


class Command(BaseCommand):
    help = (
        "Run the background tasks (the moderators' e-mail, the daily housekeeping) "
        "until stopped: django-tasks-db's db_worker, after booking the housekeeping."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--batch", action="store_true", help="Run every task that is due, then exit."
        )

    def handle(self, *, batch, verbosity, **options):
        schedule_housekeeping()
        # In development the worker restarts when the code changes, as runserver does.
        call_command(
            "db_worker",
            batch=batch,
            reload=settings.DEBUG and not batch,
            startup_delay=not batch,
            interval=0 if batch else 1,
            verbosity=verbosity,
        )
