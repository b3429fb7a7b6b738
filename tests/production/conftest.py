import shutil
import tempfile
from pathlib import Path

import pytest
from django.db import OperationalError, connection


@pytest.fixture
def failing_database(db):
    """Every SQL statement fails as it does when the server has gone away.

    Uses Django's own execute_wrapper hook on the real connection; the
    tests against gunicorn cut a real PostgreSQL connection instead.
    """

    def server_gone(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    with connection.execute_wrapper(server_gone):
        yield


@pytest.fixture(scope="session")
def production_site():
    """gunicorn running the web container's command with the production environment."""
    from .live import LiveSite

    # Not under pytest's private temporary folder: nginx's workers run as another
    # user, as in the nginx container, and must reach the files web writes.
    folder = Path(tempfile.mkdtemp(prefix="newsroom-production-"))
    folder.chmod(0o755)
    site = LiveSite(folder)
    try:
        site.start()
        yield site
    finally:
        site.stop()
        shutil.rmtree(folder, ignore_errors=True)
