"""Working modules for tests/site/test_sandbox.py: each misbehaves in its own way in the child."""

import json
import os
import resource
import time

from newsroom.sandbox import Refused


def echo(data, send, *, times=1):
    for _ in range(times):
        send(data)


def refuse(data, send):
    send(b"before")
    raise Refused("not_acceptable")


def spin(data, send):
    while True:
        pass


def hog(data, send):
    hoard = []
    while True:
        hoard.append(bytearray(64 * 1024 * 1024))


def sleep(data, send):
    time.sleep(60)


def crash(data, send):
    os.abort()


def write_file(data, send):
    with open(data.decode(), "wb") as file:
        file.write(b"escaped")


def oversized(data, send):
    send(b"x" * (2 * 1024 * 1024))


def describe(data, send):
    limits = {
        name: resource.getrlimit(getattr(resource, f"RLIMIT_{name}"))
        for name in ("CPU", "AS", "FSIZE", "CORE", "NPROC")
    }
    seen = {"environment": dict(os.environ), "fds": os.listdir("/proc/self/fd"), "limits": limits}
    send(json.dumps(seen).encode())
