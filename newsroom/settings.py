"""Settings for Newsroom, read from the environment.

One module serves development, tests and production: what differs between
them comes from environment variables (see `.env.example`).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("NEWSROOM_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

# Secret key. Production refuses a key an attacker could guess: the placeholders of
# .env.example and the docs, a short one, or one of few distinct characters (Django's
# `check --deploy` only warns about these, and nobody reads warnings at startup).
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_DISTINCT_CHARACTERS = 10
SECRET_KEY_PLACEHOLDERS = {"change-me", "change-me-too", "changeme", "secret", "secret-key"}


def secret_key_problem(key):
    """Why `key` is unfit for production, or None."""
    if key.strip().lower() in SECRET_KEY_PLACEHOLDERS or key.startswith("django-insecure"):
        return "it is a placeholder (from .env.example, the docs or Django), known to everyone"
    if len(key) < SECRET_KEY_MIN_LENGTH:
        return f"it has {len(key)} characters, fewer than {SECRET_KEY_MIN_LENGTH}"
    if len(set(key)) < SECRET_KEY_MIN_DISTINCT_CHARACTERS:
        return (
            f"it has only {len(set(key))} distinct characters, "
            f"fewer than {SECRET_KEY_MIN_DISTINCT_CHARACTERS}"
        )
    return None


SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    # Only ever used with DEBUG on, by the quick start and the test suite.
    SECRET_KEY = "django-insecure-development-only-key-do-not-use-in-production"
elif not DEBUG and (problem := secret_key_problem(SECRET_KEY)):
    raise ImproperlyConfigured(
        f"SECRET_KEY is unsafe for production: {problem}. Make a new one with "
        '`python3 -c "import secrets; print(secrets.token_urlsafe(50))"` and put it in .env.'
    )
# End of the secret key.

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# HTTPS, behind nginx (which sets X-Forwarded-Proto). Production defaults are strict;
# DEBUG=1 (the quick start, the tests) serves plain HTTP on 127.0.0.1.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The header nginx puts the reader's address in (newsroom.middleware.ClientAddressMiddleware).
CLIENT_IP_HEADER = os.environ.get("CLIENT_IP_HEADER", "")
# Addresses and networks of the proxies in front: only their CLIENT_IP_HEADER and
# X-Forwarded-Proto are believed (also gunicorn's forwarded_allow_ips).
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "127.0.0.1,::1")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# Probes from the container runtime and load balancers speak plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SESSION_COOKIE_HTTPONLY = True
# Pages that post fetch the token from a JSON endpoint, never from the cookie.
CSRF_COOKIE_HTTPONLY = True

# Content-Security-Policy (newsroom.middleware.ContentSecurityPolicyMiddleware).
# Reader pages: no inline script at all; JSON-LD data blocks are not scripts and
# are not blocked. The admin and the CKEditor upload views run CKEditor 4, which
# needs inline scripts and styles, so they get the looser second policy.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
    "font-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
CONTENT_SECURITY_POLICY_STAFF = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
CONTENT_SECURITY_POLICY_STAFF_PATHS = ["/admin/", "/ckeditor/"]

SITE_NAME = os.environ.get("SITE_NAME", "Báo Newsroom")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "ckeditor",
    "ckeditor_uploader",
    "taggit",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "newsroom",
    "articles",
    "comments",
    "proofreading",
    "curation",
]

MIDDLEWARE = [
    # First, so the log line times everything below it, static files included.
    "newsroom.middleware.RequestLogMiddleware",
    "newsroom.middleware.ClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "newsroom.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous readers' pages from the cache, before the session, CSRF and auth work.
    "newsroom.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After authentication: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
    # Last, so its process_exception sees a view's or template's database error first.
    "newsroom.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "newsroom.urls"
WSGI_APPLICATION = "newsroom.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "newsroom.context_processors.site",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'newsroom.sqlite3'}"),
        # Persistent connections in production; CONN_HEALTH_CHECKS replaces a
        # connection that died (database restarted) before a request uses it.
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "0" if DEBUG else "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # An unreachable server fails the request quickly (a 503 page) instead of hanging it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while a writer commits; the timeout waits out short locks.
    # IMMEDIATE transactions take the write lock when they begin, so two saves of one
    # article take turns, as select_for_update makes them on PostgreSQL (articles.revisions).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Redis errors are logged and read as cache misses (newsroom.cache), and short
    # socket timeouts make a dead Redis cost milliseconds per request, not seconds.
    REDIS_SOCKET_TIMEOUT = float(os.environ.get("REDIS_SOCKET_TIMEOUT", "0.25"))
    CACHES = {
        "default": {
            "BACKEND": "newsroom.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsroom"),
            "OPTIONS": {
                "socket_connect_timeout": REDIS_SOCKET_TIMEOUT,
                "socket_timeout": REDIS_SOCKET_TIMEOUT,
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Page cache (newsroom.pagecache): anonymous readers' pages, whole, until the next
# change readers could see. On by default with Redis, which every worker and web node
# shares; a process's own memory cannot hear another process's invalidation, so
# without Redis it is off unless PAGE_CACHE=1 (one process only: runserver, a benchmark).
PAGE_CACHE = env_bool("PAGE_CACHE", bool(REDIS_URL))
# Fragments (the navigation, article bodies, cards, related articles, comment pages)
# are kept in each process's memory under the generation every request reads once:
# from Redis, or without Redis from this file, which all workers of one host share
# (several web nodes need Redis).
FRAGMENT_CACHE = env_bool("FRAGMENT_CACHE", True)
PAGE_CACHE_GENERATION_FILE = None if REDIS_URL else VAR_DIR / "pagecache-generation"
# What each process keeps of them at most (cards of about 1 KB, article bodies of 10–30 KB).
FRAGMENT_CACHE_HELD_BYTES = 32 * 1024 * 1024
# The longest anything is kept, changes or not (a bound, never what makes a change show).
PAGE_CACHE_SECONDS = 600
# Pages each process keeps in its own memory too, checked against Redis's generation
# on every request (about 256 × 20–60 KB per worker).
PAGE_CACHE_HELD_PAGES = 256
# nginx's micro-cache may serve a page for this long after a change (X-Accel-Expires).
PAGE_CACHE_PROXY_SECONDS = int(os.environ.get("PAGE_CACHE_PROXY_SECONDS", "1"))
# The reader views whose pages may be shared: the same for every anonymous reader.
PAGE_CACHE_VIEWS = [
    "articles:home",
    "articles:detail",
    "articles:section",
    "articles:tag",
    "articles:author",
    "articles:search",
    "articles:feed",
    "articles:section_feed",
    "seo:robots",
    "seo:sitemap_index",
    "seo:sitemap_news",
    "seo:sitemap_section",
]
# End of page cache.

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Language and time: Vietnamese first, English second.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Vietnamese")), ("en", _("English"))]
# The project's catalog comes first: it completes and corrects Django's own Vietnamese
# in the admin ("Lịch sử", not "Bản ghi nhớ"), and CKEditor's in its plugin.
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates typed and shown as 02-12-2026, times as 06:00 (newsroom/formats/vi/formats.py).
FORMAT_MODULE_PATH = ["newsroom.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# Files.
STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Reader attachments live outside MEDIA_ROOT, so no web-server rule can expose them.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
# Object storage, for more than one web server (README, "More than one server"): any S3-compatible
# service (AWS S3, Cloudflare R2, MinIO, a Vietnamese cloud's). Without these settings
# the files stay on the local disk above, as on one server.
S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL", "")  # empty: AWS itself
S3_REGION = os.environ.get("S3_REGION", "")
S3_ACCESS_KEY_ID = os.environ.get("S3_ACCESS_KEY_ID", "")
S3_SECRET_ACCESS_KEY = os.environ.get("S3_SECRET_ACCESS_KEY", "")
# Covers, thumbnails and editor images: readable by anybody (a bucket policy allows
# s3:GetObject to all), linked to without a signature, kept by browsers and CDNs a year
# (every stored name is new: a changed picture is a new file).
S3_PUBLIC_BUCKET = os.environ.get("S3_PUBLIC_BUCKET", "")
# Where readers fetch public media: a CDN or the bucket's public address, with the
# bucket in the path if the host needs it (https://cdn.example.vn,
# https://s3.example.vn/newsroom-media). Empty: the endpoint's own bucket address.
S3_PUBLIC_URL = os.environ.get("S3_PUBLIC_URL", "").rstrip("/")
# Reader attachments: private objects in a bucket nobody may list or read but the app,
# which streams an attachment to the reader after its approval check.
S3_PRIVATE_BUCKET = os.environ.get("S3_PRIVATE_BUCKET", "")
if bool(S3_PUBLIC_BUCKET) != bool(S3_PRIVATE_BUCKET):
    raise ImproperlyConfigured(
        "Set both S3_PUBLIC_BUCKET and S3_PRIVATE_BUCKET, or neither: several web servers "
        "need the public media and the reader attachments in object storage alike."
    )
MEDIA_IN_OBJECT_STORAGE = bool(S3_PUBLIC_BUCKET)


def s3_storage(bucket, **options):
    """django-storages' S3 backend on `bucket`, with the connection settings above."""
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": S3_ENDPOINT_URL or None,
            "region_name": S3_REGION or None,
            "access_key": S3_ACCESS_KEY_ID or None,
            "secret_key": S3_SECRET_ACCESS_KEY or None,
            "signature_version": "s3v4",
            # Bucket in the path: MinIO and most S3-compatible services answer only so.
            "addressing_style": os.environ.get("S3_ADDRESSING_STYLE", "path"),
            # Like the local disk: a name in use gets a new one, never overwritten.
            "file_overwrite": False,
            **options,
        },
    }


if MEDIA_IN_OBJECT_STORAGE:
    public_url = S3_PUBLIC_URL.split("://", 1)
    PUBLIC_MEDIA_STORAGE = s3_storage(
        S3_PUBLIC_BUCKET,
        querystring_auth=False,
        default_acl=None,  # the bucket policy makes objects public; R2 has no ACLs
        object_parameters={"CacheControl": "public, max-age=31536000, immutable"},
        custom_domain=public_url[-1] if S3_PUBLIC_URL else None,
        url_protocol=f"{public_url[0]}:" if len(public_url) == 2 else "https:",
    )
    ATTACHMENT_STORAGE = s3_storage(
        S3_PRIVATE_BUCKET, querystring_auth=True, querystring_expire=60, default_acl="private"
    )
else:
    PUBLIC_MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ATTACHMENT_STORAGE = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    }
# Pages load public media from the storage's host: allowed by the policies' `https:`,
# and named outright when it speaks plain HTTP (a MinIO on the private network).
MEDIA_ORIGIN = ""
if MEDIA_IN_OBJECT_STORAGE:
    media_base = S3_PUBLIC_URL or S3_ENDPOINT_URL
    if media_base.startswith("http://"):
        MEDIA_ORIGIN = "/".join(media_base.split("/")[:3])
        allowed = f"img-src 'self' {MEDIA_ORIGIN}"
        CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("img-src 'self'", allowed)
        CONTENT_SECURITY_POLICY_STAFF = CONTENT_SECURITY_POLICY_STAFF.replace(
            "img-src 'self'", allowed
        )
STORAGES = {
    "default": PUBLIC_MEDIA_STORAGE,
    "attachments": ATTACHMENT_STORAGE,
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Uploaded files are private to the app's user unless the deployment says otherwise
# (docker-compose.yml sets 0644: nginx's worker, another user, serves them).
FILE_UPLOAD_PERMISSIONS = int(os.environ.get("FILE_UPLOAD_PERMISSIONS", "0640"), 8)
# Uploads up to just above the 10 MB attachment cap stay in memory, so a worker
# killed mid-upload leaves no half-written temporary file behind.
FILE_UPLOAD_MAX_MEMORY_SIZE = 11 * 1024 * 1024

LOGIN_URL = "admin:login"
# Where a login lands when its `next` is missing or unsafe (another site): the
# admin, the only place staff log in for, not Django's /accounts/profile/ (a 404).
LOGIN_REDIRECT_URL = "admin:index"

# Login lockout (django-axes). Five wrong passwords in a row for one username from
# one address lock that pair out for an hour (a wrong try meanwhile restarts the
# hour); administrators see and lift lockouts in the admin (Axes > Access attempts).
# Locking the pair, not the username alone, keeps an attacker from locking the
# editors out of their own accounts.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "newsroom.lockout.lockout_response"
# The address is REMOTE_ADDR, which ClientAddressMiddleware sets from the proxy's
# header; should django-ipware ever be installed, it must not read other headers.
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
# No "AXES: BEGIN" line on stdout at every start (management commands print data there).
AXES_VERBOSE = False
# End of login lockout.

# Editor. django-ckeditor bundles CKEditor 4, which is out of support (ckeditor.W001).
# Mitigation: the editor and its upload views are reachable only by logged-in staff
# with article permissions, and every rich-text field is sanitized with an nh3
# allowlist when it is stored (articles.fields.SanitizedRichTextField).
SILENCED_SYSTEM_CHECKS = ["ckeditor.W001"]
CKEDITOR_UPLOAD_PATH = "editor/"
CKEDITOR_IMAGE_BACKEND = "ckeditor_uploader.backends.PillowBackend"
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_BROWSE_SHOW_DIRS = True
# Each user's uploads in a folder named by their id; articles.editor_uploads lets editors browse all.
CKEDITOR_RESTRICT_BY_USER = "pk"
CKEDITOR_CONFIGS = {
    "default": {
        "toolbar": "Custom",
        "toolbar_Custom": [
            ["Format", "Bold", "Italic", "Underline", "Strike"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Table", "HorizontalRule"],
            ["Undo", "Redo", "RemoveFormat", "Source"],
        ],
        "format_tags": "p;h2;h3;h4",
        "extraPlugins": "image2,newsroomvi",
        "removePlugins": "image",
        # The newsroom's Vietnamese for the image dialog and the format menu
        # (static/js/ckeditor/newsroomvi/plugin.js); the editor's language is the
        # request's, vi (django-ckeditor sets it).
        "external_plugin_resources": [
            ("newsroomvi", STATIC_URL + "js/ckeditor/newsroomvi/", "plugin.js")
        ],
        "image2_captionedClass": "image",
        # Alignment as classes, not inline float styles: the reader CSP blocks inline
        # styles, and plain classes do not tie stored HTML to CKEditor 4. They are
        # articles.sanitize.ALIGN_CLASSES (left, center, right), styled by site.css.
        "image2_alignClasses": ["align-left", "align-center", "align-right"],
        "contentsCss": [
            STATIC_URL + "ckeditor/ckeditor/contents.css",
            STATIC_URL + "css/editor-contents.css",
        ],
        "height": 420,
        "width": "100%",
    }
}

# Edit locks and autosave (articles.editing). A change page sends a heartbeat every
# 30 s; a lock without one for 2 minutes (tab closed, laptop asleep) is free again.
ARTICLE_LOCK_HEARTBEAT_SECONDS = 30
ARTICLE_LOCK_EXPIRES_SECONDS = 120
# The form posts a copy of headline, lead and body this long after the last keystroke.
ARTICLE_AUTOSAVE_DELAY_SECONDS = 3
# What one autosave post may cost: larger bodies are refused before they are read.
ARTICLE_AUTOSAVE_MAX_BYTES = 2 * 1024 * 1024

# Comments (owned by the comments app).
# One attached file, at most 10 MB (inclusive).
COMMENTS_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# A posted comment whose Content-Length passes this is refused before it is read
# (None: the attachment cap plus room for the text fields).
COMMENTS_MAX_REQUEST_BYTES = None
# Posts to the comment form per address (an IPv6 /64) and window, refused ones
# included; counted in the database, so shared by every worker and server.
COMMENTS_RATE_LIMIT = int(os.environ.get("COMMENTS_RATE_LIMIT", "10"))
COMMENTS_RATE_WINDOW_SECONDS = int(os.environ.get("COMMENTS_RATE_WINDOW_SECONDS", "600"))
# Production behind nginx: a URL prefix of an `internal` location aliased to
# PRIVATE_MEDIA_ROOT (e.g. "/_attachments/"); Django then answers with
# X-Accel-Redirect instead of streaming the file itself.
# With the attachments in object storage (S3_PRIVATE_BUCKET) the app streams them
# itself and this is ignored: nginx's internal location reads the local disk only.
COMMENTS_ATTACHMENT_ACCEL_REDIRECT = (
    "" if MEDIA_IN_OBJECT_STORAGE else os.environ.get("COMMENTS_ATTACHMENT_ACCEL_REDIRECT", "")
)
# A reader's PDF is redrawn page by page in a child process (comments/pdf.py): longer
# documents are refused, and the child is stopped past its CPU time, address space
# or wall-clock time (kept under gunicorn's 30-second worker timeout).
COMMENTS_PDF_MAX_PAGES = 20
COMMENTS_PDF_CPU_SECONDS = 8
COMMENTS_PDF_MEMORY_BYTES = 512 * 1024 * 1024
COMMENTS_PDF_TIMEOUT = 15
# Personal data: a reader's IP address is erased this many days after the comment
# was sent; the files of rejected and spam comments are deleted this many days
# after that decision (`manage.py prune_reader_data` does both).
COMMENTS_IP_RETENTION_DAYS = int(os.environ.get("COMMENTS_IP_RETENTION_DAYS", "30"))
COMMENTS_REJECTED_FILE_RETENTION_DAYS = int(
    os.environ.get("COMMENTS_REJECTED_FILE_RETENTION_DAYS", "30")
)
# End of comments settings.

# Reader site (owned by the reader-site pages, feeds and search).
# The newsroom's contact, shown in every page's footer.
NEWSROOM_ADDRESS = os.environ.get("NEWSROOM_ADDRESS", "Số 1 Trần Hưng Đạo, Việt Nam")
NEWSROOM_PHONE = os.environ.get("NEWSROOM_PHONE", "0123 456 789")
NEWSROOM_EMAIL = os.environ.get("NEWSROOM_EMAIL", "toasoan@example.vn")
# Articles per page on the front page archive, section, tag, author and search pages.
READER_PAGE_SIZE = 20
# Search ranks and lists only this many of the newest matches (ArticleQuerySet.search):
# the bound on the work a common word costs.
SEARCH_CANDIDATES = 200
# Reader comments per page under an article (comments.models.comments_page_size).
COMMENTS_PAGE_SIZE = 50
# End of reader-site settings.

# E-mail: the console by default; an SMTP server when EMAIL_HOST is set.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
# Seconds an SMTP connection may wait for the server; mail goes out from the worker,
# never from a reader's request, but a stuck server must not hold the worker either.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
# A send that fails is tried again later, this many times in all, waiting twice as
# long each time (5, 10, 20, 40 and 80 minutes: about two and a half hours).
EMAIL_SEND_ATTEMPTS = 6
EMAIL_RETRY_DELAY_SECONDS = 300

# Background tasks: Django 6's Tasks API (the django-tasks backport until then), with
# the queue in the database (django-tasks-db), so nothing more to run than PostgreSQL
# or SQLite. `manage.py worker` runs them: docker-compose.yml's worker service, and
# `python3 dev.py serve` beside runserver. The test suite runs them at once instead
# (tests/conftest.py), except the tests of the queue itself.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# End of background tasks.

TAGGIT_CASE_INSENSITIVE = True

# Logging: everything to stdout (the container runtime collects it), one line per
# request from newsroom.middleware.RequestLogMiddleware, and errors with their
# traceback from django.request. Tracebacks never reach a page when DEBUG is off.
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO").upper()
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "line": {"format": "%(asctime)s %(levelname)s [%(name)s] %(message)s"},
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "line",
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        # runserver prints its own request lines; ours already say the same.
        "django.server": {"handlers": [], "level": "WARNING", "propagate": False},
    },
}
