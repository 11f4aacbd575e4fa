#!/usr/bin/env bash
# The production container's command: bring the database schema up to date, then serve.
set -euo pipefail
python manage.py migrate --noinput
python manage.py sync_roles
exec gunicorn dcaht.wsgi \
  --bind "0.0.0.0:${PORT:-8000}" \
  --workers "${WEB_CONCURRENCY:-3}" \
  --access-logfile - \
  --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}"
