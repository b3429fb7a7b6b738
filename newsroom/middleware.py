"""Production middleware: the reader's address behind nginx, request log lines,
the Content-Security-Policy header, and a themed 503 page while the database is
unreachable."""

import functools
import ipaddress
import logging
import time

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

request_logger = logging.getLogger("newsroom.requests")
logger = logging.getLogger(__name__)


class ClientAddressMiddleware:
    """Behind nginx, REMOTE_ADDR is nginx: take the reader's address from its header.

    Only a proxy listed in TRUSTED_PROXIES is believed. From it, CLIENT_IP_HEADER
    (docker-compose.yml: X-Real-IP) gives the reader's address. From anybody
    else, that header and X-Forwarded-Proto are dropped: gunicorn can be
    reached without nginx, and a client there could claim any address or HTTPS.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        header = settings.CLIENT_IP_HEADER
        header_key = "HTTP_" + header.upper().replace("-", "_") if header else None
        if not is_trusted_proxy(request.META.get("REMOTE_ADDR", "")):
            if settings.SECURE_PROXY_SSL_HEADER:
                request.META.pop(settings.SECURE_PROXY_SSL_HEADER[0], None)
            if header_key:
                request.META.pop(header_key, None)
        elif header_key:
            value = request.META.get(header_key, "").strip()
            try:
                request.META["REMOTE_ADDR"] = str(ipaddress.ip_address(value))
            except ValueError:
                pass  # absent or not an address: keep the connection's
        return self.get_response(request)


def is_trusted_proxy(address):
    """True when `address` belongs to TRUSTED_PROXIES."""
    try:
        address = ipaddress.ip_address(address)
    except ValueError:
        return False
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


@functools.lru_cache(maxsize=4)
def _networks(entries):
    # Strict, as gunicorn's forwarded_allow_ips: 10.0.0.1/8 is a mistake, not 10.0.0.0/8.
    try:
        return [ipaddress.ip_network(entry) for entry in entries]
    except ValueError as error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {error}") from error


class RequestLogMiddleware:
    """One log line per request: method, path, status and duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        request_logger.info(
            "%s %s %s %.1fms", request.method, request.path, response.status_code, duration_ms
        )
        return response


class ContentSecurityPolicyMiddleware:
    """Send the reader site's Content-Security-Policy, or the staff one on staff paths."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            if request.path_info.startswith(tuple(settings.CONTENT_SECURITY_POLICY_STAFF_PATHS)):
                policy = settings.CONTENT_SECURITY_POLICY_STAFF
            else:
                policy = settings.CONTENT_SECURITY_POLICY
            if policy:
                response["Content-Security-Policy"] = policy
        return response


def service_unavailable_response():
    """The themed "temporarily unavailable" page; it renders without the database."""
    # No request context: the context processors would query the sections for the nav.
    html = render_to_string("503.html", {"SITE_NAME": settings.SITE_NAME})
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """Answer 503 instead of 500 when the database cannot be reached.

    Django closes the broken connection when the request ends and, with
    CONN_HEALTH_CHECKS, checks a kept connection before reusing it, so the site
    recovers by itself as soon as the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable while serving %s", request.path, exc_info=exception)
        return service_unavailable_response()


class IncompleteRequestBody(OSError):
    """The client went away before sending the body its Content-Length announced."""


class _CompleteInput:
    """wsgi.input that raises IncompleteRequestBody instead of ending early."""

    def __init__(self, stream, length):
        self._stream = stream
        self._remaining = length

    def _take(self, read, size):
        if self._remaining <= 0:
            return b""
        size = self._remaining if size is None or size < 0 else min(size, self._remaining)
        data = read(size)
        if not data:
            raise IncompleteRequestBody(
                f"request body ended {self._remaining} bytes before its Content-Length"
            )
        self._remaining -= len(data)
        return data

    def read(self, size=-1):
        return self._take(self._stream.read, size)

    def readline(self, size=-1):
        return self._take(self._stream.readline, size)


class CompleteRequestBody:
    """WSGI middleware: a request body cut off halfway is an error, never a short form.

    gunicorn and runserver hand Django a body that simply ends early when the
    client disconnects, and Django parses what arrived: a comment form whose
    file was cut off would be saved without it. With this wrapper, reading
    raises (Django turns it into UnreadablePostError, which its CSRF check
    answers with 403), so nothing of the interrupted request is saved.
    """

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > 0 and "wsgi.input" in environ:
            environ["wsgi.input"] = _CompleteInput(environ["wsgi.input"], length)
        return self.application(environ, start_response)
