#!/usr/bin/env bash
# The benchmark: N synthetic practices (default 10 000) on PostgreSQL (and OpenSearch when it
# can start), served by gunicorn with the production settings, loaded by wrk from a second
# process; once with the page cache and once without. Results: bench/results/<time>.{json,md}.
#
#   bash bench/run.sh [PRACTICES]
set -euo pipefail
cd "$(dirname "$0")/.."

PRACTICES="${1:-10000}"
# Each endpoint is loaded for DURATION in each of ROUNDS rounds, the endpoints taking turns, so
# that a slower spell of the machine falls on every endpoint alike (see bench/summarise.py).
DURATION="${BENCH_DURATION:-5s}"
ROUNDS="${BENCH_ROUNDS:-3}"
WARMUP="${BENCH_WARMUP:-5s}"
CONNECTIONS="${BENCH_CONNECTIONS:-4}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
RAW="$(mktemp)"
PIDS=()

LOG_TAG=bench
# shellcheck source=scripts/lib.sh
source scripts/lib.sh
# As many gunicorn workers as the container runs: under load, a worker waiting for OpenSearch
# or PostgreSQL leaves its core to a third (two left it idle).
WORKERS="$(web_workers)"
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -f "$RAW"; }
trap cleanup EXIT
# Each setting is checked before anything starts (the workers by web_workers): a typo used to
# stop the run only after it had built and indexed the content. The scale names a database,
# and generate_bench_content takes up to a million.
require PRACTICES "$PRACTICES" '^[1-9][0-9]{0,5}$|^1000000$' "a whole number from 1 to 1000000"
require BENCH_ROUNDS "$ROUNDS" '^[1-9][0-9]?$' "a number of rounds from 1 to 99"
require BENCH_CONNECTIONS "$CONNECTIONS" '^[1-9][0-9]{0,2}$' "a number of connections from 1 to 999"
# Durations as wrk reads them.
require BENCH_DURATION "$DURATION" '^[1-9][0-9]*[smh]?$' "a duration such as 5s or 1m"
require BENCH_WARMUP "$WARMUP" '^[1-9][0-9]*[smh]?$' "a duration such as 5s or 1m"

make install >&2
SERVICES_EXPORT="$(bash scripts/services.sh up)"
eval "$SERVICES_EXPORT"
apt_install wrk
ENGINE=database
if SEARCH_EXPORT="$(bash scripts/opensearch.sh start)"; then
  eval "$SEARCH_EXPORT"
  ENGINE=opensearch
else
  log "OpenSearch did not start: the benchmark uses the database search"
  unset SEARCH_URL
fi

# One database per scale and version of the synthetic content: the generator only adds, so
# a generator writing other content needs a new database (bump CONTENT when it changes).
CONTENT=2
DATABASE="dcaht_bench_${PRACTICES}_v${CONTENT}"
export DATABASE_URL="postgres://dcaht:dcaht@127.0.0.1:5432/${DATABASE}"
export DJANGO_SETTINGS_MODULE=dcaht.settings.production
export SECRET_KEY="bench-only-$(python3 -c 'import secrets; print(secrets.token_urlsafe(40))')"
export ALLOWED_HOSTS="127.0.0.1,localhost" SECURE_SSL_REDIRECT=false
export SEARCH_INDEX_PREFIX=bench STATIC_ROOT="$PWD/var/bench-static" LOG_LEVEL=WARNING
export BACKGROUND_TASKS=immediate  # no worker runs beside the benchmark's servers

DATABASE="$DATABASE" .venv/bin/python - <<'PY'
import os

import psycopg

name = os.environ["DATABASE"]
with psycopg.connect("postgres://dcaht:dcaht@127.0.0.1:5432/dcaht", autocommit=True) as db:
    if not db.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
        db.execute(f'CREATE DATABASE "{name}"')
PY
log "preparing $PRACTICES practices"
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py compile_translations -v0
# The demo content once, on a new database: loading it again would synchronise the locales,
# creating an alias of each synthetic practice in every language (hours at this scale).
if ! .venv/bin/python manage.py shell -c "import sys; from home.models import HomePage; sys.exit(not HomePage.objects.exists())"; then
  .venv/bin/python manage.py load_demo_content -v0
fi
.venv/bin/python manage.py generate_bench_content --practices "$PRACTICES"
.venv/bin/python manage.py update_index --backend default -v0  # what the pages search
if [ "$ENGINE" = opensearch ]; then
  # A new index merges its segments in the background for a minute or more: merge them now,
  # or the first server measured shares the cores with the merging.
  curl -fs -o /dev/null -X POST "$SEARCH_URL/${SEARCH_INDEX_PREFIX}_*/_forcemerge?max_num_segments=1"
  # A node just started answers searches up to three times slower for minutes, while its JVM
  # compiles its hot code: search it for a minute with varied queries first, as a node that
  # has served for a while has been.
  .venv/bin/python manage.py shell -v0 <<'PY'
import itertools
import time
from urllib.parse import urlencode

from django.http import QueryDict
from django.utils import translation

from search.service import SearchService

translation.activate("en")
words = ["shelter", "referral", "labour", "exploitation", "victims", "police", "children",
         "trafficking", "cooperation", "municipal", "assistance", "housing", "training"]
queries = itertools.cycle(f"{a} {b}" for a in words for b in words if a < b)
end = time.monotonic() + 60
while time.monotonic() < end:
    SearchService().search(QueryDict(urlencode({"q": next(queries)})))
PY
fi
# Tables just bulk-loaded: vacuum and analyse them now, not while the servers are measured.
.venv/bin/python - <<'PY'
import os

import psycopg

with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as db:
    db.execute("VACUUM ANALYZE")
PY
.venv/bin/python manage.py collectstatic --noinput -v0

# One synthetic practice: the 43rd, or the last of fewer.
PRACTICE="$(.venv/bin/python manage.py shell -v0 -c "from practices.models import GoodPracticePage as P; pages = P.objects.filter(slug__startswith='bench-', locale__language_code='en').order_by('pk'); print(pages[min(42, pages.count() - 1)].url)" | tail -n 1)"
ENDPOINTS=(
  "healthz=/healthz"
  "home=/en/"
  "practice index, two filters=/en/practices/?theme=victim-assistance&size=large"
  "practice page=${PRACTICE}"
  "search=/en/search/?q=shelter+referral"
  "search, words in every practice=/en/search/?q=human+trafficking"
  "page chrome only (empty search page)=/en/search/"
)

serve() {  # serve NAME PORT PAGE_CACHE_SECONDS
  # A server left on the port (by a run killed before its cleanup) would be measured instead.
  if port_open "$2"; then
    die "port $2 on 127.0.0.1 is in use, by a server left by an earlier run? (ss -ltnp 'sport = :$2')"
  fi
  PAGE_CACHE_SECONDS="$3" .venv/bin/gunicorn dcaht.wsgi --bind "127.0.0.1:$2" --workers "$WORKERS" \
    --log-level warning >&2 &
  SERVER_PID="$!"
  PIDS+=("$SERVER_PID")
  for _ in $(seq 60); do
    curl -fs "http://127.0.0.1:$2/healthz" >/dev/null && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || die "gunicorn stopped before it answered on port $2"
    sleep 1
  done
  die "gunicorn did not answer on port $2 within a minute"
}

measure() {  # measure SERVER PORT
  for entry in "${ENDPOINTS[@]}"; do
    path="${entry#*=}"
    for _ in $(seq $((WORKERS * 2))); do  # warm up the workers (and fill the page cache)
      curl -fs -o /dev/null "http://127.0.0.1:$2$path"
    done
    # …and the engines: a JVM just started answers slower until it has compiled its hot code.
    wrk -t1 -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$2$path" >/dev/null
  done
  for round in $(seq "$ROUNDS"); do
    for entry in "${ENDPOINTS[@]}"; do
      name="${entry%%=*}" path="${entry#*=}"
      cpu_before="$(python3 bench/cpu.py "$SERVER_PID")"
      result="$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" -s bench/report.lua "http://127.0.0.1:$2$path" | grep '^{')"
      cpu_after="$(python3 bench/cpu.py "$SERVER_PID")"
      printf '{"server": "%s", "endpoint": "%s", "path": "%s", "round": %s, "practices": %s, "search": "%s", "workers": %s, "cpu_before": %s, "cpu_after": %s, %s\n' \
        "$1" "$name" "$path" "$round" "$PRACTICES" "$ENGINE" "$WORKERS" "$cpu_before" "$cpu_after" "${result#\{}" >> "$RAW"
      log "$1 · round $round · $name: ${result}"
    done
  done
}

serve "page cache on" 8801 600
measure "page cache on" 8801
serve "page cache off" 8802 0
measure "page cache off" 8802

# The first request after a change rebuilds what a worker keeps per content generation.
for entry in "${ENDPOINTS[@]}"; do
  name="${entry%%=*}" path="${entry#*=}"
  .venv/bin/python manage.py shell -c "from dcaht.generation import new_generation; new_generation()"
  seconds="$(curl -fs -o /dev/null -w '%{time_total}' "http://127.0.0.1:8802$path")"
  printf '{"server": "page cache off", "endpoint": "%s", "path": "%s", "practices": %s, "search": "%s", "first_request_after_change_ms": %s}\n' \
    "$name" "$path" "$PRACTICES" "$ENGINE" "$(python3 -c "print(round($seconds * 1000, 1))")" >> "$RAW"
done

mkdir -p bench/results
.venv/bin/python bench/summarise.py "$RAW" "bench/results/$STAMP"
log "results in bench/results/$STAMP.md and .json"
