#!/bin/sh
# What the web container runs (docker-compose.yml `command`, the Dockerfile's CMD):
# bring the database schema and the collected static files up to date, then serve.
# tests/production/ runs this very script against a local PostgreSQL and Redis.
set -eu
cd "$(dirname "$0")/.."
python manage.py migrate --noinput
python manage.py collectstatic --noinput --verbosity 0
exec gunicorn --config deploy/gunicorn.conf.py newsroom.wsgi
