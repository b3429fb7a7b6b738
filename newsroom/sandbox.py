"""Work on a hostile file in a child process with hard limits.

A parser fed a crafted file is where a memory bug turns into code execution,
and where a tiny file turns into minutes of CPU or gigabytes of memory. So that
work runs in a child Python (`python -m newsroom.sandbox`), never in the web
worker: the child imports the working module, then limits itself (CPU seconds,
address space, no files written, no new processes, no core dumps) before it
reads a byte of input. The parent kills it at a wall-clock deadline.

The child gets a minimal environment (no secrets, no database URL) and shares
nothing with the parent but two pipes: the input on stdin, and the results on
stdout as length-prefixed messages that `run()` yields one at a time, so large
results (rendered pages) never pile up in the parent's memory. Treat what a
child sends as untrusted too: it came out of the hostile file's parser.

The work is a function `main(data, send, **options)` in a module (or any
function, named `module:function`); it calls `send(*parts)` for each message
(the parts, bytes-like, are sent as one) and raises `Refused("reason")` when the input
is not acceptable. It must not import Django: the child does not set it up.
"""

import contextlib
import importlib
import json
import os
import resource
import signal
import struct
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

MIB = 1024 * 1024
ROOT = Path(__file__).resolve().parent.parent
HEADER = struct.Struct(">cI")  # kind of message, length of its body
MESSAGE, REFUSAL = b"m", b"r"
OUT_OF_MEMORY_EXIT = 75
LIMIT_SIGNALS = {signal.SIGKILL, signal.SIGXCPU}


class SandboxError(Exception):
    """The child failed: it crashed or did not follow the protocol."""


class LimitExceeded(SandboxError):
    """The child ran out of CPU time, memory or wall-clock time."""


class Refused(Exception):
    """The working module judged its input unacceptable; `reason` says why."""

    def __init__(self, reason):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int = 10
    memory_bytes: int = 512 * MIB
    wall_seconds: float = 20
    max_message_bytes: int = 64 * MIB


def run(target, data, limits=Limits(), **options):
    """Yield the messages `target(data, send, **options)` sends from a limited child.

    `target` is a module holding `main`, or `module:function`. Raises Refused
    when the work refuses the input, LimitExceeded when the child hits a
    limit, SandboxError when it dies otherwise. Stopping early (closing the
    generator) kills the child.
    """
    command = [
        sys.executable,
        "-s",
        "-m",
        __name__,
        target,
        json.dumps({"cpu": limits.cpu_seconds, "memory": limits.memory_bytes, **options}),
    ]
    child = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
        env=_child_environment(),
    )
    timed_out = threading.Event()

    def stop():
        timed_out.set()
        child.kill()

    deadline = threading.Timer(limits.wall_seconds, stop)
    deadline.daemon = True
    deadline.start()
    try:
        # A child gone already breaks the pipe; its exit status says why.
        with contextlib.suppress(BrokenPipeError):
            child.stdin.write(data)
        with contextlib.suppress(BrokenPipeError):
            child.stdin.close()
        # A blocking buffered read returns fewer bytes than asked only at the end of the stream.
        while header := child.stdout.read(HEADER.size):
            if len(header) < HEADER.size:
                break
            kind, length = HEADER.unpack(header)
            if kind not in (MESSAGE, REFUSAL) or length > limits.max_message_bytes:
                raise SandboxError("the child broke the protocol")
            body = child.stdout.read(length)
            if len(body) < length:
                break
            if kind == REFUSAL:
                raise Refused(body.decode("ascii", "replace"))
            yield body
        _check_exit(child.wait(), timed_out=timed_out.is_set())
    finally:
        deadline.cancel()
        if child.poll() is None:
            child.kill()
        child.wait()
        child.stdout.close()


def _check_exit(status, *, timed_out):
    if status == 0:
        return
    if timed_out or status == OUT_OF_MEMORY_EXIT or -status in LIMIT_SIGNALS:
        raise LimitExceeded(f"the child stopped at a limit (exit status {status})")
    raise SandboxError(f"the child failed (exit status {status})")


def _child_environment():
    return {
        "PATH": os.defpath,
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
    }


def _limit(cpu_seconds, memory_bytes):
    # The soft CPU limit sends SIGXCPU; the hard one, a second later, SIGKILL.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NPROC, (0, 0))


def _child(target, options):
    """The child's side: import, limit, read stdin, work, answer on stdout."""
    options = json.loads(options)
    module, _, function = target.partition(":")
    work = getattr(importlib.import_module(module), function or "main")
    _limit(options.pop("cpu"), options.pop("memory"))
    data = sys.stdin.buffer.read()
    out = sys.stdout.buffer

    def send(*parts, kind=MESSAGE):
        out.write(HEADER.pack(kind, sum(len(part) for part in parts)))
        for part in parts:
            out.write(part)

    try:
        work(data, send, **options)
    except Refused as refusal:
        send(refusal.reason.encode("ascii", "replace"), kind=REFUSAL)
    except MemoryError:
        os._exit(OUT_OF_MEMORY_EXIT)
    out.flush()


if __name__ == "__main__":
    # Through the imported module, so that `Refused` is the class working modules raise.
    from newsroom import sandbox

    sandbox._child(*sys.argv[1:])
