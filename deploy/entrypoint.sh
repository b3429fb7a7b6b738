#!/bin/sh
# What the web container runs (docker-compose.yml `command`, the Dockerfile's CMD):
# bring the database schema and the collected static files up to date, then serve.
# With several web nodes starting at once, with_deploy_lock lets one node at a time
# migrate and collect (a PostgreSQL advisory lock): the first does the work, the
# others find it done. tests/production/ runs this very script against a local
# PostgreSQL and Redis, one node and two.
set -eu
cd "$(dirname "$0")/.."
python manage.py with_deploy_lock migrate --noinput
python manage.py with_deploy_lock collect_static --verbosity 0
exec gunicorn --config deploy/gunicorn.conf.py newsroom.wsgi
