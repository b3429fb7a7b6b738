import os
import signal

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation


@pytest.fixture(autouse=True)
def isolated_files(settings, tmp_path):
    """Every test writes uploads into its own folders, public and private."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private", "base_url": None},
        },
    }
    return tmp_path


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Test accounts need no key stretching; production keeps Django's default hasher."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def site_language():
    """LocaleMiddleware leaves the thread in the last request's language; start each test in Vietnamese."""
    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.activate(django_settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Values a test put in the cache must not leak into the next one."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def tasks_run_at_once(settings):
    """Background tasks run inside the request, so a test sees their effect (mailoutbox).

    The site queues them in the database for the worker; the tests that use the
    `task_queue` fixture (tests/comments/test_moderator_mail.py) run that path.
    """
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def task_queue(settings):
    """The site's own task queue, in the database, and a way to run the worker on it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    def run_worker():
        """`manage.py worker --batch`: run every task that is due, then return."""
        handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            call_command("worker", batch=True, verbosity=0)
        finally:  # the worker installs its own handlers for a graceful stop
            for sig, handler in handlers.items():
                signal.signal(sig, handler)

    return run_worker


@pytest.fixture(autouse=True)
def page_cache_off(settings, tmp_path):
    """The suite renders every page, whatever the Redis of the run: tests change rows
    directly, as no editor can (an UPDATE that moves a publish time into the past),
    and count the queries of a render. The `page_cache` fixture turns the cache on;
    so does PAGE_CACHE=1 / FRAGMENT_CACHE=1 in the environment, for a whole run
    (`PAGE_CACHE=1 FRAGMENT_CACHE=1 python3 dev.py test tests/e2e`)."""
    from newsroom import pagecache

    for name in ("PAGE_CACHE", "FRAGMENT_CACHE"):
        if name not in os.environ:
            setattr(settings, name, False)
    if settings.PAGE_CACHE_GENERATION_FILE:
        # Each test starts a generation of its own (the run's processes share none).
        settings.PAGE_CACHE_GENERATION_FILE = tmp_path / "pagecache-generation"
    pagecache.forget_fragments()
    yield
    pagecache.forget_fragments()


@pytest.fixture
def page_cache(settings):
    """The whole-page and fragment caches on, as in production with Redis."""
    from newsroom import pagecache

    settings.PAGE_CACHE = settings.FRAGMENT_CACHE = True
    pagecache._unrecorded_change = False
    pagecache._held_pages.clear()
    yield
    pagecache._unrecorded_change = False
    pagecache._held_pages.clear()
