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
each process has its own memory and cannot hear another's invalidation,
so PAGE_CACHE and FRAGMENT_CACHE are off by default then (settings.py).
A Redis that cannot be reached makes every lookup a miss, never an error.
"""

import contextvars
import functools
import hashlib
import math
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
# The cache was unreachable from this process, so a change may have gone unrecorded:
# a new generation starts before this process serves anything from the cache again.
_unrecorded_change = False


def content_changed():
    """Retire every cached page and fragment: readers' pages changed."""
    # At once, so the saving request and its own transaction see it; again at
    # commit, so a page rendered meanwhile from the old rows is retired too.
    _new_generation()
    transaction.on_commit(_new_generation)


def _new_generation():
    global _unrecorded_change
    token = secrets.token_hex(8)
    cache.set(GENERATION_KEY, token, None)
    _unrecorded_change = cache.get(GENERATION_KEY) != token


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
    """`build()`'s value, kept until the next content change (FRAGMENT_CACHE)."""
    if not settings.FRAGMENT_CACHE or _cache_down.get():
        return build()
    key = FRAGMENT_KEY.format(name)
    found = cache.get_many([GENERATION_KEY, key])
    generation = _current_generation(found)
    now = time.time()
    entry = found.get(key)
    if _current(entry, generation, now):
        return entry[2]
    value = build()
    if generation is not None:
        fresh_until = _fresh_until(generation, now)
        cache.set(key, (generation, fresh_until, value), _seconds(fresh_until - now))
    return value


class PageCacheMiddleware:
    """Serve anonymous readers' pages from the cache; store the ones that may be shared.

    It sits below the security and CSP middleware, which add their headers to a
    cached page as to any other, and above the session, locale, CSRF and auth
    middleware, which a page served from the cache does not need.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _cache_down.set(False)  # what one request learns of the cache ends with it
        try:
            if settings.PAGE_CACHE and _shareable_request(request) and _cached_view(request):
                return self._cached_response(request)
            return self.get_response(request)
        finally:
            _cache_down.reset(token)

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
