#!/usr/bin/env bash
# Debian's Chromium (and a small font package) for the end-to-end tests in tests/e2e, and a
# Java runtime for the HTML checker of tests/interfaces/test_markup.py (Debian).
#
#   scripts/browsers.sh    install chromium and fonts-dejavu-core if missing, and
#                          default-jre-headless if there is no `java`; print the browser's path
#
# Progress goes to stderr; stdout carries only the path, so
#   CHROMIUM="$(scripts/browsers.sh)"
# works. Safe to run again: nothing is fetched when both packages are installed.
# Playwright's own browser download (`playwright install`) is never used: the tests launch
# this Chromium with executable_path.
set -euo pipefail

PACKAGES=(chromium fonts-dejavu-core)
command -v java >/dev/null 2>&1 || PACKAGES+=(default-jre-headless)
CHROMIUM=/usr/bin/chromium

LOG_TAG=browsers
# shellcheck source=scripts/lib.sh
source "$(dirname "$0")/lib.sh"

apt_install "${PACKAGES[@]}"
[[ -x "${CHROMIUM}" ]] || die "${CHROMIUM} is missing after the installation"
log "$("${CHROMIUM}" --version 2>/dev/null || echo "chromium (version unknown)")"
echo "${CHROMIUM}"
