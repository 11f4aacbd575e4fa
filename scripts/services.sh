#!/usr/bin/env bash
# Local PostgreSQL and Redis on 127.0.0.1 for development and CI (Debian).
#
#   scripts/services.sh [up]   install if missing, start, create role/db, wait
#   scripts/services.sh env    print the export lines only
#   scripts/services.sh down   stop both (best effort)
#
# Progress goes to stderr; stdout carries only the export lines, so
#   eval "$(scripts/services.sh up)"
# works. Safe to run again: each step checks before it acts.
set -euo pipefail

PG_PORT=5432
PG_USER=dcaht
PG_PASSWORD=dcaht
PG_DB=dcaht
REDIS_PORT=6379
# Redis pid/log/working dir (Redis keeps no data: persistence is off).
REDIS_RUN_DIR="${DCAHT_REDIS_RUN_DIR:-/tmp/dcaht-redis}"
WAIT_SECONDS="${DCAHT_SERVICES_TIMEOUT:-60}"

LOG_TAG=services
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

print_env() {
  echo "export DATABASE_URL=postgres://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${PG_PORT}/${PG_DB}"
  echo "export REDIS_URL=redis://127.0.0.1:${REDIS_PORT}/0"
}

# Run a command as the postgres OS user (peer authentication on the socket).
# cd / first so psql does not warn about an unreadable working directory.
as_postgres() {
  if [[ ${EUID} -eq 0 ]]; then
    (cd / && runuser -u postgres -- "$@")
  elif command -v sudo >/dev/null 2>&1; then
    (cd / && sudo -u postgres -- "$@")
  else
    die "need root or sudo to act as the postgres user"
  fi
}

# Prints "<version> <cluster>" of the cluster to use: the newest one named
# main, created from the newest installed server version if there is none.
pg_cluster() {
  local line
  line="$(pg_lsclusters -h 2>/dev/null | awk '$2 == "main" {print $1, $2}' | sort -V | tail -n 1)"
  if [[ -z "${line}" ]]; then
    local version
    version="$(find /usr/lib/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -V | tail -n 1)"
    [[ -n "${version}" ]] || die "no PostgreSQL server found under /usr/lib/postgresql"
    log "creating PostgreSQL cluster ${version}/main"
    as_root pg_createcluster --port "${PG_PORT}" "${version}" main >&2 \
      || die "could not create the PostgreSQL cluster ${version}/main"
    line="${version} main"
  fi
  echo "${line}"
}

# Loopback only, fixed port; returns 0 when a setting changed (so its caller tests it, and
# `set -e` does not apply here: each step stops the script itself). The port stays
# in postgresql.conf, where pg_lsclusters reads it. listen_addresses goes to a
# conf.d drop-in (included by Debian's postgresql.conf) because pg_conftool
# writes an address unquoted, which the server refuses to parse.
pg_configure() {
  local version=$1 cluster=$2 file wanted rc=1
  if [[ "$(pg_conftool -s "${version}" "${cluster}" get port 2>/dev/null || true)" != "${PG_PORT}" ]]; then
    as_root pg_conftool "${version}" "${cluster}" set port "${PG_PORT}" \
      || die "could not set the port of PostgreSQL ${version}/${cluster}"
    rc=0
  fi
  file="/etc/postgresql/${version}/${cluster}/conf.d/dcaht.conf"
  wanted="# Written by scripts/services.sh: listen on loopback only.
listen_addresses = '127.0.0.1'"
  if [[ ! -f "${file}" || "$(cat "${file}")" != "${wanted}" ]]; then
    log "writing ${file}"
    printf '%s\n' "${wanted}" | as_root tee "${file}" >/dev/null || die "could not write ${file}"
    rc=0
  fi
  return "${rc}"
}

start_postgres() {
  local line version cluster status changed=0
  line="$(pg_cluster)"
  read -r version cluster <<<"${line}"

  pg_configure "${version}" "${cluster}" && changed=1

  # The socket dir lives on tmpfs and is gone after a reboot.
  if [[ ! -d /var/run/postgresql ]]; then
    as_root install -d -o postgres -g postgres -m 2775 /var/run/postgresql
  fi

  status="$(pg_lsclusters -h | awk -v v="${version}" -v c="${cluster}" '$1 == v && $2 == c {print $4}')"
  if [[ "${status}" == online* ]]; then
    if [[ ${changed} -eq 1 ]]; then
      log "restarting PostgreSQL ${version}/${cluster} to apply settings"
      as_root pg_ctlcluster "${version}" "${cluster}" restart >&2
    else
      log "PostgreSQL ${version}/${cluster} already running"
    fi
  else
    log "starting PostgreSQL ${version}/${cluster}"
    as_root pg_ctlcluster "${version}" "${cluster}" start >&2
  fi

  wait_for "PostgreSQL on 127.0.0.1:${PG_PORT} (log: /var/log/postgresql/postgresql-${version}-${cluster}.log)" \
    pg_isready -q -h 127.0.0.1 -p "${PG_PORT}"
}

# True when the application's password login works and may create databases.
db_ready() {
  [[ "$(PGPASSWORD="${PG_PASSWORD}" psql -tAq -h 127.0.0.1 -p "${PG_PORT}" \
    -U "${PG_USER}" -d "${PG_DB}" \
    -c 'SELECT rolcreatedb FROM pg_roles WHERE rolname = current_user' 2>/dev/null || true)" == "t" ]]
}

# Role with CREATEDB (the test runner creates test_dcaht) and its database,
# created through the postgres OS user unless they already work.
setup_database() {
  if db_ready; then
    log "role ${PG_USER} and database ${PG_DB} ready"
    return 0
  fi
  as_postgres psql -q -v ON_ERROR_STOP=1 -p "${PG_PORT}" -d postgres >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${PG_USER}') THEN
    CREATE ROLE ${PG_USER} LOGIN CREATEDB PASSWORD '${PG_PASSWORD}';
  ELSE
    ALTER ROLE ${PG_USER} LOGIN CREATEDB PASSWORD '${PG_PASSWORD}';
  END IF;
END
\$\$;
SQL
  if [[ -z "$(as_postgres psql -tAq -p "${PG_PORT}" -d postgres \
      -c "SELECT 1 FROM pg_database WHERE datname = '${PG_DB}'")" ]]; then
    log "creating database ${PG_DB}"
    as_postgres createdb -p "${PG_PORT}" -O "${PG_USER}" "${PG_DB}"
  fi
  db_ready || die "cannot log in as ${PG_USER} to ${PG_DB} on 127.0.0.1:${PG_PORT} (see pg_hba.conf)"
}

redis_up() {
  [[ "$(redis-cli -h 127.0.0.1 -p "${REDIS_PORT}" ping 2>/dev/null || true)" == "PONG" ]]
}

start_redis() {
  if redis_up; then
    log "Redis already answering on 127.0.0.1:${REDIS_PORT}"
    return 0
  fi
  if (: <"/dev/tcp/127.0.0.1/${REDIS_PORT}") 2>/dev/null; then
    die "port ${REDIS_PORT} on 127.0.0.1 is taken by a program that is not Redis (see: ss -ltnp 'sport = :${REDIS_PORT}')"
  fi
  mkdir -p "${REDIS_RUN_DIR}"
  log "starting Redis (log: ${REDIS_RUN_DIR}/redis.log)"
  redis-server --bind 127.0.0.1 --port "${REDIS_PORT}" --daemonize yes \
    --pidfile "${REDIS_RUN_DIR}/redis.pid" --logfile "${REDIS_RUN_DIR}/redis.log" \
    --dir "${REDIS_RUN_DIR}" --save '' --appendonly no
  wait_for "Redis on 127.0.0.1:${REDIS_PORT} (log: ${REDIS_RUN_DIR}/redis.log)" redis_up
}

# wait_for DESCRIPTION COMMAND...: poll COMMAND once a second until it
# succeeds or WAIT_SECONDS pass.
wait_for() {
  local what=$1 i
  shift
  for ((i = 0; i < WAIT_SECONDS; i++)); do
    "$@" && return 0
    sleep 1
  done
  die "${what} did not answer within ${WAIT_SECONDS}s"
}

cmd_up() {
  apt_install postgresql redis-server
  start_postgres
  setup_database
  start_redis
  log "PostgreSQL and Redis are up"
  print_env
}

cmd_down() {
  if redis_up; then
    log "stopping Redis"
    redis-cli -h 127.0.0.1 -p "${REDIS_PORT}" shutdown nosave >/dev/null 2>&1 || true
  fi
  if command -v pg_lsclusters >/dev/null 2>&1; then
    local version cluster status
    while read -r version cluster _ status _; do
      if [[ "${status}" == online* ]]; then
        log "stopping PostgreSQL ${version}/${cluster}"
        as_root pg_ctlcluster "${version}" "${cluster}" stop >&2 || true
      fi
    done < <(pg_lsclusters -h 2>/dev/null | awk '$2 == "main"')
  fi
}

case "${1:-up}" in
  up) cmd_up ;;
  env) print_env ;;
  down) cmd_down ;;
  *) die "usage: $0 [up|env|down]" ;;
esac
