"""`manage.py with_deploy_lock migrate --noinput`: one web node at a time runs the command.

Every web node runs deploy/entrypoint.sh when it starts, and several may start at
once (`docker compose up --scale web=3`, a rolling deploy). Two `migrate` runs at the
same time would both apply the same migration. Here the first node to come takes a
PostgreSQL advisory lock and runs the command; the others wait for the lock, then
find the work done (migrate has nothing to apply, collectstatic nothing to copy).
The lock belongs to the database session, so a node killed halfway frees it.
SQLite means one server: the command runs as it is.
"""

import argparse

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection

# Any fixed number, the same on every node: pg_advisory_lock's key.
DEPLOY_LOCK_KEY = 7_366_146_330_001


class Command(BaseCommand):
    help = "Run a management command while holding the deploy lock (one node at a time)."

    def add_arguments(self, parser):
        parser.add_argument("command_name")
        # Everything after the name is the wrapped command's (--noinput included).
        parser.add_argument("arguments", nargs=argparse.REMAINDER)

    def handle(self, command_name, arguments, **options):
        if connection.vendor != "postgresql":
            call_command(command_name, *arguments)
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_lock(%s)", [DEPLOY_LOCK_KEY])
        try:
            call_command(command_name, *arguments)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [DEPLOY_LOCK_KEY])
