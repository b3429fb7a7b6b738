#!/usr/bin/env python3
"""What hostile images cost the server, posted as readers' comment attachments.

Starts the production stack as tests/production does (deploy/entrypoint.sh:
gunicorn with deploy/gunicorn.conf.py, two sync workers, a fresh PostgreSQL
database, Redis), with COMMENTS_RATE_LIMIT raised so that no post is turned
away for its rate. Then:

1. posts each case of CASES once and reports, for the worker that served it,
   the CPU seconds it spent (utime + stime from /proc/<pid>/stat) and its peak
   resident memory (VmHWM, reset through /proc/<pid>/clear_refs beforehand);
2. keeps four posts of the 9400 × 9400 PNG in flight, as the review's attack
   did, and times a reader's article page meanwhile.

Prints a table and writes the figures as JSON (var/hostile_images.json, or
the path given). Linux only; needs PostgreSQL and Redis on their usual ports.

    .venv/bin/python benchmarks/hostile_images.py [results.json]

To add a case (a PDF, say), append a Case to CASES: a label, a file name, a
content type and a function that builds the bytes.
"""

import json
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ.setdefault("DEBUG", "1")  # only to import the factories here; the site runs without

import django  # noqa: E402

django.setup()

from tests import factories  # noqa: E402
from tests.production.live import LiveSite  # noqa: E402

MB = 1024 * 1024
TARGET_CPU_SECONDS = 1.0
TARGET_PEAK_MB = 150
TARGET_PAGE_SECONDS = 1.0
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Case:
    label: str
    filename: str
    content_type: str
    build: Callable[[], bytes]


CASES = [
    Case("PNG 9400 x 9400 (88 MP)", "bom.png", "image/png", factories.huge_png),
    Case("PNG, 60 zTXt + iCCP bombs", "chu.png", "image/png", factories.png_with_text_bombs),
    Case("GIF, 5000 frames 1000 px", "dong.gif", "image/gif", factories.gif_with_frames),
    Case(
        "animated WebP, 1000 frames 1600px",
        "dong.webp",
        "image/webp",
        lambda: factories.animated_webp(1000, (1600, 1600)),
    ),
    Case("progressive JPEG, 5000 scans", "quet.jpg", "image/jpeg", factories.jpeg_with_scans),
    # The largest pictures the budgets let through, to show the bound holds.
    Case(
        "PNG 3840 x 2160 (largest RGB PNG)",
        "lon.png",
        "image/png",
        lambda: factories.huge_png(3840, 2160),
    ),
    Case(
        "JPEG 8160 x 6120 (50 MP)",
        "lon.jpg",
        "image/jpeg",
        lambda: factories.image_bytes("JPEG", size=(8160, 6120)),
    ),
    Case("phone photo 12 MP, GPS", "IMG_2041.jpg", "image/jpeg", factories.phone_photo),
]


class BenchmarkSite(LiveSite):
    def environment(self):
        return {**super().environment(), "COMMENTS_RATE_LIMIT": "1000000"}


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def memory_mb(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    values = dict(re.findall(r"^(VmHWM|VmRSS):\s+(\d+) kB", status, re.M))
    return int(values["VmRSS"]) / 1024, int(values["VmHWM"]) / 1024


def multipart(fields, files):
    boundary = f"----newsroom{uuid.uuid4().hex}"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    for name, (filename, content_type, data) in files.items():
        parts.append(
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
            ).encode()
            + data
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def post_attachment(site, case, data):
    """Post a comment carrying `data` as a browser does; the HTTP status."""
    token_response = site.get(site.seed["csrf_url"])
    token = json.loads(token_response.body)["token"]
    cookie = re.search(r"csrftoken=([^;]+)", token_response.header("Set-Cookie")).group(1)
    body, content_type = multipart(
        {
            "csrfmiddlewaretoken": token,
            "name": "Bạn đọc đo tải",
            "email": "do@example.vn",
            "body": "Ảnh chụp con đường sau trận mưa lớn đêm qua.",
        },
        {"attachment": (case.filename, case.content_type, data)},
    )
    headers = {
        "Content-Type": content_type,
        "Cookie": f"csrftoken={cookie}",
        "Origin": site.origin,
        "Referer": f"{site.origin}{site.seed['article_url']}",
    }
    response = site.request(
        "POST", site.seed["comment_url"], headers=headers, body=body, timeout=120
    )
    return response.status


def measure_case(site, case):
    data = case.build()
    workers = site.workers()
    site.get(site.seed["article_url"])  # both workers warm, imports done
    before = {}
    for pid in workers:
        Path(f"/proc/{pid}/clear_refs").write_text("5")  # VmHWM := VmRSS
        before[pid] = (cpu_seconds(pid), memory_mb(pid)[0])
    started = time.monotonic()
    status = post_attachment(site, case, data)
    seconds = time.monotonic() - started
    # The worker that served the post is the one that spent the most CPU.
    used = {pid: cpu_seconds(pid) - before[pid][0] for pid in workers}
    pid = max(used, key=used.get)
    _, peak = memory_mb(pid)
    return {
        "case": case.label,
        "file_kb": round(len(data) / 1024),
        "status": status,
        "seconds": round(seconds, 3),
        "cpu_seconds": round(used[pid], 2),
        "idle_mb": round(before[pid][1], 1),
        "peak_mb": round(peak, 1),
        "ok": used[pid] <= TARGET_CPU_SECONDS and peak <= TARGET_PEAK_MB,
    }


def page_under_attack(site, attackers=4, pages=10):
    """Time a reader's article page while `attackers` hostile posts are in flight."""
    case, data = CASES[0], CASES[0].build()
    stop = threading.Event()
    posted = []

    def attack():
        while not stop.is_set():
            posted.append(post_attachment(site, case, data))

    threads = [threading.Thread(target=attack, daemon=True) for _ in range(attackers)]
    for thread in threads:
        thread.start()
    time.sleep(1)  # the posts are now queued at the workers
    timings = []
    for _ in range(pages):
        started = time.monotonic()
        status = site.get(site.seed["article_url"]).status
        timings.append(time.monotonic() - started)
        assert status == 200, status
    stop.set()
    for thread in threads:
        thread.join(timeout=120)
    return {
        "attackers": attackers,
        "hostile_posts_answered": len(posted),
        "hostile_statuses": sorted(set(posted)),
        "page_median_seconds": round(statistics.median(timings), 3),
        "page_max_seconds": round(max(timings), 3),
        "ok": max(timings) < TARGET_PAGE_SECONDS,
    }


def main():
    if not Path("/proc/self/status").exists():
        sys.exit("This benchmark reads /proc: run it on Linux.")
    output = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "var" / "hostile_images.json"
    folder = Path(tempfile.mkdtemp(prefix="newsroom-hostile-"))
    folder.chmod(0o755)
    site = BenchmarkSite(folder)
    try:
        site.start()
        rows = [measure_case(site, case) for case in CASES]
        attack = page_under_attack(site)
    finally:
        site.stop()
        shutil.rmtree(folder, ignore_errors=True)

    print(f"{'case':<34} {'file':>8} {'HTTP':>4} {'CPU s':>6} {'idle MB':>8} {'peak MB':>8}")
    for row in rows:
        print(
            f"{row['case']:<34} {row['file_kb']:>6}KB {row['status']:>4} {row['cpu_seconds']:>6.2f}"
            f" {row['idle_mb']:>8.1f} {row['peak_mb']:>8.1f}  {'ok' if row['ok'] else 'OVER'}"
        )
    print(
        f"article page with {attack['attackers']} hostile posts in flight: median "
        f"{attack['page_median_seconds']:.3f} s, max {attack['page_max_seconds']:.3f} s "
        f"({attack['hostile_posts_answered']} hostile posts answered, HTTP "
        f"{attack['hostile_statuses']})  {'ok' if attack['ok'] else 'OVER'}"
    )
    targets = {
        "cpu_seconds": TARGET_CPU_SECONDS,
        "peak_mb": TARGET_PEAK_MB,
        "page_seconds": TARGET_PAGE_SECONDS,
    }
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(
        json.dumps({"targets": targets, "cases": rows, "under_attack": attack}, indent=2) + "\n"
    )
    print(f"written to {output}")


if __name__ == "__main__":
    main()
