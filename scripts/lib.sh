# Helpers shared by the project's scripts (sourced, not run). Set LOG_TAG before sourcing.
#
#   log MESSAGE            progress on stderr, tagged
#   die MESSAGE            an error on stderr, then exit 1
#   as_root COMMAND…       run as root: directly when root, else through sudo
#   apt_install PACKAGE…   install with apt-get the packages that are missing
#   require SETTING VALUE PATTERN WHAT
#                          stop, naming the setting and WHAT it must be, unless VALUE matches
#   web_workers            how many gunicorn workers serve the site (WEB_CONCURRENCY, default 3)
#   port_open PORT         true when something listens on 127.0.0.1:PORT

log() { printf '[%s] %s\n' "${LOG_TAG:-dcaht}" "$*" >&2; }
die() { printf '[%s] ERROR: %s\n' "${LOG_TAG:-dcaht}" "$*" >&2; exit 1; }

as_root() {
  if [[ ${EUID} -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root for '$*': run as root or install sudo"
  fi
}

pkg_installed() {
  [[ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" == "install ok installed" ]]
}

apt_install() {
  local missing=() pkg
  for pkg in "$@"; do
    pkg_installed "${pkg}" || missing+=("${pkg}")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install ${missing[*]} by hand"
  log "installing ${missing[*]} (apt-get)"
  # A machine just booted may be running its daily apt jobs: wait for their lock (10 minutes)
  # rather than fail at once with "Could not get lock".
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 \
    install -y -q --no-install-recommends "${missing[@]}" >&2
}

# Settings are checked before anything starts: a typo found later has already cost a build, an
# index or a migration.
require() {
  [[ "$2" =~ $3 ]] || die "$1 is $4, not '$2'"
}

# The container serves with these (scripts/docker-entrypoint.sh), and the benchmark measures
# the server as the container runs it (bench/run.sh).
web_workers() {
  local workers="${WEB_CONCURRENCY:-3}"
  require WEB_CONCURRENCY "$workers" '^[1-9][0-9]?$' "a number of workers from 1 to 99"
  printf '%s\n' "$workers"
}

port_open() { (: <"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
