#!/usr/bin/env bash
# The production container's command: bring the database schema and the roles up to date, then
# serve. Beside gunicorn, a loop runs Wagtail's `publish_scheduled` every minute, so pages go
# live and expire at the dates editors set (and prunes old background task results once a
# day), and a worker runs the queued background tasks (re-indexing the pages that show a
# renamed theme…), restarted if it stops; both end with the container.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"
# A typo in a setting stops the container at once, by name, before it migrates anything (a
# word for the interval made the loop below run publish_scheduled without pause).
PORT="${PORT:-8000}"
INTERVAL="${PUBLISH_SCHEDULED_INTERVAL:-60}"
WORKERS="$(web_workers)"
require PORT "$PORT" '^([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$' \
  "a port number from 1 to 65535"
require PUBLISH_SCHEDULED_INTERVAL "$INTERVAL" '^[1-9][0-9]*$' "a number of seconds, 1 or more"
python manage.py migrate --noinput
python manage.py sync_roles
(
  pruned=-1
  while true; do
    python manage.py publish_scheduled || echo "publish_scheduled failed; trying again in a minute" >&2
    if [ "${BACKGROUND_TASKS:-database}" = database ] && { [ "$pruned" -lt 0 ] || [ $((SECONDS - pruned)) -ge 86400 ]; }; then
      # Once a day: forget the results of background tasks finished two weeks ago.
      python manage.py prune_db_task_results --backend background || echo "pruning task results failed" >&2
      pruned=$SECONDS
    fi
    sleep "$INTERVAL"
  done
) &
if [ "${BACKGROUND_TASKS:-database}" = database ]; then
  (
    while true; do
      python manage.py db_worker --backend background --no-reload || echo "the task worker stopped; restarting it" >&2
      sleep 5
    done
  ) &
fi
exec gunicorn dcaht.wsgi \
  --bind "0.0.0.0:$PORT" \
  --workers "$WORKERS" \
  --access-logfile - \
  --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}"
