#!/usr/bin/env python3
"""CPU time of one warm request per reader page, in-process: a figure the machine's load does not distort.

    .venv/bin/python benchmarks/cpu_per_request.py --database-url sqlite:////tmp/seed/db.sqlite3
    .venv/bin/python benchmarks/cpu_per_request.py ... --profile article   # cProfile of one page

Each page goes through the full middleware stack (django.test.Client, no socket),
under production settings (DEBUG off) plus the ceiling page of bench_settings, as an
anonymous reader without a session. It is requested a few times to warm the worker,
then N times; the median CPU time (time.process_time) of a request is printed with
its ratio to the ceiling page's. No page cache; FRAGMENT_CACHE as the environment says.
"""

import argparse
import os
import secrets
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("-n", type=int, default=200, help="timed requests per page")
    parser.add_argument("--profile", help="cProfile the page whose label contains this")
    parser.add_argument("--static-root", default="/tmp/cpu-per-request-static")
    parser.add_argument("--only", default="", help="time only the pages whose label contains this")
    options = parser.parse_args(argv)
    os.environ.update(
        DEBUG="",
        SECRET_KEY=secrets.token_urlsafe(50),
        DATABASE_URL=options.database_url,
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="WARNING",
        PAGE_CACHE="",
        STATIC_ROOT=options.static_root,
        DJANGO_SETTINGS_MODULE="benchmarks.bench_settings",
    )
    os.environ.setdefault("REDIS_URL", "")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if not (Path(options.static_root) / "staticfiles.json").exists():
        from django.core.management import call_command

        call_command("collectstatic", interactive=False, verbosity=0)
    from django.test import Client

    from articles.models import Article

    # The anchor benchmark's seed article when the archive is anchor_seed.py's, else the first.
    live = Article.objects.published().order_by("pk")
    article = live.filter(external_id="anchor-0").first() or live.first()
    pages = [
        ("ceiling", "/bench/ceiling/"),
        ("article", article.get_absolute_url()),
        ("front page", "/"),
        ("section", article.section.get_absolute_url()),
        ("tag", article.tags.first().get_absolute_url()),
        ("author", article.authors.first().get_absolute_url()),
    ]
    client = Client()
    ceiling = None
    for label, path in pages:
        if options.only not in label and label != "ceiling":
            continue
        for _ in range(5):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        if options.profile and options.profile in label:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(options.n):
                client.get(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(40)
            continue
        times = []
        for _ in range(options.n):
            started = time.process_time()
            client.get(path)
            times.append((time.process_time() - started) * 1000)
        median = statistics.median(times)
        ceiling = ceiling or median
        print(f"{label:12} {median:7.2f} ms CPU  {ceiling / median:6.3f} × ceiling  "
              f"{len(response.content):6} bytes  {path}")  # fmt: skip


if __name__ == "__main__":
    main()
