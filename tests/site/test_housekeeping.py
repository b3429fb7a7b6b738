"""The worker books a daily housekeeping run, once, and each run books the next."""

from datetime import timedelta

import pytest
from axes.models import AccessLog
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from newsroom import tasks
from tests.factories import make_comment

# Committed for real: the worker claims tasks in transactions of its own.
pytestmark = pytest.mark.django_db(transaction=True)


def housekeeping_runs(status):
    return DBTaskResult.objects.filter(
        task_path=tasks.housekeeping.module_path, status=status
    ).order_by("enqueued_at")


def test_the_worker_runs_housekeeping_at_start_and_books_the_next_run_a_day_later(task_queue):
    task_queue()
    task_queue()  # a restarted worker does not book a second run

    assert housekeeping_runs(TaskResultStatus.SUCCESSFUL).count() == 1
    booked = housekeeping_runs(TaskResultStatus.READY).get()
    assert timedelta(hours=23) < booked.run_after - timezone.now() <= timedelta(days=1)


def test_housekeeping_forgets_old_login_records_and_task_results(task_queue):
    old, recent = timezone.now() - timedelta(days=31), timezone.now() - timedelta(days=2)
    for when in (old, recent):
        log = AccessLog.objects.create(username="bientap", ip_address="198.51.100.7")
        AccessLog.objects.filter(pk=log.pk).update(attempt_time=when)
    finished = tasks.housekeeping.using(run_after=timezone.now()).enqueue()
    DBTaskResult.objects.filter(pk=finished.id).update(
        status=TaskResultStatus.SUCCESSFUL, finished_at=old
    )

    task_queue()

    assert list(AccessLog.objects.values_list("attempt_time", flat=True)) == [recent]
    assert not DBTaskResult.objects.filter(pk=finished.id).exists()


def test_housekeeping_erases_readers_addresses_past_their_retention(task_queue):
    old = make_comment(ip_address="198.51.100.7", created_at=timezone.now() - timedelta(days=31))
    recent = make_comment(ip_address="198.51.100.8")

    task_queue()

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.ip_address, recent.ip_address) == (None, "198.51.100.8")


def test_a_failing_chore_does_not_stop_the_others_or_the_next_booking(
    task_queue, monkeypatch, caplog
):
    done = []
    monkeypatch.setattr(tasks, "broken_chore", lambda: 1 / 0, raising=False)
    monkeypatch.setattr(tasks, "good_chore", lambda: done.append(True), raising=False)
    monkeypatch.setattr(
        tasks, "DAILY_CHORES", ["newsroom.tasks.broken_chore", "newsroom.tasks.good_chore"]
    )

    task_queue()

    assert done == [True]
    assert "Housekeeping: newsroom.tasks.broken_chore failed" in caplog.text
    assert housekeeping_runs(TaskResultStatus.READY).count() == 1
