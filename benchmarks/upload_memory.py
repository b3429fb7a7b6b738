#!/usr/bin/env python3
"""Peak memory of the server process while readers upload comment attachments.

Starts the site under gunicorn (one sync worker, DEBUG=1, a throwaway SQLite
database and storage in a temporary folder), then measures the worker's peak
resident memory (VmHWM in /proc/<pid>/status, reset between scenarios) for:

1. a 10 MB PDF (exactly the cap: accepted),
2. a 10 MB PNG photo (decoded and re-encoded by Pillow: accepted),
3. a 1 GB upload with an honest Content-Length (refused from the header),
4. a 1 GB upload with the Content-Length check switched off, so that only the
   upload handler stands between the body and the server (cut off at the cap).

The 1 GB bodies are generated on the fly and never stored. Linux only.

    .venv/bin/python benchmarks/upload_memory.py
"""

import io
import os
import random
import re
import select
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
MB = 1024 * 1024
GB = 1024 * MB
BOUNDARY = "----newsroom-benchmark"
CHUNK = 1 * MB


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(workdir, settings_module):
    return {
        **os.environ,
        "DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite3'}",
        "NEWSROOM_VAR_DIR": str(workdir),
        "MEDIA_ROOT": str(workdir / "media"),
        "PRIVATE_MEDIA_ROOT": str(workdir / "private"),
        "COMMENTS_RATE_LIMIT": "1000",
        "REDIS_URL": "",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }


def prepare_database(env):
    subprocess.run([PYTHON, "manage.py", "migrate", "-v", "0"], cwd=ROOT, env=env, check=True)
    script = (
        "from django.utils import timezone\n"
        "from articles.models import Article, Section\n"
        "section = Section.objects.create(name='Đo đạc')\n"
        "article = Article.objects.create(title='Bài đo bộ nhớ', section=section,"
        " status='published', published_at=timezone.now())\n"
        "print(article.pk)\n"
    )
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


class Server:
    def __init__(self, env, port):
        self.port = port
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "newsroom.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                "1",
                "--worker-class",
                "sync",
                "--timeout",
                "300",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        self.worker = self._worker_pid()

    def _worker_pid(self):
        for _ in range(50):
            children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
            pids = children.read_text().split() if children.exists() else []
            if pids:
                return int(pids[0])
            time.sleep(0.1)
        raise RuntimeError("no gunicorn worker found")

    def memory_kb(self):
        status = Path(f"/proc/{self.worker}/status").read_text()
        values = dict(re.findall(r"^(VmHWM|VmRSS):\s+(\d+) kB", status, re.M))
        return int(values["VmRSS"]), int(values["VmHWM"])

    def reset_peak(self):
        # Writing 5 to clear_refs resets the peak RSS (VmHWM) to the current RSS.
        Path(f"/proc/{self.worker}/clear_refs").write_text("5")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


def http(port, raw_request, body_chunks=(), body_length=0):
    """Send a request; stop sending as soon as the server answers or closes."""
    sock = socket.create_connection(("127.0.0.1", port))
    sock.sendall(raw_request)
    sock.setblocking(False)
    sent, response, chunks = 0, b"", iter(body_chunks)
    pending = b""
    started = time.time()
    while True:
        readable, writable, _ = select.select([sock], [sock] if sent < body_length else [], [], 60)
        if readable:
            try:
                data = sock.recv(65536)
            except ConnectionResetError:
                break
            if not data:
                break
            response += data
            continue
        if writable:
            if not pending:
                pending = next(chunks, b"")
            try:
                n = sock.send(pending)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += n
            pending = pending[n:]
        if not readable and not writable:
            break
    sock.close()
    status = response.split(b" ", 2)[1].decode() if response.startswith(b"HTTP/") else "none"
    return status, sent, time.time() - started, response


def csrf(port):
    _, _, _, response = http(
        port, b"GET /comments/csrf/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    head, _, body = response.partition(b"\r\n\r\n")
    cookie = re.search(rb"csrftoken=([^;]+)", head).group(1).decode()
    token = re.search(rb'"token": "([^"]+)"', body).group(1).decode()
    return cookie, token


def multipart_head(token, filename, content_type):
    fields = {
        "csrfmiddlewaretoken": token,
        "name": "Bạn đọc đo bộ nhớ",
        "email": "do@example.vn",
        "body": "Ảnh chụp con đường sau trận mưa lớn đêm qua.",
    }
    head = b"".join(
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
        for k, v in fields.items()
    )
    return (
        head
        + (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="attachment"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        ).encode()
    )


def multipart_tail():
    return f"\r\n--{BOUNDARY}--\r\n".encode()


def post(port, article_id, cookie, file_head, file_length, file_chunks, *, filename, content_type):
    _, token = cookie
    head = multipart_head(token, filename, content_type)
    tail = multipart_tail()
    length = len(head) + file_length + len(tail)
    request = (
        f"POST /comments/{article_id}/new/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Cookie: csrftoken={cookie[0]}\r\nConnection: close\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()

    def body():
        yield head + file_head
        yield from file_chunks
        yield tail

    return http(port, request, body(), length)


def pdf_of_size(size):
    start, end = (
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n",
        b"\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
    )
    return start + b" " * (size - len(start) - len(end)) + end


def noisy_png(target_bytes):
    from PIL import Image

    side = int((target_bytes / 3) ** 0.5)
    image = Image.frombytes("RGB", (side, side), random.randbytes(side * side * 3))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def zeros(total, first=b""):
    left = total - len(first)
    while left > 0:
        n = min(CHUNK, left)
        yield b"\x00" * n
        left -= n


def measure(server, label, run):
    server.reset_peak()
    before, _ = server.memory_kb()
    status, sent, seconds, _ = run()
    _, peak = server.memory_kb()
    print(
        f"{label:<48} HTTP {status:<4} sent {sent / MB:8.1f} MB in {seconds:5.1f} s   "
        f"RSS before {before / 1024:6.1f} MB   peak {peak / 1024:6.1f} MB   (+{(peak - before) / 1024:.1f} MB)"
    )


def post_one_gigabyte(port, article_id, cookie):
    """A 1 GB "PDF" of zeros, announced honestly in Content-Length."""
    head = b"%PDF-1.4\n"
    return post(
        port,
        article_id,
        cookie,
        head,
        GB,
        zeros(GB, head),
        filename="lon.pdf",
        content_type="application/pdf",
    )


def main():
    if not Path("/proc/self/status").exists():
        sys.exit("This benchmark reads /proc: run it on Linux.")
    workdir = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    try:
        env = environment(workdir, "newsroom.settings")
        article_id = prepare_database(env)
        pdf = pdf_of_size(10 * MB)
        png = noisy_png(9.8 * MB)
        print(
            f"PNG photo: {len(png) / MB:.2f} MB; PDF: {len(pdf) / MB:.2f} MB; worker: gunicorn sync"
        )

        server = Server(env, free_port())
        try:
            port = server.port
            http(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            cookie = csrf(port)
            rss, _ = server.memory_kb()
            print(f"{'idle worker after one page':<48} RSS {rss / 1024:.1f} MB")
            measure(
                server,
                "10 MB PDF (exactly the cap, accepted)",
                lambda: post(
                    port,
                    article_id,
                    cookie,
                    pdf,
                    len(pdf),
                    [],
                    filename="don.pdf",
                    content_type="application/pdf",
                ),
            )
            measure(
                server,
                "10 MB PNG photo (re-encoded, accepted)",
                lambda: post(
                    port,
                    article_id,
                    cookie,
                    png,
                    len(png),
                    [],
                    filename="anh.png",
                    content_type="image/png",
                ),
            )
            measure(
                server,
                "1 GB upload, refused from Content-Length",
                lambda: post_one_gigabyte(port, article_id, cookie),
            )
        finally:
            server.stop()

        env = environment(workdir, "benchmarks.settings")
        server = Server(env, free_port())
        try:
            port = server.port
            cookie = csrf(port)
            measure(
                server,
                "1 GB upload, header check off: handler stops it",
                lambda: post_one_gigabyte(port, article_id, cookie),
            )
        finally:
            server.stop()
        stored = [p for p in (workdir / "private").rglob("*") if p.is_file()]
        print(f"files in the private storage: {len(stored)} (2 accepted uploads + 1 thumbnail)")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
