#!/usr/bin/env bash
# Start the machine's PostgreSQL for the test suites and export FEUD_TEST_DATABASE_URL.
# Sourced by .ci/run. The machine image has Debian's PostgreSQL 15 installed but stopped;
# a clean machine without it gets it from apt. Fails (non-zero) if no server can be started.
set -euo pipefail

FEUD_PG_VERSION="${FEUD_PG_VERSION:-15}"
FEUD_PG_ROLE=feud_test
FEUD_PG_DB=feud_test

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ ! -d "/usr/lib/postgresql/${FEUD_PG_VERSION}" ]; then
  echo "ci: PostgreSQL ${FEUD_PG_VERSION} is missing; installing it with apt-get"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "${FEUD_PG_VERSION} main"; then
  pg_createcluster "${FEUD_PG_VERSION}" main >/dev/null
fi
if ! pg_lsclusters -h | awk -v v="${FEUD_PG_VERSION}" '$1 == v && $2 == "main" {print $4}' | grep -q online; then
  pg_ctlcluster "${FEUD_PG_VERSION}" main start
fi
# bounded wait for the server to take connections
for _ in $(seq 1 30); do
  if su postgres -c "psql -qtAc 'SELECT 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done
su postgres -c "psql -qtAc 'SELECT 1'" >/dev/null || { echo "ci: PostgreSQL ${FEUD_PG_VERSION} did not start" >&2; exit 1; }

su postgres -c "psql -v ON_ERROR_STOP=1 -qtA" <<SQL >/dev/null
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${FEUD_PG_ROLE}') THEN
    CREATE ROLE ${FEUD_PG_ROLE} LOGIN PASSWORD '${FEUD_PG_ROLE}';
  END IF;
END \$\$;
SQL
if [ "$(su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname = '${FEUD_PG_DB}'\"")" != "1" ]; then
  su postgres -c "createdb -O ${FEUD_PG_ROLE} ${FEUD_PG_DB}"
fi
PG_PORT="$(pg_lsclusters -h | awk -v v="${FEUD_PG_VERSION}" '$1 == v && $2 == "main" {print $3}')"
export FEUD_TEST_DATABASE_URL="postgres://${FEUD_PG_ROLE}:${FEUD_PG_ROLE}@127.0.0.1:${PG_PORT}/${FEUD_PG_DB}"
echo "ci: PostgreSQL ${FEUD_PG_VERSION} is up; FEUD_TEST_DATABASE_URL=postgres://${FEUD_PG_ROLE}:***@127.0.0.1:${PG_PORT}/${FEUD_PG_DB}"
