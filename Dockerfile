# Newsroom's web image: Django under gunicorn, as a non-root user.
# docker-compose.yml builds it and puts nginx, PostgreSQL and Redis around it.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STATIC_ROOT=/srv/static \
    MEDIA_ROOT=/srv/media \
    PRIVATE_MEDIA_ROOT=/srv/private \
    NEWSROOM_VAR_DIR=/srv/var

WORKDIR /app

# Dependencies first, in their own layer: it is rebuilt only when the lock changes.
# Every package is pinned with its hashes (`python3 dev.py lock` writes the file).
COPY requirements/web.txt requirements/web.txt
RUN pip install --require-hashes -r requirements/web.txt

COPY . .
# The code stays root-owned and read-only for the app (it runs from /app, the working
# directory); only its data folders are writable, and named volumes mounted on them
# start with this ownership.
RUN groupadd --system newsroom \
    && useradd --system --gid newsroom --home-dir /app --no-create-home --shell /usr/sbin/nologin newsroom \
    && mkdir -p /srv/static /srv/media /srv/private /srv/var \
    && chown newsroom:newsroom /srv/static /srv/media /srv/private /srv/var

USER newsroom
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "deploy/healthcheck.py"]
CMD ["deploy/entrypoint.sh"]
