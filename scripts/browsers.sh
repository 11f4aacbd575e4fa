#!/usr/bin/env bash
# Debian's Chromium (and a small font package) for the end-to-end tests in tests/e2e (Debian).
#
#   scripts/browsers.sh    install chromium and fonts-dejavu-core if missing, print the
#                          browser's path
#
# Progress goes to stderr; stdout carries only the path, so
#   CHROMIUM="$(scripts/browsers.sh)"
# works. Safe to run again: nothing is fetched when both packages are installed.
# Playwright's own browser download (`playwright install`) is never used: the tests launch
# this Chromium with executable_path.
set -euo pipefail

PACKAGES=(chromium fonts-dejavu-core)
CHROMIUM=/usr/bin/chromium

log() { printf '[browsers] %s\n' "$*" >&2; }
die() { printf '[browsers] ERROR: %s\n' "$*" >&2; exit 1; }

# Run a command as root: directly when root, else through sudo if present.
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

install_packages() {
  local missing=() pkg
  for pkg in "${PACKAGES[@]}"; do
    pkg_installed "${pkg}" || missing+=("${pkg}")
  done
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || die "apt-get not found; install ${missing[*]} by hand"
  log "installing ${missing[*]} (apt-get)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  as_root env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
}

install_packages
[[ -x "${CHROMIUM}" ]] || die "${CHROMIUM} is missing after the installation"
log "$("${CHROMIUM}" --version 2>/dev/null || echo "chromium (version unknown)")"
echo "${CHROMIUM}"
