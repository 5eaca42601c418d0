#!/usr/bin/env bash
# PostgreSQL server binaries for the suites that run against a real server (issue 8).
# The tests start their own private cluster (test/support/postgres-cluster.ts); this only installs
# Debian's package when initdb is missing. Idempotent.
set -euo pipefail
if compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
  exit 0
fi
if [[ $(id -u) -ne 0 ]]; then
  echo "postgresql.sh : initdb est absent et l'installation demande root (apt-get install -y postgresql) ; en CI les suites PostgreSQL doivent tourner." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
# Another setup script may hold dpkg's lock: wait for it rather than fail.
apt-get -o DPkg::Lock::Timeout=300 update
apt-get -o DPkg::Lock::Timeout=300 install -y --no-install-recommends postgresql
