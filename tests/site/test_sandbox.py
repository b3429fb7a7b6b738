"""newsroom/sandbox.py: work on hostile input runs in a child that cannot outgrow its limits."""

import json
import os
import time

import pytest

from newsroom import sandbox

TARGETS = "tests.site.sandbox_targets"
TIGHT = sandbox.Limits(cpu_seconds=1, memory_bytes=256 * sandbox.MIB, wall_seconds=2)


def run(function, data=b"", limits=TIGHT, **options):
    return list(sandbox.run(f"{TARGETS}:{function}", data, limits, **options))


def test_messages_come_back_one_by_one():
    assert run("echo", b"trang 1", times=3) == [b"trang 1"] * 3


def test_a_refusal_reaches_the_parent_with_its_reason():
    with pytest.raises(sandbox.Refused) as refusal:
        run("refuse")
    assert refusal.value.reason == "not_acceptable"


@pytest.mark.parametrize("function", ["spin", "hog", "sleep"], ids=["cpu", "memory", "wall-clock"])
def test_a_child_past_its_limits_is_stopped_in_bounded_time(function):
    started = time.monotonic()
    with pytest.raises(sandbox.LimitExceeded):
        run(function)
    assert time.monotonic() - started < 15  # 1-2 s alone; the margin is for a busy machine


def test_a_crash_is_an_error_not_a_result():
    with pytest.raises(sandbox.SandboxError) as error:
        run("crash")
    assert not isinstance(error.value, sandbox.LimitExceeded)


def test_the_child_cannot_write_into_files(tmp_path):
    target = tmp_path / "escaped.txt"
    with pytest.raises(sandbox.SandboxError):
        run("write_file", str(target).encode())
    assert not target.exists() or target.read_bytes() == b""


def test_a_message_over_the_cap_is_refused_before_it_is_read():
    limits = sandbox.Limits(cpu_seconds=1, wall_seconds=2, max_message_bytes=1024 * 1024)
    with pytest.raises(sandbox.SandboxError):
        run("oversized", limits=limits)


def test_the_child_inherits_no_secrets_and_no_open_files(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "do-not-leak")
    monkeypatch.setenv("DATABASE_URL", "postgres://newsroom:secret@db/newsroom")
    read_end, write_end = os.pipe()  # as a database connection's socket would be
    try:
        (message,) = run("describe")
    finally:
        os.close(read_end)
        os.close(write_end)
    seen = json.loads(message)
    assert "SECRET_KEY" not in seen["environment"]
    assert "DATABASE_URL" not in seen["environment"]
    # stdin, stdout, stderr, and the descriptor listing its own folder.
    assert len(seen["fds"]) <= 4


def test_the_child_runs_under_its_limits():
    (message,) = run("describe")
    limits = json.loads(message)["limits"]
    assert limits["CPU"] == [1, 2]  # SIGXCPU at 1 s, SIGKILL a second later
    assert limits["AS"] == [256 * sandbox.MIB] * 2
    # No bytes written to files, no core dumps, no new processes (for a user other than root).
    assert limits["FSIZE"] == limits["CORE"] == limits["NPROC"] == [0, 0]


def test_stopping_early_kills_the_child():
    messages = sandbox.run(f"{TARGETS}:echo", b"x", TIGHT, times=1_000_000)
    assert next(messages) == b"x"
    messages.close()  # the generator's cleanup kills and reaps the child
    assert not any(
        "tests.site.sandbox_targets:echo" in _command_line(pid) for pid in os.listdir("/proc")
    )


def _command_line(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as file:
            return file.read().decode(errors="replace")
    except (FileNotFoundError, NotADirectoryError, PermissionError, ProcessLookupError):
        return ""
