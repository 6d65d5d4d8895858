#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (no browser download): check that it is there, and
# say how to get it when it is not. Installs nothing (.ci/run installs it on a CI machine).
set -euo pipefail
chromium="${SEMSEARCH_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$chromium" ] && [ ! -d "$chromium" ]; then exit 0; fi
{
  if [ -n "${SEMSEARCH_CHROMIUM:-}" ]; then
    echo "semsearch: SEMSEARCH_CHROMIUM=$chromium is not an executable file; the browser tests need Chromium."
  else
    echo "semsearch: the browser tests need Chromium at /usr/bin/chromium, and it is not installed."
  fi
  echo "  Install Debian's:     sudo apt-get install chromium"
  on_path="$(command -v chromium chromium-browser 2>/dev/null | head -1 || true)"
  if [ -n "$on_path" ] && [ "$on_path" != "$chromium" ]; then
    echo "  or use the one found: SEMSEARCH_CHROMIUM=$on_path npm test"
  else
    echo "  or point to another:  SEMSEARCH_CHROMIUM=/path/to/chromium npm test"
  fi
  echo "  (npm run test:unit needs no browser.)"
} >&2
exit 1
