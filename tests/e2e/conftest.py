"""A real Chromium, driven by Playwright, against the site on pytest-django's live server.

Files: pytest-django's live server (Django's LiveServerThread) serves STATIC_URL from
the staticfiles finders and MEDIA_URL from settings.MEDIA_ROOT, both read per request,
whatever DEBUG says. So editor uploads show in the browser from the per-test
MEDIA_ROOT of tests/conftest.py, with no test urlconf and without turning DEBUG on
(DEBUG stays off, as in production: error pages and the template engine behave alike).
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connections
from playwright.sync_api import expect, sync_playwright

ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts" / "e2e"
# As long as an action may take (the contexts' default timeout below). Under load, Django's
# threaded test server was seen taking up to five seconds to receive the article form's
# POST after the click, past expect()'s own 5-second default.
expect.set_options(timeout=15_000)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the item, so fixtures can tell a failed test."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def browser(live_server, monkeypatch):
    """A headless Chromium for one test, started after the test database is ready.

    Playwright's sync API keeps an asyncio loop running in this thread while it is
    started. Django then refuses ORM calls unless told the code really is synchronous,
    and keeps database connections per async context: connections opened while the
    loop runs are not the ones the database fixtures set up, flush and restore. So the
    browser lives only inside each test (about a second to start), and the
    connections the test opened are closed before the loop goes away.
    """
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            args=CHROMIUM_ARGS,
            headless=True,
        )
        yield browser
        connections.close_all()
        browser.close()


@pytest.fixture(scope="module", autouse=True)
def database_as_migrated(django_db_setup, django_db_blocker):
    """Each e2e test starts from the database as the migrations left it, roles included.

    The tests use serialized rollback, which loads a copy of the migrated database
    into empty tables. A transactional test elsewhere that flushed without it let
    post_migrate recreate content types and permissions, which would clash with
    that copy: so empty the tables first (higher-scoped fixtures run before
    pytest-django's database setup). Afterwards, leave the database as such a test
    would: flushed, with content types and permissions.
    """
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    yield
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


class BrowserLog:
    """Console errors, uncaught exceptions, failed requests and HTTP errors, per person."""

    def __init__(self):
        self.entries = []

    def watch(self, who, page):
        def note(kind, detail):
            self.entries.append((who, page.url, kind, detail))

        page.on(
            "console",
            lambda msg: (
                msg.type == "error"
                and note("console", f"{msg.text} {msg.location.get('url', '')}".strip())
            ),
        )
        page.on("pageerror", lambda error: note("exception", str(error)))
        # ERR_ABORTED is the browser dropping a request because the page moved on (a
        # reload or a click while the favicon loads), not something the site failed to serve;
        # a missing or broken resource shows as an HTTP error or another network error.
        page.on(
            "requestfailed",
            lambda req: (
                "ERR_ABORTED" not in (req.failure or "")
                and note("failed", f"{req.url} {req.failure}")
            ),
        )
        page.on(
            "response",
            lambda resp: resp.status >= 400 and note("http", f"{resp.status} {resp.url}"),
        )

    def problems_of(self, who):
        return [" | ".join(entry[1:]) for entry in self.entries if entry[0] == who]


@pytest.fixture(autouse=True)
def autosave_only_where_asked(settings):
    """The article form autosaves only in the tests about it (they set a short delay).

    Elsewhere an autosave landing as a test clicks "Lưu lại" moves the page under the
    click (its status line and the refreshed checklist); the tests about autosave wait for it.
    """
    settings.ARTICLE_AUTOSAVE_DELAY_SECONDS = 3600


@pytest.fixture
def browser_log():
    return BrowserLog()


@pytest.fixture
def new_context(request, browser, live_server, browser_log):
    """Open a fresh browser context (own cookies: one per person) on the live server.

    `who` names the person in the browser log; readers' pages must stay clean.
    """
    contexts = []
    failure_folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    shutil.rmtree(failure_folder, ignore_errors=True)  # A passing run leaves no stale evidence.

    def open_context(who="reader", viewport=DESKTOP, **options):
        context = browser.new_context(
            base_url=live_server.url,
            viewport=viewport,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            **options,
        )
        context.set_default_timeout(15_000)
        context.on("page", lambda page: browser_log.watch(who, page))
        contexts.append(context)
        return context

    yield open_context

    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        save_failure_artifacts(failure_folder, contexts, browser_log)
    for context in contexts:
        context.close()


@pytest.fixture
def reader_problems(browser_log):
    """What readers' pages logged so far: console errors, failed or >= 400 requests.

    `expected` names URLs whose error answers the test provokes on purpose.
    """

    def problems(expected=()):
        return [
            problem
            for problem in browser_log.problems_of("reader")
            if not any(url in problem.rsplit(" | ", 1)[-1] for url in expected)
        ]

    return problems


def save_failure_artifacts(folder, contexts, browser_log):
    """Each open page's full screenshot and HTML, and the browser log, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    pages = [page for context in contexts for page in context.pages]
    for number, page in enumerate(pages, start=1):
        stem = folder / f"page{number}"
        try:
            page.screenshot(path=f"{stem}.png", full_page=True)
            stem.with_suffix(".html").write_text(
                f"<!-- {page.url} -->\n{page.content()}", encoding="utf-8"
            )
        except Exception as error:  # A crashed page must not hide the test's own failure.
            stem.with_suffix(".txt").write_text(f"{page.url}\n{error!r}\n", encoding="utf-8")
    log = "\n".join(" | ".join(entry) for entry in browser_log.entries)
    (folder / "browser-log.txt").write_text(log + "\n", encoding="utf-8")
