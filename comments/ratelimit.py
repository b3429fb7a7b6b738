"""Per-IP limit on accepted comments, kept in Django's cache.

`cache.add` starts a window and `cache.incr` counts within it; both are atomic
with Redis, so parallel requests cannot slip past the limit.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

DEFAULT_LIMIT = 5
DEFAULT_WINDOW_SECONDS = 10 * 60


def limit():
    return getattr(settings, "COMMENTS_RATE_LIMIT", DEFAULT_LIMIT)


def window_seconds():
    return getattr(settings, "COMMENTS_RATE_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS)


def message():
    return _("You have sent several comments in a short time. Please wait a few minutes.")


def _key(ip_address):
    return f"comments:rate:{ip_address}"


def is_limited(ip_address):
    """True when `ip_address` has used up its comments for the current window."""
    return cache.get(_key(ip_address), 0) >= limit()


def record(ip_address):
    """Count one comment from `ip_address`; False when it goes past the limit."""
    key = _key(ip_address)
    if cache.add(key, 1, timeout=window_seconds()):
        return 1 <= limit()
    try:
        count = cache.incr(key)
    except ValueError:  # The window ended between add() and incr().
        cache.add(key, 1, timeout=window_seconds())
        count = 1
    return count <= limit()
