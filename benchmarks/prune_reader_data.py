#!/usr/bin/env python3
"""What `prune()` (manage.py prune_reader_data) costs on a million comments.

Fills a database with 1,000,000 comments sent over two years, every one with
an IP address (the worst case: retention switched on for the first time), a
tenth of them rejected or spam with a file name, then times:

1. the first pass, which erases nearly all IP addresses (the one-time catch-up),
2. a second pass with nothing to do (what a periodic run costs almost always),
3. a pass after one more day of comments (a daily run in steady state),

and prints the plan of the query each batch runs. Statistics are refreshed
(ANALYZE; VACUUM too on PostgreSQL) after the fill and after each pass. No files are written: the
stored names point nowhere, and deleting a missing file is a no-op.

SQLite (a throwaway file) by default; for PostgreSQL give an EMPTY database:

    .venv/bin/python benchmarks/prune_reader_data.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/newsroom_bench .venv/bin/python benchmarks/prune_reader_data.py
"""

import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ROWS = int(os.environ.get("BENCH_ROWS", "1000000"))


def main():
    folder = tempfile.mkdtemp(prefix="prune-bench-")
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3")
    os.environ.update(DEBUG="1", PRIVATE_MEDIA_ROOT=folder, NEWSROOM_VAR_DIR=folder)
    os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from comments import privacy
    from comments.models import Comment
    from tests.factories import make_article

    call_command("migrate", verbosity=0)
    article = make_article()
    now = timezone.now()
    started = time.perf_counter()
    fill(connection, article.pk, now)
    print(
        f"{connection.vendor}: {ROWS:,} comments inserted in {time.perf_counter() - started:.1f}s"
    )
    analyze(connection)

    for label, moment in (
        ("first pass (catch-up)", now),
        ("second pass (nothing to do)", now),
        ("a day later", now + timedelta(days=1)),
    ):
        started = time.perf_counter()
        pruned = privacy.prune(now=moment)
        print(f"{label}: {pruned} in {time.perf_counter() - started:.2f}s")
        analyze(connection)

    cutoff = now - privacy.ip_retention()
    batch = Comment.objects.keeping_ip_since(cutoff).order_by("created_at").values_list("pk")
    print("IP batch plan:", batch[: privacy.BATCH_SIZE].explain())
    files = Comment.objects.keeping_rejected_files_since(cutoff).order_by("moderated_at")
    print("file batch plan:", files[: privacy.BATCH_SIZE].explain())


def analyze(connection):
    """Fresh planner statistics (and, on PostgreSQL, dead rows cleared), as autovacuum does."""
    with connection.cursor() as cursor:
        vacuum = "VACUUM " if connection.vendor == "postgresql" else ""
        cursor.execute(f"{vacuum}ANALYZE comments_comment")


def fill(connection, article_id, now):
    """ROWS comments, one every ~63 s back from now, by SQL: the ORM would take minutes."""
    step = 2 * 365 * 86400 / ROWS
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            series = f"SELECT generate_series(1, {ROWS}) AS n"
            sent = f"%s::timestamptz - make_interval(secs => n * {step})"
            ip = "('10.0.0.0'::inet + n)"
        else:
            series = (
                "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s "
                f"WHERE n < {ROWS}) SELECT n FROM s"
            )
            sent = f"strftime('%%Y-%%m-%%d %%H:%%M:%%f', %s, '-' || (n * {step}) || ' seconds')"
            ip = "'10.' || (n / 65536) || '.' || (n / 256 %% 256) || '.' || (n %% 256)"
        status = "CASE WHEN n %% 10 = 0 THEN 'rejected' ELSE 'approved' END"
        moderated = sent.replace("n *", "(n - 1) *")
        cursor.execute(
            "INSERT INTO comments_comment (article_id, name, email, body, original_body, "
            "status, created_at, ip_address, moderated_at, attachment, attachment_thumbnail, "
            "attachment_name, attachment_type) "
            f"SELECT %s, 'Bạn đọc', 'ban-doc' || n || '@example.vn', 'Ý kiến.', '', {status}, "
            f"{sent}, {ip}, {moderated}, "
            "CASE WHEN n %% 10 = 0 THEN 'comments/bench/' || n || '.png' ELSE '' END, "
            "'', 'anh.png', 'image/png' "
            f"FROM ({series}) AS numbers",
            [article_id, now.isoformat(), now.isoformat()],
        )


if __name__ == "__main__":
    main()
