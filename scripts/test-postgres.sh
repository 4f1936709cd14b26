#!/usr/bin/env bash
# Run a command (the test suite) against a fresh PostgreSQL database, dropped afterwards.
# Usage: scripts/test-postgres.sh postgres://user@host:port COMMAND...
set -euo pipefail
server=$1; shift
host=$(python3 -c 'import sys, urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p.hostname or "127.0.0.1")' "$server")
port=$(python3 -c 'import sys, urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p.port or 5432)' "$server")
user=$(python3 -c 'import sys, urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p.username or "postgres")' "$server")

if ! pg_isready -q -h "$host" -p "$port"; then
  # On this project's machines PostgreSQL is a local Debian cluster that may have stopped.
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 20); do pg_isready -q -h "$host" -p "$port" && break; sleep 0.5; done
  fi
fi
pg_isready -h "$host" -p "$port" >/dev/null || { echo "PostgreSQL is not reachable at $host:$port" >&2; exit 1; }

db="cms_test_$(date +%s)_$$"
export PGOPTIONS="-c client_min_messages=warning"
psql_admin=(psql -q -h "$host" -p "$port" -U "$user" -d postgres -v ON_ERROR_STOP=1)
"${psql_admin[@]}" -c "CREATE DATABASE \"$db\""
cleanup() {
  # pytest-django's test database, one per pytest-xdist worker (test_<db>_gw0, ...) or test_<db>.
  for name in "$db" $("${psql_admin[@]}" -At -c "SELECT datname FROM pg_database WHERE datname LIKE 'test\_${db}%'"); do
    "${psql_admin[@]}" -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" || true
  done
}
trap cleanup EXIT
echo "Testing against PostgreSQL database $db on $host:$port"
DATABASE_URL="$server/$db" "$@"
