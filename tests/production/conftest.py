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
def production_site(tmp_path_factory):
    """gunicorn running the web container's command with the production environment."""
    from .live import LiveSite

    site = LiveSite(tmp_path_factory.mktemp("production"))
    try:
        site.start()
        yield site
    finally:
        site.stop()
