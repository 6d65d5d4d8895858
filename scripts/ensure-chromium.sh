#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (no browser download). Install it when missing.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "semsearch: installing Debian's chromium for the browser tests" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "semsearch: the browser tests need chromium; install it (sudo apt-get install chromium) or set SEMSEARCH_CHROMIUM to its path" >&2
  exit 1
fi
