#!/usr/bin/env python3
"""The speed benchmark (issue 13): an archive at newspaper scale, under load and one request at a time.

    python3 dev.py bench                                   # 100,000 articles, 1,000,000 comments, PostgreSQL
    python3 dev.py bench --articles 2000 --comments 20000 --duration 5 --rounds 1   # minutes
    python3 dev.py bench --sqlite                          # the embedded database instead

1. Builds the archive (benchmarks/archive.py) in its own database, once: a
   later run with the same size reuses it (`--rebuild` starts again).
2. Starts the production web command's gunicorn (deploy/gunicorn.conf.py, two
   sync workers) under benchmarks.bench_settings, which adds the ceiling page:
   a constant 20 KB response. With PAGE_CACHE=1 a second gunicorn serves the
   page-cached article, if the site has that setting.
3. Measures with wrk (`apt-get install -y wrk`), in interleaved rounds, the
   ceiling, the article page without and with the page cache, the front page,
   a section page, search and a comment post; prints req/s, p50, p99 and each
   rate as a share of the ceiling.
4. Times single warm requests of the pages and admin views of the issue's
   goal 4 in-process, records the EXPLAIN plan of each of their queries and
   flags full scans of the big tables.

Everything is written as JSON to var/bench/results-<time>.json (or --out).
"""

import argparse
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"  # --dir changes it
sys.path.insert(0, str(ROOT))

DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/newsroom_bench"
# Bump when benchmarks/archive.py generates a different archive: old ones are rebuilt.
ARCHIVE_VERSION = 2
# A reader's comment as the form posts it (with diacritics: text without them is sent
# back once, asking the reader to confirm).
COMMENT = {
    "name": "Bạn đọc",
    "email": "ban-doc@example.vn",
    "body": "Bài viết rất hay, cảm ơn báo.",
}
COMMENT_LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "csrftoken={token}"
wrk.body = "{body}"
"""


def say(message):
    print(f"==> {message}", file=sys.stderr, flush=True)


def main(argv=None):
    global BENCH_DIR
    options = parse_args(argv)
    BENCH_DIR = Path(options.dir).resolve() if options.dir else BENCH_DIR
    if not shutil.which("wrk") and not options.no_load:
        sys.exit("The benchmark needs wrk, the HTTP load generator: apt-get install -y wrk")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    database_url = options.database_url or (
        f"sqlite:///{BENCH_DIR / 'bench.sqlite3'}" if options.sqlite else DEFAULT_DATABASE
    )
    env = site_environment(database_url, options)
    os.environ.update(env, DJANGO_SETTINGS_MODULE="benchmarks.bench_settings")
    prepare_database(database_url, options)

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", "--noinput", verbosity=0)
    ensure_archive(database_url, options)
    call_command("collectstatic", "--noinput", verbosity=0)
    targets = pick_targets()
    if options.serve:
        serve(env, targets, options)
        return
    results = {
        "machine": machine(),
        "database": urlsplit(database_url).scheme,
        "articles": options.articles,
        "comments": options.comments,
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }
    if not options.no_load:
        results["load"] = measure_load(env, targets, options)
        print_load(results["load"])
    if not options.no_single:
        from benchmarks.bench_single import print_single, time_single_requests

        results["single"] = time_single_requests(targets, options)
        print_single(results["single"])
    out = Path(options.out or BENCH_DIR / f"results-{time.strftime('%Y%m%d-%H%M%S')}.json")
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    say(f"Results written to {out}")


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--comments", type=int, default=1_000_000)
    parser.add_argument(
        "--database-url", help=f"PostgreSQL or SQLite URL (default {DEFAULT_DATABASE})"
    )
    parser.add_argument("--sqlite", action="store_true", help="use var/bench/bench.sqlite3")
    parser.add_argument(
        "--redis-url", default="", help="the cache, as in production (default: none)"
    )
    parser.add_argument("--rebuild", action="store_true", help="build the archive again")
    parser.add_argument(
        "--keep-archive",
        action="store_true",
        help="use the database as it is, whatever it holds (an imported archive)",
    )
    parser.add_argument("--duration", type=int, default=15, help="seconds of wrk per target")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of wrk before each")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=20, help="timed single requests per page")
    parser.add_argument("--no-load", action="store_true", help="skip the wrk measurements")
    parser.add_argument("--no-single", action="store_true", help="skip the single requests")
    parser.add_argument(
        "--only", default="", help="time only the single requests whose name contains this"
    )
    parser.add_argument(
        "--serve", action="store_true", help="only start the server and wait (for run_anchors.sh)"
    )
    parser.add_argument("--port", type=int, default=0, help="port for --serve (default: any)")
    parser.add_argument(
        "--page-cache",
        action="store_true",
        help="with --serve: the whole-page cache on (needs --redis-url), as in production",
    )
    parser.add_argument("--out", help="the JSON file to write")
    parser.add_argument("--dir", help="the folder for its files (default var/bench)")
    return parser.parse_args(argv)


def site_environment(database_url, options):
    """The production environment, on loopback without TLS (wrk talks to gunicorn directly)."""
    secret = BENCH_DIR / "secret-key"
    if not secret.exists():
        secret.write_text(secrets.token_urlsafe(50))
    env = {
        "DEBUG": "",
        "SECRET_KEY": secret.read_text(),
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "NEWSROOM_VAR_DIR": str(BENCH_DIR / "var"),
        "MEDIA_ROOT": str(BENCH_DIR / "media"),
        "STATIC_ROOT": str(BENCH_DIR / "static"),
        "PRIVATE_MEDIA_ROOT": str(BENCH_DIR / "private"),
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "COMMENTS_RATE_LIMIT": "1000000000",
        "LOG_LEVEL": "WARNING",
        "REDIS_URL": options.redis_url,
        "CACHE_KEY_PREFIX": "bench",
        "PAGE_CACHE": "",
    }
    return env


def prepare_database(database_url, options):
    """Create the PostgreSQL database if missing; drop it (or the SQLite file) on --rebuild."""
    url = urlsplit(database_url)
    if url.scheme.startswith("sqlite"):
        if options.rebuild:
            Path(url.path).unlink(missing_ok=True)
        return
    import psycopg

    name = url.path.lstrip("/")
    admin = database_url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        if options.rebuild:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def ensure_archive(database_url, options):
    """Build the archive unless this database already holds one of the same size."""
    from articles.models import Article
    from benchmarks import archive
    from comments.models import Comment

    if options.keep_archive:
        make_staff()
        return
    stamp = BENCH_DIR / f"archive-{re.sub(r'[^A-Za-z0-9]+', '-', database_url)}.json"
    wanted = {
        "version": ARCHIVE_VERSION,
        "articles": options.articles,
        "comments": options.comments,
    }
    have = json.loads(stamp.read_text()) if stamp.exists() else None
    counts = (Article.objects.count(), Comment.objects.count())
    if have == wanted and counts == (options.articles, options.comments):
        say(
            f"Reusing the archive of {options.articles:,} articles and {options.comments:,} comments"
        )
    else:
        if any(counts):
            sys.exit(
                f"The bench database holds another archive ({counts[0]:,} articles, "
                f"{counts[1]:,} comments): run again with --rebuild to replace it."
            )
        say(
            f"Building an archive of {options.articles:,} articles and {options.comments:,} comments"
        )
        archive.build(options.articles, options.comments)
        stamp.write_text(json.dumps(wanted))
    make_staff()


def make_staff():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    User = get_user_model()
    for username, group in [("bench-editor", "Editors"), ("bench-moderator", "Moderators")]:
        user, created = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        if created:
            user.set_unusable_password()
            user.save()
            user.groups.add(Group.objects.get(name=group))


def pick_targets():
    """The URLs measured: a typical article, the busiest one, the biggest section, tag and author."""
    from django.db.models import Count

    from articles.models import Article, Author, Section, Tag
    from benchmarks.archive import busy_article

    published = Article.objects.published()
    busy = busy_article()
    quiet = published.exclude(pk=busy.pk).annotate(n=Count("comments")).filter(n__lte=10).first()
    quiet = quiet or published.first()
    section = Section.objects.annotate(n=Count("articles")).order_by("-n").first()
    tag = Tag.objects.annotate(n=Count("tagged_articles")).order_by("-n").first()
    author = Author.objects.annotate(n=Count("articles")).order_by("-n").first()
    return {
        "article": quiet.get_absolute_url(),
        "article_id": quiet.pk,
        "busy_article": busy.get_absolute_url(),
        "section": section.get_absolute_url(),
        "section_id": section.pk,
        "tag": tag.get_absolute_url(),
        "author": author.get_absolute_url(),
        "comment_new": f"/comments/{quiet.pk}/new/",
    }


# Under load (wrk)


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """The production gunicorn (two sync workers) on a loopback port; stopped with its group."""

    def __init__(self, env, *, port=0, page_cache=False):
        self.port = port or free_port()
        self.env = {
            **os.environ,
            **env,
            "DJANGO_SETTINGS_MODULE": "benchmarks.bench_settings",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": "2",
            "PAGE_CACHE": "1" if page_cache else "",
        }
        self.log = BENCH_DIR / f"gunicorn-{self.port}.log"
        self.process = None

    def __enter__(self):
        gunicorn = Path(sys.executable).parent / "gunicorn"
        self.process = subprocess.Popen(
            [str(gunicorn), "--config", "deploy/gunicorn.conf.py", "newsroom.wsgi"],
            cwd=ROOT,
            env=self.env,
            stdout=self.log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"gunicorn exited:\n{self.log.read_text()[-3000:]}")
            try:
                if self.get("/healthz").status == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        sys.exit(f"gunicorn did not answer in 60 s:\n{self.log.read_text()[-3000:]}")

    def __exit__(self, *exc):
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def get(self, path):
        return urllib.request.urlopen(self.url(path), timeout=10)


def page_cache_available():
    """True when the site reads a PAGE_CACHE setting (the whole-page cache, issue 13)."""
    probe = subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); from django.conf import settings; "
         "print(bool(getattr(settings, 'PAGE_CACHE', False)))"],
        cwd=ROOT, env={**os.environ, "PAGE_CACHE": "1"}, capture_output=True, text=True,
    )  # fmt: skip
    return probe.stdout.strip() == "True"


def measure_load(env, targets, options):
    cached = page_cache_available()
    lua_dir = BENCH_DIR / "lua"
    lua_dir.mkdir(exist_ok=True)
    report = lua_dir / "report.lua"
    report.write_text((Path(__file__).parent / "wrk_report.lua").read_text())
    with Server(env) as server, Server(env, page_cache=True) if cached else NoServer() as cache:
        token = csrf_token(server, targets["comment_new"])
        post = lua_dir / "comment.lua"
        body = urlencode({"csrfmiddlewaretoken": token, **COMMENT})
        post.write_text(COMMENT_LUA.format(token=token, body=body) + report.read_text())
        plan = [
            ("ceiling", server.url("/bench/ceiling/"), report),
            ("article", server.url(targets["article"]), report),
            ("article, page cache", cache.url(targets["article"]) if cached else None, report),
            ("front page", server.url("/"), report),
            ("section page", server.url(targets["section"]), report),
            ("search", server.url("/search/?q=ph%C3%A1t+tri%E1%BB%83n"), report),
            ("comment post", server.url(targets["comment_new"]), post),
        ]
        for label, url, _script in plan:
            if url and label != "comment post":
                status = urllib.request.urlopen(url, timeout=30).status
                if status != 200:
                    sys.exit(f"{label}: {url} answered {status}")
        runs = {label: [] for label, _url, _script in plan}
        for round_number in range(options.rounds):
            shift = round_number % len(plan)
            for label, url, script in plan[shift:] + plan[:shift]:
                if url is None:
                    continue
                say(f"round {round_number + 1}/{options.rounds}: {label}")
                time.sleep(1)
                wrk(url, options.warmup, options.connections, script)
                runs[label].append(wrk(url, options.duration, options.connections, script))
    forget_posted_comments()
    rows = []
    ceiling = statistics.median(r["rps"] for r in runs["ceiling"])
    for label, measured in runs.items():
        if not measured:
            rows.append(
                {"page": label, "rps": None, "note": "n/a: the site has no PAGE_CACHE setting"}
            )
            continue
        rps = statistics.median(r["rps"] for r in measured)
        rows.append(
            {
                "page": label,
                "rps": round(rps, 1),
                "p50_ms": round(statistics.median(r["p50_ms"] for r in measured), 1),
                "p99_ms": round(statistics.median(r["p99_ms"] for r in measured), 1),
                "errors": sum(r["errors"] for r in measured),
                "non_2xx_3xx": sum(r["err_status"] for r in measured),
                "x_ceiling": round(rps / ceiling, 3) if ceiling else None,
                "rounds": measured,
            }
        )
    return {"targets": targets, "connections": options.connections,
            "duration_s": options.duration, "rounds": options.rounds, "pages": rows}  # fmt: skip


def forget_posted_comments():
    """Delete the comments the load test posted, so that the archive stays the size it was built."""
    from comments.models import Comment

    posted = Comment.objects.filter(email=COMMENT["email"], name=COMMENT["name"])
    say(f"Deleting the {posted.count():,} comments posted by the load test")
    posted.delete()


class NoServer:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        pass


def csrf_token(server, path):
    """A CSRF token for the comment form (the cookie and the field carry the same value)."""
    response = server.get(path)
    cookies = response.headers.get_all("Set-Cookie") or []
    for cookie in cookies:
        match = re.match(r"csrftoken=([^;]+)", cookie)
        if match:
            return match.group(1)
    sys.exit(f"No CSRF cookie from {path}")


def wrk(url, seconds, connections, script):
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(script),
        url,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    line = next(line for line in output.splitlines() if line.startswith("BENCH_JSON "))
    data = json.loads(line.removeprefix("BENCH_JSON "))
    errors = sum(data[key] for key in ("err_connect", "err_read", "err_write", "err_timeout"))
    return {
        "rps": data["requests"] / (data["duration_us"] / 1e6),
        "p50_ms": data["lat_p50_us"] / 1000,
        "p99_ms": data["lat_p99_us"] / 1000,
        "errors": errors,
        "err_status": data["err_status"],
    }


def print_load(load):
    print(f"\nUnder load: wrk, {load['connections']} connections, {load['duration_s']} s, "
          f"{load['rounds']} interleaved round(s), medians")  # fmt: skip
    print(f"{'page':<22} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'x ceiling':>10} {'errors':>7}")
    for row in load["pages"]:
        if row["rps"] is None:
            print(f"{row['page']:<22} {row['note']}")
            continue
        errors = row["errors"] + row["non_2xx_3xx"]
        print(f"{row['page']:<22} {row['rps']:>8.0f} {row['p50_ms']:>8.1f} {row['p99_ms']:>8.1f} "
              f"{row['x_ceiling'] or 0:>10.3f} {errors:>7}")  # fmt: skip


def machine():
    cpu = ""
    try:
        cpu = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
    except (OSError, StopIteration):
        pass
    return {"cpus": os.cpu_count(), "cpu": cpu, "python": sys.version.split()[0]}


def serve(env, targets, options):
    """Start the bench server and wait until stopped: for run_anchors.sh --extra."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    if options.page_cache and not options.redis_url:
        sys.exit("--page-cache needs --redis-url: the page cache lives in Redis.")
    with Server(env, port=options.port, page_cache=options.page_cache) as server:
        for name in ("article", "section", "tag"):
            print(f"{name}: {server.url(targets[name])}", flush=True)
        print(f"front page: {server.url('/')}", flush=True)
        print(f"ceiling: {server.url('/bench/ceiling/')}", flush=True)
        say("Serving until Ctrl+C")
        try:
            while server.process.poll() is None:
                time.sleep(1)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
