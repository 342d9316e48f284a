#!/usr/bin/env bash
# `make run`: a private PostgreSQL in .data/pg (durable settings, Unix socket only), the
# `webchats` database, then the API in the foreground with demo data. The API applies its
# migrations, seeds itself and prints its URLs and a dev token.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly DATA_DIR="$ROOT/.data"
readonly DATABASE=webchats

log() { printf 'run: %s\n' "$*" >&2; }

cd "$ROOT"

# The API needs ICU (InvariantGlobalization is off) and PostgreSQL.
bash "$ROOT/scripts/ensure-icu.sh"
BINDIR="$(bash "$ROOT/scripts/ensure-postgres.sh" | tail -n 1)"
# No --fast: this cluster keeps dev data across runs.
SERVER_CONNECTION="$(bash "$ROOT/scripts/pg-cluster.sh" start "$DATA_DIR/pg" | tail -n 1)"

# Host=<socket dir>;Port=...: the psql tools take the same socket directory and port.
socket_dir="$(sed -n 's/^Host=\([^;]*\);.*/\1/p' <<<"$SERVER_CONNECTION")"
port="$(sed -n 's/.*;Port=\([0-9]*\);.*/\1/p' <<<"$SERVER_CONNECTION")"
[[ -n "$socket_dir" && -n "$port" ]] || { log "unexpected connection string: $SERVER_CONNECTION"; exit 1; }

psql_bin="$BINDIR/psql"
[[ -x "$psql_bin" ]] || psql_bin="$(command -v psql)" || { log "psql not found next to $BINDIR/initdb nor on PATH"; exit 1; }

exists="$("$psql_bin" -h "$socket_dir" -p "$port" -U postgres -d postgres -XAtq \
    -c "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")"
if [[ "$exists" != 1 ]]; then
    log "creating database $DATABASE"
    "$psql_bin" -h "$socket_dir" -p "$port" -U postgres -d postgres -XAtq -v ON_ERROR_STOP=1 \
        -c "CREATE DATABASE $DATABASE"
fi

export ASPNETCORE_ENVIRONMENT=Development
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"

# Signed URLs need an address a browser can open: the first URL the API listens on, with a
# wildcard host (0.0.0.0, [::], *, +) replaced by the loopback address.
public_base_url="${ASPNETCORE_URLS%%;*}"
public_base_url="$(sed -E 's#^([A-Za-z]+://)(0\.0\.0\.0|\[::\]|\*|\+)([:/]|$)#\1127.0.0.1\3#' <<<"$public_base_url")"
public_base_url="${public_base_url%/}"

export ConnectionStrings__Webchats="${SERVER_CONNECTION/Database=postgres/Database=$DATABASE}"
export Webchats__DataDirectory="$DATA_DIR"
export Webchats__PublicBaseUrl="$public_base_url"
export Webchats__SeedDemoData=true

log "PostgreSQL: $ConnectionStrings__Webchats"
log "starting the API on $ASPNETCORE_URLS (Ctrl-C stops it; 'make stop-db' stops the database)"
exec dotnet run --project "$ROOT/src/Api/Webchats.Api.csproj" -c Release --no-launch-profile
