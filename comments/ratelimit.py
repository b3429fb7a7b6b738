"""Per-address limit on posts to the comment form, counted in the database.

Every post counts, refused ones too: each one costs an upload and its checks
whether or not it becomes a comment. An IPv6 reader is counted by its /64,
the block a provider gives one home or one phone, so walking through the
addresses of that block gains nothing.

The counters live in a table (PostCounter), not in the cache: every gunicorn
worker and every web server shares them, with Redis or without, and an
unreachable Redis cannot lift the limit.
"""

import ipaddress
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import PostCounter

# Posts, not comments: a reader asked to confirm a text without diacritics
# posts twice for one comment, and a typo in the e-mail costs a post too.
DEFAULT_LIMIT = 10
DEFAULT_WINDOW_SECONDS = 10 * 60
# The smallest block providers hand a subscriber.
IPV6_PREFIX = 64


def limit():
    return getattr(settings, "COMMENTS_RATE_LIMIT", DEFAULT_LIMIT)


def window_seconds():
    return getattr(settings, "COMMENTS_RATE_WINDOW_SECONDS", DEFAULT_WINDOW_SECONDS)


def message():
    return _("You have sent several comments in a short time. Please wait a few minutes.")


def address_key(ip_address):
    """What one reader's posts are counted under: the IPv4 address, or the IPv6 /64."""
    address = ipaddress.ip_address(ip_address)
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False))


def record(ip_address):
    """Count one post from `ip_address`; False when it goes past the limit."""
    key = address_key(ip_address)
    now = timezone.now()
    cutoff = now - timedelta(seconds=window_seconds())
    for attempt in range(3):
        try:
            count = _count(key, now, cutoff)
            break
        except IntegrityError:
            # A post from the same address started the window at the same moment
            # (PostgreSQL; SQLite runs one writer at a time): count in that one.
            if attempt == 2:
                raise
    if count == 1:
        # A window starts: forget every window that has ended, whoever it counted.
        forget_ended_windows(now)
    return count <= limit()


def forget_ended_windows(now=None):
    """Delete the counters of windows that have ended: they name addresses for no purpose."""
    cutoff = (now or timezone.now()) - timedelta(seconds=window_seconds())
    return PostCounter.objects.filter(window_started__lte=cutoff).delete()[0]


@transaction.atomic
def _count(key, now, cutoff):
    current = PostCounter.objects.filter(key=key, window_started__gt=cutoff)
    # The UPDATE comes first so the row is locked (the database written, on
    # SQLite) before it is read: parallel posts cannot both read the old count.
    if current.update(count=F("count") + 1):
        return current.values_list("count", flat=True).get()
    # Only an ended window: one that another post just started is counted in, not lost.
    PostCounter.objects.filter(key=key, window_started__lte=cutoff).delete()
    PostCounter.objects.create(key=key, window_started=now)
    return 1
