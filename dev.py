#!/usr/bin/env python3
"""The two quick-start commands, with nothing but Python 3.11+ on the machine.

    python3 dev.py serve   # venv, install, migrate, demo content, http://127.0.0.1:8000
    python3 dev.py test    # the whole test suite (SQLite unless DATABASE_URL is set)
    python3 dev.py setup   # only create .venv/ and install (used by CI)

Both create `.venv/` and install the project into it when needed.
"""

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"
STAMP = VENV / ".installed"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def say(message):
    print(f"==> {message}", flush=True)


def run(*args, env=None):
    return subprocess.call([str(a) for a in args], cwd=ROOT, env=env)


def check(*args, env=None):
    code = run(*args, env=env)
    if code:
        sys.exit(code)


def ensure_venv():
    if sys.version_info < (3, 11):  # noqa: UP036 - say so plainly on an old Python
        sys.exit("Newsroom needs Python 3.11 or newer.")
    if not PYTHON.exists():
        say("Creating the virtual environment in .venv/")
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        say("Installing Newsroom and its test tools")
        check(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        check(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[test]")
        STAMP.write_text(wanted)


def dev_env():
    env = dict(os.environ)
    env.setdefault("DEBUG", "1")
    env.setdefault("PYTHONUNBUFFERED", "1")
    return env


def serve():
    ensure_venv()
    env = dev_env()
    (ROOT / "var").mkdir(exist_ok=True)
    say("Migrating the database")
    check(PYTHON, "manage.py", "migrate", "--noinput", env=env)
    say("Loading the demo content")
    check(PYTHON, "manage.py", "load_demo", env=env)
    say("Starting the background worker (the moderators' e-mail, housekeeping)")
    worker = subprocess.Popen([str(PYTHON), "manage.py", "worker"], cwd=ROOT, env=env)
    say("Serving the site at http://127.0.0.1:8000 (Ctrl+C stops it and the worker)")
    server = subprocess.Popen(
        [str(PYTHON), "manage.py", "runserver", "127.0.0.1:8000"], cwd=ROOT, env=env
    )
    # Ctrl+C reaches all three processes; a plain `kill` of this one must stop the other two.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    code = 0
    try:
        code = server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop(server)
        stop(worker)
    sys.exit(code)


def stop(process):
    """End a child process: politely (the worker finishes the task in hand), then not."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test(pytest_args):
    ensure_venv()
    env = dev_env()
    chromium = shutil.which(CHROMIUM) or (CHROMIUM if Path(CHROMIUM).exists() else None)
    args = list(pytest_args)
    if chromium:
        env["CHROMIUM_PATH"] = chromium
    elif env.get("CI"):
        sys.exit(f"CI must run the browser tests, but Chromium is missing at {CHROMIUM}.")
    else:
        say(
            f"SKIPPING the end-to-end browser tests (tests/e2e): no Chromium at {CHROMIUM}. "
            "Install it with `apt-get install -y chromium` to run them."
        )
        args += ["--ignore", str(ROOT / "tests" / "e2e")]
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        if env.get("CI"):
            sys.exit("CI must run the nginx tests, but nginx is missing.")
        say(
            "SKIPPING the nginx tests (tests/production/test_nginx.py): nginx is not installed. "
            "Install it with `apt-get install -y nginx-light` to run them."
        )
        args += ["--ignore", str(ROOT / "tests" / "production" / "test_nginx.py")]
    database = env.get("DATABASE_URL", "SQLite (var/)")
    say(f"Running the test suite on {database.split('@')[-1]}")
    sys.exit(run(PYTHON, "-m", "pytest", *args, env=env))


def main(argv):
    command = argv[1] if len(argv) > 1 else None
    if command == "serve":
        serve()
    elif command == "test":
        test(argv[2:])
    elif command == "setup":
        ensure_venv()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
