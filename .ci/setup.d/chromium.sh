#!/usr/bin/env bash
# Debian's Chromium for the preview's browser test (test/server/preview/browser.test.ts), which drives it
# headless with playwright-core (no browser download). Installs the package only when /usr/bin/chromium
# is missing. Idempotent.
set -euo pipefail
if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "chromium.sh : /usr/bin/chromium est absent et l'installation demande root (apt-get install -y chromium)." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Another setup script may hold dpkg's lock: wait for it rather than fail.
apt-get -o DPkg::Lock::Timeout=300 update
apt-get -o DPkg::Lock::Timeout=300 install -y chromium
