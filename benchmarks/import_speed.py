#!/usr/bin/env python3
"""How long `manage.py import_articles` takes for an archive of N lines.

Writes N generated lines (benchmarks/archive.py, the same text as the bench
archive) to a JSON Lines file, migrates a fresh database, and times the
command as an operator runs it, twice: the first import (every line new) and
the same file again (every line an update by `external_id`).

    .venv/bin/python benchmarks/import_speed.py 1000                 # SQLite
    .venv/bin/python benchmarks/import_speed.py 10000 \\
        --database-url postgres://postgres@127.0.0.1:5432/newsroom_import_bench
    .venv/bin/python benchmarks/import_speed.py 1000 --cover          # every line with a cover

The PostgreSQL database is dropped and created again: give it a name of its own.
"""

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.archive import records  # noqa: E402


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lines", type=int, nargs="?", default=1000)
    parser.add_argument("--database-url", default="", help="PostgreSQL URL (default: SQLite)")
    parser.add_argument("--cover", action="store_true", help="give every line the same cover")
    parser.add_argument("--no-update", action="store_true", help="skip the second import")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="import-speed-") as folder:
        folder = Path(folder)
        env = {
            **os.environ,
            "DEBUG": "1",
            "NEWSROOM_VAR_DIR": str(folder / "var"),
            "MEDIA_ROOT": str(folder / "media"),
            "DATABASE_URL": options.database_url or f"sqlite:///{folder / 'import.sqlite3'}",
        }
        if options.database_url:
            recreate(options.database_url)
        manage(env, "migrate", "--noinput", quiet=True)
        cover = None
        if options.cover:
            from PIL import Image

            Image.new("RGB", (1200, 800), (40, 90, 140)).save(folder / "anh-bia.jpg", quality=85)
            cover = "anh-bia.jpg"
        path = folder / "archive.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for record in records(options.lines, cover=cover):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        results = {"lines": options.lines, "database": urlsplit(env["DATABASE_URL"]).scheme}
        runs = ["first import"] + ([] if options.no_update else ["same file again"])
        for label in runs:
            before, started = resource.getrusage(resource.RUSAGE_CHILDREN), time.monotonic()
            database_cpu = None
            if options.database_url:
                database_cpu = manage_measuring_postgres(env, path)
            else:
                manage(env, "import_articles", str(path))
            seconds = time.monotonic() - started
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            # On a shared machine the wall time mostly measures the others; the
            # command's own CPU time does not (PostgreSQL's share is not in it).
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            load = os.getloadavg()[0]
            results[label] = {"wall_s": round(seconds, 1), "cpu_s": round(cpu, 1), "load": load}
            if database_cpu is not None:
                results[label]["postgres_cpu_s"] = round(database_cpu, 1)
                cpu += database_cpu  # the whole work, client and server
            per_100k = seconds / options.lines * 100_000 / 60
            print(
                f"{label}: {options.lines:,} lines in {seconds:.1f} s, {cpu:.1f} s of CPU "
                f"(load average {load:.1f}); 100,000 lines ≈ {per_100k:.1f} min "
                f"({cpu / options.lines * 100_000 / 60:.1f} min of CPU, "
                f"{'the command and its PostgreSQL backend' if database_cpu else 'the command'})",
                flush=True,
            )
        print(json.dumps(results))
        if options.database_url:
            recreate(options.database_url, drop_only=True)


def manage(env, *args, quiet=False):
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


# The import in a `manage.py shell`, reading its PostgreSQL backend's CPU time from /proc.
MEASURED_IMPORT = """
import os, sys
from django.core.management import call_command
from django.db import connection

def cpu(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

with connection.cursor() as cursor:
    cursor.execute("SELECT pg_backend_pid()")
    pid = cursor.fetchone()[0]
before = cpu(pid)
call_command("import_articles", sys.argv[-1])
print("POSTGRES_CPU", cpu(pid) - before)
"""


def manage_measuring_postgres(env, path):
    """Run the import; return the CPU seconds its PostgreSQL backend spent (same machine)."""
    result = subprocess.run(
        [sys.executable, "-c", "import django, sys; django.setup(); exec(sys.stdin.read())", str(path)],
        input=MEASURED_IMPORT, cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "newsroom.settings"},
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    print(result.stdout.replace(result.stdout.splitlines()[-1], "").strip())
    return float(result.stdout.splitlines()[-1].split()[1])


def recreate(url, *, drop_only=False):
    import psycopg

    name = urlsplit(url).path.lstrip("/")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()
