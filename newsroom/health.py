"""Probes for the container runtime and load balancers.

/healthz says the process answers (no database); /readyz says it can serve:
the database answers `SELECT 1` and the cache stores and returns a value.
"""

import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

logger = logging.getLogger(__name__)

OK, UNAVAILABLE = "ok", "unavailable"


@never_cache
def healthz(request):
    """The process is up and answering."""
    return JsonResponse({"status": OK})


@never_cache
def readyz(request):
    """The database and the cache are reachable; 503 naming what is not."""
    checks = {"database": _check_database(), "cache": _check_cache()}
    status = 200 if all(result == OK for result in checks.values()) else 503
    return JsonResponse(checks, status=status)


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Readiness: database unavailable: %s", error)
        return UNAVAILABLE
    return OK


def _check_cache():
    # The cache backend hides Redis errors as misses, so a round trip is the test.
    key, value = f"readyz:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=10)
        stored = cache.get(key)
        cache.delete(key)
    except Exception as error:  # any backend, any failure: not ready
        logger.warning("Readiness: cache unavailable: %s", error)
        return UNAVAILABLE
    if stored != value:
        logger.warning("Readiness: cache unavailable: a value set was not read back")
        return UNAVAILABLE
    return OK
