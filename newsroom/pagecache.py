"""The whole-page cache for anonymous readers, and the fragments behind it.

Exact invalidation without listing keys: every change a reader could see
(publishing, editing, moderating a comment, renaming a section…) calls
`content_changed()`, which replaces one site-wide generation token. A cached
page or fragment remembers the token it was made under and is served only
while that token is current. The token is random, not a counter, so a Redis
that evicted or lost it can never bring an old generation back to life.

Scheduled articles go live, expiring ones leave, and curated slots end, with
nobody touching the site: nothing is kept past the next scheduled publish,
expiry or curated slot end, looked up once per generation.

Only GETs without a session cookie are served from the cache, and only the
reader views named in PAGE_CACHE_VIEWS are stored, when their response sets
no cookie, does not vary on Cookie and is not marked private. Staff, and
anybody with a session, always get a page made for them.

With REDIS_URL the cache is shared by every worker and web node. Without it,
each process has its own memory and cannot hear another's invalidation, so
PAGE_CACHE is off by default then (settings.py). Fragments are on either way:
a request reads the generation once, from Redis, or without Redis from a small
file every worker of the host shares (PAGE_CACHE_GENERATION_FILE), and each
process keeps the fragments it made in its own memory, each with its generation,
so a change anywhere retires them everywhere. A Redis that cannot be reached,
or a generation file that cannot be read, makes every lookup a miss, never an error.
"""

import contextvars
import functools
import hashlib
import logging
import math
import os
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Min, Q
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.cache import has_vary_header
from django.utils.translation import get_language_from_path, override

GENERATION_KEY = "pagecache:generation"
NEXT_CHANGE_KEY = "pagecache:next-change:{}"
PAGE_KEY = "pagecache:page:{}"
FRAGMENT_KEY = "pagecache:fragment:{}"

# Set for one request when the cache did not answer: its fragments then skip it
# too, so a hung Redis costs a request one timeout or two, not one per fragment.
_cache_down = contextvars.ContextVar("pagecache_down", default=False)
_in_request = contextvars.ContextVar("pagecache_in_request", default=False)
# The generation one request's fragments are made and served under, read once per
# request: a change committed meanwhile shows from the next request on.
_request_generation = contextvars.ContextVar("pagecache_generation", default=None)
_PER_REQUEST = (_cache_down, _request_generation, _in_request)
# The cache was unreachable from this process, so a change may have gone unrecorded:
# a new generation starts before this process serves anything from the cache again.
_unrecorded_change = False


logger = logging.getLogger(__name__)


def content_changed():
    """Retire every cached page and fragment: readers' pages changed."""
    # At once, so the saving request and its own transaction see it; again at
    # commit, so a page rendered meanwhile from the old rows is retired too.
    _new_generation()
    transaction.on_commit(_new_generation)


def _new_generation():
    global _unrecorded_change
    token = secrets.token_hex(8)
    _request_generation.set(None)
    if settings.PAGE_CACHE_GENERATION_FILE:
        _write_generation_file(token)
    cache.set(GENERATION_KEY, token, None)
    _unrecorded_change = cache.get(GENERATION_KEY) != token


def _write_generation_file(token):
    """Overwrite the host's generation file in place: 2 µs, where a rename costs up to 6 ms
    (an import changes the content twice a line). A worker reading during the write may
    see a mix of the two tokens: a generation nobody else uses, so nothing old is served."""
    path = settings.PAGE_CACHE_GENERATION_FILE
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, 0o644)
        try:
            os.pwrite(descriptor, token.encode(), 0)
            os.ftruncate(descriptor, len(token))
        finally:
            os.close(descriptor)
    except OSError:
        # A change nobody can record: no worker may serve a fragment until one is.
        logger.exception("The fragment cache's generation file cannot be written")
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        except OSError:
            logger.exception("The fragment cache's generation file cannot be removed")


def _file_generation():
    """The generation from the host's file, started if missing; None if it cannot be read."""
    path = settings.PAGE_CACHE_GENERATION_FILE
    try:
        with open(path) as file:
            return file.read() or None
    except FileNotFoundError:
        token = secrets.token_hex(8)
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            # O_EXCL: of two workers starting one, the second reads the first's.
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return _file_generation()
        except OSError:
            return None
        with os.fdopen(descriptor, "w") as file:
            file.write(token)
        return token
    except OSError:
        return None


def _current_generation(found):
    """The generation from a get_many() result, started if missing; None if the cache is down."""
    global _unrecorded_change
    if _unrecorded_change:
        _new_generation()
        _cache_down.set(_unrecorded_change)
        return None  # this request's lookup predates the new generation
    if generation := found.get(GENERATION_KEY):
        return generation
    token = secrets.token_hex(8)
    if cache.add(GENERATION_KEY, token, None):
        return token
    generation = cache.get(GENERATION_KEY)  # another process started one first
    if generation is None:
        # The cache is unreachable. A change saved meanwhile, here or in another
        # process, may not have reached it: start a new generation once it is back.
        _unrecorded_change = True
        _cache_down.set(True)
    return generation


def _fresh_until(generation, now):
    """When an entry made now must stop being served: a time limit, the next go-live or expiry."""
    key = NEXT_CHANGE_KEY.format(generation)
    next_change = cache.get(key)
    if next_change is None or next_change <= now:
        next_change = _next_scheduled_change()
        cache.set(key, next_change, settings.PAGE_CACHE_SECONDS)
    return min(now + settings.PAGE_CACHE_SECONDS, next_change)


def _next_scheduled_change():
    """The Unix time of the next scheduled go-live, expiry or curated slot end, whichever
    comes first.

    One query over the few rows two indexes find (a BitmapOr of article_live_newest and
    article_live_expiry on PostgreSQL: 0.2 ms with 100,000 published articles), and one
    over the curated slots' end index (curation: a front page's slot that ends shows
    the newest story from then on).
    """
    from articles.models import Article
    from curation.models import CuratedSlot

    now = timezone.now()
    moments = Article.objects.filter(
        Q(published_at__gt=now) | Q(expires_at__gt=now), status=Article.Status.PUBLISHED
    ).aggregate(
        go_live=Min("published_at", filter=Q(published_at__gt=now)),
        expiry=Min("expires_at", filter=Q(expires_at__gt=now)),
    )
    slot_end = CuratedSlot.objects.filter(ends_at__gt=now).aggregate(end=Min("ends_at"))["end"]
    moments = [*moments.values(), slot_end]
    return min((moment.timestamp() for moment in moments if moment), default=math.inf)


def fragment(name, build):
    """`build()`'s value, kept until the next content change (FRAGMENT_CACHE).

    Looked up in this process's memory first, then (with Redis) in the shared cache;
    either is served only under the current generation, read once per request.
    """
    if not settings.FRAGMENT_CACHE or _cache_down.get():
        return build()
    generation = _fragment_generation()
    if generation is None:
        return build()
    now = time.time()
    entry = _held_fragments.get(name)
    if _current(entry, generation, now):
        return entry[2]
    shared = not settings.PAGE_CACHE_GENERATION_FILE
    if shared:
        entry = cache.get(FRAGMENT_KEY.format(name))
        if _current(entry, generation, now):
            _hold_fragment(name, entry)
            return entry[2]
    value = build()
    entry = (generation, _fresh_until(generation, now), value)
    if shared:
        cache.set(FRAGMENT_KEY.format(name), entry, _seconds(entry[1] - now))
    _hold_fragment(name, entry)
    return value


def _fragment_generation():
    generation = _request_generation.get()
    if generation is None:
        if settings.PAGE_CACHE_GENERATION_FILE:
            generation = _file_generation()
        else:
            generation = _current_generation({GENERATION_KEY: cache.get(GENERATION_KEY)})
        if generation is not None and _in_request.get():
            _request_generation.set(generation)
    return generation


# Fragments this process made or fetched, each with its generation; the oldest go
# first past FRAGMENT_CACHE_HELD_BYTES (counted in characters; 1 KB for other values).
_held_fragments = {}
_held_size = 0


def _size(entry):
    return len(entry[2]) if isinstance(entry[2], str) else 1024


def _hold_fragment(name, entry):
    global _held_size
    if name in _held_fragments:
        _held_size -= _size(_held_fragments.pop(name))
    while _held_fragments and _held_size + _size(entry) > settings.FRAGMENT_CACHE_HELD_BYTES:
        _held_size -= _size(_held_fragments.pop(next(iter(_held_fragments))))
    _held_fragments[name] = entry
    _held_size += _size(entry)


def forget_fragments():
    """Empty this process's fragments (tests)."""
    global _held_size
    _held_fragments.clear()
    _held_size = 0


class PageCacheMiddleware:
    """Serve anonymous readers' pages from the cache; store the ones that may be shared.

    It sits below the security and CSP middleware, which add their headers to a
    cached page as to any other, and above the session, locale, CSRF and auth
    middleware, which a page served from the cache does not need.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # What one request learns of the cache ends with it.
        tokens = [
            variable.set(value)
            for variable, value in zip(_PER_REQUEST, (False, None, True), strict=True)
        ]
        try:
            if settings.PAGE_CACHE and _shareable_request(request) and _cached_view(request):
                return self._cached_response(request)
            return self.get_response(request)
        finally:
            for variable, token in zip(_PER_REQUEST, tokens, strict=True):
                variable.reset(token)

    def _cached_response(self, request):
        key = PAGE_KEY.format(hashlib.md5(request.build_absolute_uri().encode()).hexdigest())
        now = time.time()
        # A page this process already holds needs only the generation from the
        # shared cache: a few bytes rather than the whole page, on every hit.
        entry = _held_pages.get(key)
        if entry is not None:
            generation = _current_generation({GENERATION_KEY: cache.get(GENERATION_KEY)})
            if generation is not None and not _current(entry, generation, now):
                entry = cache.get(key)  # another process may have made it anew already
        else:
            found = cache.get_many([GENERATION_KEY, key])
            generation, entry = _current_generation(found), found.get(key)
        if _current(entry, generation, now):
            _hold(key, entry)
            return _rebuilt(entry, now)
        response = self.get_response(request)
        if generation is not None and _shareable_response(request, response):
            fresh_until = _fresh_until(generation, now)
            entry = (generation, fresh_until, response.status_code, list(response.items()))
            entry += (response.content,)
            cache.set(key, entry, _seconds(fresh_until - now))
            _hold(key, entry)
            _allow_proxy_cache(response, fresh_until - now)
            response["X-Page-Cache"] = "miss"
        return response


def _current(entry, generation, now):
    return entry is not None and entry[0] == generation and now < entry[1]


# The pages this process served last, as the shared cache holds them, each with
# its generation: they are served only while it is the shared cache's current one.
_held_pages = {}


def _hold(key, entry):
    if key not in _held_pages and len(_held_pages) >= settings.PAGE_CACHE_HELD_PAGES:
        del _held_pages[next(iter(_held_pages))]  # the oldest
    _held_pages[key] = entry


def _shareable_request(request):
    return request.method == "GET" and settings.SESSION_COOKIE_NAME not in request.COOKIES


def _cached_view(request):
    """True when the URL leads to a view of PAGE_CACHE_VIEWS (other URLs never touch the cache)."""
    urlconf = getattr(request, "urlconf", None) or settings.ROOT_URLCONF
    return _view_name(request.path_info, urlconf) in settings.PAGE_CACHE_VIEWS


@functools.lru_cache(maxsize=4096)
def _view_name(path, urlconf):
    # LocaleMiddleware has not run yet, and the language prefix of i18n_patterns
    # matches the active language only.
    language = get_language_from_path(path) or settings.LANGUAGE_CODE
    try:
        with override(language):
            return resolve(path, urlconf).view_name
    except Resolver404:
        return None


def _shareable_response(request, response):
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not has_vary_header(response, "Cookie")
        and not {"private", "no-cache", "no-store"} & _cache_control(response)
    )


def _cache_control(response):
    return {part.split("=")[0].strip() for part in response.get("Cache-Control", "").split(",")}


def _rebuilt(entry, now):
    _generation, fresh_until, status, headers, content = entry
    response = HttpResponse(content, status=status)
    for name, value in headers:
        response[name] = value
    _allow_proxy_cache(response, fresh_until - now)
    response["X-Page-Cache"] = "hit"
    return response


def _allow_proxy_cache(response, seconds_left):
    # nginx's micro-cache (deploy/nginx.conf) keeps only what carries this header,
    # for at most PAGE_CACHE_PROXY_SECONDS and never past the next go-live or expiry.
    seconds = min(settings.PAGE_CACHE_PROXY_SECONDS, math.floor(seconds_left))
    response["X-Accel-Expires"] = str(max(seconds, 0))


def _seconds(duration):
    return max(1, math.ceil(duration))
