#!/usr/bin/env python3
"""The two quick-start commands, with nothing but Python 3.11+ on the machine.

    python3 dev.py serve   # venv, install, migrate, demo content, http://127.0.0.1:8000
    python3 dev.py test    # the whole test suite (SQLite unless DATABASE_URL is set)
    python3 dev.py setup   # only create .venv/ and install (used by CI)
    python3 dev.py lock    # rewrite requirements/*.txt from pyproject.toml (--upgrade: newest)
    python3 dev.py audit   # known vulnerabilities in requirements/dev.txt (pip-audit)
    python3 dev.py bench   # the speed benchmark (benchmarks/bench.py; --help for sizes)

Each creates `.venv/` and installs the locked dependencies (requirements/dev.txt,
every package pinned with its hashes) when the lock file changed.
"""

import hashlib
import json
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
# The dependency tree, pinned with hashes (`python3 dev.py lock` writes both from
# pyproject.toml's ranges): the site, its tests and tools for dev.py and CI; the site
# alone for the Dockerfile, at the same versions.
DEV_LOCK = ROOT / "requirements" / "dev.txt"
WEB_LOCK = ROOT / "requirements" / "web.txt"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def say(message):
    print(f"==> {message}", flush=True)


def run(*args, env=None):
    return subprocess.call([str(a) for a in args], cwd=ROOT, env=env)


def check(*args, env=None):
    code = run(*args, env=env)
    if code:
        sys.exit(code)


def make_venv():
    if sys.version_info < (3, 11):  # noqa: UP036 - say so plainly on an old Python
        sys.exit("Newsroom needs Python 3.11 or newer.")
    if not PYTHON.exists():
        say("Creating the virtual environment in .venv/")
        venv.EnvBuilder(with_pip=True).create(VENV)


def ensure_venv():
    make_venv()
    wanted = hashlib.sha256(DEV_LOCK.read_bytes()).hexdigest()
    if not STAMP.exists() or STAMP.read_text() != wanted:
        say(f"Installing the locked dependencies ({DEV_LOCK.relative_to(ROOT)})")
        # The code runs from this folder (as in the Docker image); only its
        # dependencies are installed, each checked against the lock's hashes.
        check(PYTHON, "-m", "pip", "install", "--quiet", "--require-hashes", "-r", DEV_LOCK)
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
            "SKIPPING the nginx tests (tests/production/test_nginx.py, test_several_nodes.py): "
            "nginx is not installed. "
            "Install it with `apt-get install -y nginx-light` to run them."
        )
        args += ["--ignore", str(ROOT / "tests" / "production" / "test_nginx.py")]
        args += ["--ignore", str(ROOT / "tests" / "production" / "test_several_nodes.py")]
    database = env.get("DATABASE_URL", "SQLite (var/)")
    say(f"Running the test suite on {database.split('@')[-1]}")
    sys.exit(run(PYTHON, "-m", "pytest", *args, env=env))


def lock(uv_args):
    """Resolve pyproject.toml's ranges into the two lock files, with every file's hash."""
    # Not from the lock, which may be the thing that is broken (or mid-merge).
    make_venv()
    uv = BIN / "uv"
    if not uv.exists():
        check(PYTHON, "-m", "pip", "install", "--quiet", "uv")
    compile_ = [
        uv, "pip", "compile", "pyproject.toml", "--quiet", "--generate-hashes",
        # Any OS, Python 3.11 and newer; the Docker image is Linux.
        "--universal", "--python-version", "3.11",
        "--custom-compile-command", "python3 dev.py lock", *uv_args,
    ]  # fmt: skip
    check(*compile_, "--extra", "test", "--extra", "dev", "--output-file", DEV_LOCK)
    check(*compile_, "--constraint", DEV_LOCK, "--output-file", WEB_LOCK)
    say(f"Wrote {DEV_LOCK.relative_to(ROOT)} and {WEB_LOCK.relative_to(ROOT)}")


def audit(pip_audit_args):
    """Exit 0: no known vulnerability; 1: some (listed); 2: the database was out of reach."""
    ensure_venv()
    result = subprocess.run(
        [BIN / "pip-audit", "--requirement", DEV_LOCK, "--require-hashes", "--disable-pip",
         "--progress-spinner", "off", "--format", "json", *pip_audit_args],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    web = {line.split("==")[0] for line in WEB_LOCK.read_text().splitlines() if "==" in line}
    try:
        report = json.loads(result.stdout)
    except ValueError:
        print(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else result.stdout)
        report = None
    code, lines = audit_summary(report, web)
    for line in lines:
        print(line)
    sys.exit(code)


def audit_summary(report, web_packages):
    """pip-audit's JSON report, read out: (exit code, lines to print)."""
    if report is None:
        return 2, ["==> The audit could not reach its vulnerability database: nothing was checked."]
    packages = report["dependencies"]
    skipped = [p for p in packages if "skip_reason" in p]
    found = [(p, v) for p in packages for v in p.get("vulns", [])]
    lines = []
    for package, vuln in found:
        where = "in the web image" if package["name"] in web_packages else "tests and tools"
        fixed = ", ".join(vuln.get("fix_versions") or []) or "no fixed release yet"
        aliases = ", ".join(vuln.get("aliases") or [])
        lines.append(
            f"{package['name']}=={package['version']} ({where}): {vuln['id']}"
            + (f" ({aliases})" if aliases else "")
            + f"; fixed in {fixed}"
        )
    if found:
        lines.append(f"==> {len(found)} known vulnerabilities in the locked dependencies.")
        return 1, lines
    if skipped and len(skipped) == len(packages):
        return 2, [
            f"    e.g. {skipped[0]['skip_reason']}",
            f"==> The audit could not reach its vulnerability database: none of the "
            f"{len(packages)} locked packages was checked.",
        ]
    if skipped:
        lines += [f"    not checked: {p['skip_reason']}" for p in skipped]
        lines.append(
            f"==> The audit could not reach its vulnerability database for {len(skipped)} of "
            f"{len(packages)} packages: they were NOT checked."
        )
        return 2, lines
    return 0, [f"==> No known vulnerabilities in the {len(packages)} locked packages."]


def bench(bench_args):
    """benchmarks/bench.py: a 100,000-article archive under load (see benchmarks/README.md)."""
    ensure_venv()
    if not shutil.which("wrk") and "--no-load" not in bench_args:
        sys.exit("The benchmark needs wrk, the HTTP load generator: apt-get install -y wrk")
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    sys.exit(run(PYTHON, ROOT / "benchmarks" / "bench.py", *bench_args, env=env))


def main(argv):
    command = argv[1] if len(argv) > 1 else None
    if command == "serve":
        serve()
    elif command == "test":
        test(argv[2:])
    elif command == "setup":
        ensure_venv()
    elif command == "lock":
        lock(argv[2:])
    elif command == "audit":
        audit(argv[2:])
    elif command == "bench":
        bench(argv[2:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
