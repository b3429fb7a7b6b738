#!/usr/bin/env python3
"""What rebuilding a reader's PDF costs (comments/pdf.py), friendly and hostile.

For each document, a fresh Python process (the web worker's stand-in, Django
set up with DEBUG=1) calls `comments.pdf.rebuild()` once, and reports:

- wall: the rebuild's wall-clock time;
- child CPU / child peak: CPU time and peak resident memory of the sandboxed
  PDFium child (getrusage(RUSAGE_CHILDREN));
- worker CPU / worker +peak: CPU time spent in the worker itself (checking
  pixels, writing JPEGs and the new PDF) and how far its peak resident memory
  (VmHWM, reset before the rebuild) rose above where it stood;
- result: pages and stored size, or the refusal.

Linux only. Run from the project root:

    .venv/bin/python benchmarks/pdf_rebuild.py
"""

import io
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.comments import pdfs  # noqa: E402 - the hand-made PDF builders

LINE = b"Kinh gui toa soan, chung toi la cu dan to 5 phuong Cua Hoi xin phan anh su viec sau day."


def photo_jpeg(width=1200, height=800):
    from PIL import Image

    noise = Image.effect_noise((width, height), 60).convert("RGB")
    gradient = Image.linear_gradient("L").resize((width, height)).convert("RGB")
    buffer = io.BytesIO()
    Image.blend(noise, gradient, 0.6).save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def typical(pages=10, media_box=b"0 0 595 842"):
    """A letter as readers send them: A4 pages of text, a photo on every other page."""
    photo = photo_jpeg()
    text = (
        b"BT /F1 11 Tf 14 TL 56 780 Td " + b" ".join(b"(%s) '" % LINE for _ in range(50)) + b" ET"
    )
    with_photo = b"q 480 0 0 320 56 60 cm /Im Do Q " + text.replace(b"50)", b"30)")
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        4: pdfs.stream(b"", text, compress=True),
        5: pdfs.stream(b"", with_photo, compress=True),
        6: pdfs.stream(
            b"/Type /XObject /Subtype /Image /Width 1200 /Height 800 /ColorSpace /DeviceRGB"
            b" /BitsPerComponent 8 /Filter /DCTDecode",
            photo,
        ),
    }
    kids = []
    for n in range(pages):
        number = 10 + n
        kids.append(b"%d 0 R" % number)
        objects[number] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [" + media_box + b"]"
            b" /Resources << /Font << /F1 3 0 R >> /XObject << /Im 6 0 R >> >>"
            b" /Contents %d 0 R >>" % (5 if n % 2 else 4)
        )
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), pages)
    return pdfs.build_pdf(objects)


def padded_to_10_mb():
    """A one-page PDF of exactly the 10 MB cap: an unused stream padded with spaces."""
    cap, padding = 10 * 1024 * 1024, 0
    while len(data := pdfs.document(extra={7: pdfs.stream(b"", b" " * padding)})) != cap:
        padding += cap - len(data)  # numbers (/Length, startxref) grow with the padding
    return data


CASES = {
    "typical, 10 A4 pages": (typical, {}),
    "largest accepted: 20 A3 pages": (lambda: typical(20, b"0 0 842 1191"), {}),
    "10 MB file (the cap), 1 page": (padded_to_10_mb, {}),
    "5,000 pages": (lambda: pdfs.document(pages=5000), {}),
    "200 x 200 inch page": (lambda: pdfs.document(media_box=b"0 0 14400 14400"), {}),
    "1,000,000 pt page": (lambda: pdfs.document(media_box=b"0 0 1000000 1000000"), {}),
    "password": (lambda: pdfs.encrypted(user_password="mat-khau"), {}),
    "nested forms bomb (default limits)": (pdfs.nested_forms, {}),
    "same bomb, 4 GB memory allowed": (
        pdfs.nested_forms,
        {"COMMENTS_PDF_MEMORY_BYTES": 4 * 1024**3},
    ),
}


def measure(path, overrides):
    """Runs in the fresh process: one rebuild, measured."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.exceptions import ValidationError

    from comments import pdf

    for name, value in overrides.items():
        setattr(settings, name, value)
    data = Path(path).read_bytes()
    Path("/proc/self/clear_refs").write_text("5")  # reset VmHWM to the current size
    before_rss = _status_kb("VmRSS")
    before = resource.getrusage(resource.RUSAGE_SELF)
    started = time.monotonic()
    try:
        rebuilt = pdf.rebuild(data)
        result = f"rebuilt: {rebuilt.pages} p., {len(rebuilt.content) / 1024:,.0f} KB"
    except ValidationError as refusal:
        result = f"refused ({refusal.code})"
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_SELF)
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "wall": wall,
        "child_cpu": child.ru_utime + child.ru_stime,
        "child_peak_mb": child.ru_maxrss / 1024,
        "worker_cpu": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime,
        "worker_peak_mb": (_status_kb("VmHWM") - before_rss) / 1024,
        "result": result,
    }


def _status_kb(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def main():
    env = {**os.environ, "DEBUG": "1", "DJANGO_SETTINGS_MODULE": "newsroom.settings"}
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"{os.cpu_count()} CPUs, load average {load}: wall times stretch with the load.\n")
    print(
        f"{'document':38} {'input':>8} {'wall':>7} {'child CPU':>10} {'child peak':>11}"
        f" {'worker CPU':>11} {'worker +peak':>13}  result"
    )
    with tempfile.TemporaryDirectory() as folder:
        for name, (make, overrides) in CASES.items():
            path = Path(folder) / "input.pdf"
            path.write_bytes(make())
            out = subprocess.run(
                [sys.executable, __file__, "--measure", str(path), json.dumps(overrides)],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            r = json.loads(out.stdout.strip().splitlines()[-1])
            size = path.stat().st_size
            size_label = f"{size / 1024**2:.1f} MB" if size > 1024**2 else f"{size / 1024:.0f} KB"
            print(
                f"{name:38} {size_label:>8} {r['wall']:6.2f}s {r['child_cpu']:9.2f}s"
                f" {r['child_peak_mb']:8.0f} MB {r['worker_cpu']:10.2f}s"
                f" {r['worker_peak_mb']:10.0f} MB  {r['result']}",
                flush=True,
            )


if __name__ == "__main__":
    if sys.argv[1:2] == ["--measure"]:
        print(json.dumps(measure(sys.argv[2], json.loads(sys.argv[3]))))
    else:
        main()
