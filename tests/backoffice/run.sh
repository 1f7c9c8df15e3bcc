#!/usr/bin/env bash
# The manager's web app in a real browser (ctest "backoffice.browser"): installs
# puppeteer-core (pinned) from npm into a cache under the build tree once, then
# runs backoffice.mjs, which starts kiosk-backend on loopback and drives Debian's
# chromium through the DevTools protocol. KIOSK_SCREENSHOTS=DIR also writes the
# screenshots of kiosk/docs/screens/ there.
# Usage: run.sh BACKEND_BINARY (KIOSK_BUILD_DIR, KIOSK_TEST_TMPDIR from ctest)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
puppeteer_version=24.43.1
cache="${KIOSK_BUILD_DIR:?}/npm/backoffice"
command -v npm >/dev/null ||
    { echo "backoffice: npm is missing: bash image/install-packages.sh test installs it" >&2; exit 1; }
if [ "$(cat "$cache/installed" 2>/dev/null)" != "$puppeteer_version" ]; then
    mkdir -p "$cache"
    # No browser download: the test uses the system's chromium.
    (cd "$cache" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund --no-save \
        --loglevel=error "puppeteer-core@$puppeteer_version" >/dev/null)
    echo "$puppeteer_version" > "$cache/installed"
fi
exec node "$here/backoffice.mjs" "$1" "$cache"
