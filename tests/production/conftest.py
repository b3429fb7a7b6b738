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
