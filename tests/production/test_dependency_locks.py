"""The dependency tree is pinned with hashes, in step with pyproject.toml's ranges, and
dev.py, CI and the Dockerfile all install from it; `dev.py audit` reads pip-audit right."""

import importlib.util
import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .helpers import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
ENTRY = re.compile(
    r"^([A-Za-z0-9._-]+)==(\S+)(?: ;[^\\]*)? \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)",
    re.M,
)


def locked(name):
    """{package: version} of requirements/<name>.txt, checking each entry has hashes."""
    text = (ROOT / "requirements" / name).read_text()
    matches = list(ENTRY.finditer(text))
    pinned = re.findall(r"^[A-Za-z0-9._-]+==", text, re.M)
    assert len(pinned) == len(matches), f"requirements/{name}: an entry lacks its hashes"
    # A package may have one entry per Python version (networkx: `; python_full_version < '3.12'`).
    return {canonicalize_name(m.group(1)): m.group(2) for m in matches}


def load_dev_py():
    spec = importlib.util.spec_from_file_location("dev_script", ROOT / "dev.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("lock", "ranges"),
    [
        ("web.txt", PYPROJECT["dependencies"]),
        (
            "dev.txt",
            PYPROJECT["dependencies"]
            + PYPROJECT["optional-dependencies"]["test"]
            + PYPROJECT["optional-dependencies"]["dev"],
        ),
    ],
)
def test_every_range_in_pyproject_is_locked_at_a_version_it_allows(lock, ranges):
    versions = locked(lock)
    stale = [
        spec
        for spec in ranges
        if versions.get(canonicalize_name(Requirement(spec).name)) is None
        or versions[canonicalize_name(Requirement(spec).name)] not in Requirement(spec).specifier
    ]
    assert stale == [], f"run `python3 dev.py lock`: requirements/{lock} misses {stale}"


def test_the_web_image_gets_the_same_versions_without_the_tests_and_tools():
    web, dev = locked("web.txt"), locked("dev.txt")
    assert {name: dev.get(name) for name in web} == web
    assert not {"pytest", "playwright", "pip-audit", "uv", "aiosmtpd"} & set(web)
    assert {"django", "django-axes", "django-tasks-db", "gunicorn", "psycopg"} <= set(web)


def test_dev_py_ci_and_the_dockerfile_install_only_from_the_locks():
    dockerfile = (ROOT / "Dockerfile").read_text()
    installs = re.findall(r"pip install .*", dockerfile)
    assert installs == ["pip install --require-hashes -r requirements/web.txt"]
    dev = load_dev_py()
    assert dev.DEV_LOCK == ROOT / "requirements" / "dev.txt"
    source = (ROOT / "dev.py").read_text()
    assert '"--require-hashes", "-r", DEV_LOCK' in source
    assert '"-e"' not in source  # the code runs from the checkout, as in the image
    assert "python3 dev.py setup" in (ROOT / ".ci" / "run").read_text()


VULNERABLE = {
    "dependencies": [
        {
            "name": "django",
            "version": "5.2.1",
            "vulns": [
                {
                    "id": "PYSEC-2025-47",
                    "fix_versions": ["4.2.22", "5.1.10", "5.2.2"],
                    "aliases": ["CVE-2025-48432"],
                    "description": "Log injection in request.path.",
                }
            ],
        },
        {"name": "pytest", "version": "9.2.0", "vulns": []},
    ],
    "fixes": [],
}


def test_the_audit_lists_each_vulnerability_with_its_fix_and_fails():
    code, lines = load_dev_py().audit_summary(VULNERABLE, web_packages={"django"})
    assert code == 1
    assert lines[0] == (
        "django==5.2.1 (in the web image): PYSEC-2025-47 (CVE-2025-48432); "
        "fixed in 4.2.22, 5.1.10, 5.2.2"
    )


def test_the_audit_says_plainly_when_it_checked_nothing():
    unreachable = {
        "dependencies": [
            {"name": name, "skip_reason": f"Dependency not found on PyPI: {name}"}
            for name in ("django", "pytest")
        ]
    }
    code, lines = load_dev_py().audit_summary(unreachable, web_packages={"django"})
    assert code == 2
    assert "none of the 2 locked packages was checked" in lines[-1]
    assert load_dev_py().audit_summary(None, web_packages=set())[0] == 2


def test_a_clean_audit_passes():
    clean = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}]}
    assert load_dev_py().audit_summary(clean, web_packages={"django"}) == (
        0,
        ["==> No known vulnerabilities in the 1 locked packages."],
    )
