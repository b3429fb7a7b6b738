"""The single-request half of bench.py: goal 4's pages one at a time, with their query plans.

In-process through the full middleware stack (django.test.Client, no socket),
warm; each page's SQL is run again under EXPLAIN (EXPLAIN QUERY PLAN on
SQLite), and a full scan of a big table is flagged.
"""

import re
import statistics
import time
from urllib.parse import urlencode, urlsplit

from benchmarks.bench import say

BIG_TABLES = (
    "articles_article", "comments_comment", "articles_taggedarticle", "articles_articleauthor",
    "articles_articlerevision",
)  # fmt: skip
SEARCHES = ["tỉnh", "phát triển", "lam theo bac", "binh duong", "Bình Dương", "Tủa Chùa"]


def single_request_plan(targets):
    from django.urls import reverse

    from articles.models import Section

    section = Section.objects.get(pk=targets["section_id"])
    pages = [
        ("front page", "/", None),
        ("article", targets["article"], None),
        ("article with 1,500 comments", targets["busy_article"], None),
        ("section page", section.get_absolute_url(), None),
        ("section page 500", f"{section.get_absolute_url()}?page=500", None),
        ("biggest tag", targets["tag"], None),
        ("biggest tag page 500", f"{targets['tag']}?page=500", None),
        ("biggest author", targets["author"], None),
        ("biggest author page 500", f"{targets['author']}?page=500", None),
    ]
    pages += [(f"search {q!r}", "/search/?" + urlencode({"q": q}), None) for q in SEARCHES]
    pages.append(("sitemap index", reverse("seo:sitemap_index"), None))
    admin_list = reverse("admin:articles_article_changelist")
    pages += [
        ("admin articles", admin_list, "bench-editor"),
        ("admin articles searched", admin_list + "?q=ph%C3%A1t+tri%E1%BB%83n", "bench-editor"),
        ("admin articles filtered",
         f"{admin_list}?status__exact=published&section__id__exact={section.pk}", "bench-editor"),
        ("admin articles page 500", admin_list + "?p=500", "bench-editor"),
        ("moderation queue", reverse("admin:comments_comment_changelist"), "bench-moderator"),
    ]  # fmt: skip
    return pages


def time_single_requests(targets, options):
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    clients = {None: Client()}
    for username in ("bench-editor", "bench-moderator"):
        clients[username] = Client()
        clients[username].force_login(get_user_model().objects.get(username=username))
    plan = single_request_plan(targets)
    rows = []
    index = clients[None].get(plan[[p[0] for p in plan].index("sitemap index")][1])
    for number, loc in enumerate(re.findall(r"<loc>([^<]+)</loc>", index.content.decode())):
        plan.insert(len(plan) - 5, (f"sitemap page {number + 1}", urlsplit(loc).path + (
            f"?{urlsplit(loc).query}" if urlsplit(loc).query else ""), None))  # fmt: skip
    for label, path, user in plan:
        if options.only not in label:
            continue
        client = clients[user]
        first = client.get(path)  # warms the caches and the worker, as in steady state
        times, spent = [], time.monotonic()
        for _ in range(options.repeat):
            started = time.perf_counter()
            client.get(path)
            times.append((time.perf_counter() - started) * 1000)
            if len(times) >= 3 and time.monotonic() - spent > 10:
                break  # a slow page: a few timings tell already
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        plans, scans = explain(connection, [q["sql"] for q in captured.captured_queries])
        times.sort()
        rows.append(
            {
                "page": label,
                "path": path,
                "status": first.status_code,
                "p50_ms": round(statistics.median(times), 1),
                "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
                "queries": len(captured),
                "full_scans": scans,
                "plans": plans,
            }
        )
        say(f"{label}: {rows[-1]['p50_ms']} ms")
    return rows


def explain(connection, statements):
    """The plan of each SELECT, and the big tables any of them reads whole."""
    plans, scans = [], set()
    vendor = connection.vendor
    with connection.cursor() as cursor:
        for sql in statements:
            if not sql.lstrip().upper().startswith("SELECT"):
                continue
            try:
                if vendor == "postgresql":
                    cursor.execute(f"EXPLAIN {sql}")
                    lines = [row[0] for row in cursor.fetchall()]
                    found = re.findall(r"Seq Scan on (\w+)", "\n".join(lines))
                else:
                    cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
                    lines = [row[-1] for row in cursor.fetchall()]
                    found = [m for m in re.findall(r"\bSCAN (\w+)(?! USING)", "\n".join(lines))]
            except Exception as error:  # noqa: BLE001 - a plan we cannot get is reported, not fatal
                lines, found = [f"(no plan: {error})"], []
            scans.update(table for table in found if table in BIG_TABLES)
            plans.append({"sql": sql[:2000], "plan": lines})
    return plans, sorted(scans)


def print_single(rows):
    print("\nOne warm request at a time (in-process, full middleware), ms")
    print(f"{'page':<34} {'status':>6} {'p50':>8} {'p95':>8} {'SQL':>4}  full scans of big tables")
    for row in rows:
        print(f"{row['page']:<34} {row['status']:>6} {row['p50_ms']:>8.1f} {row['p95_ms']:>8.1f} "
              f"{row['queries']:>4}  {', '.join(row['full_scans']) or '-'}")  # fmt: skip
