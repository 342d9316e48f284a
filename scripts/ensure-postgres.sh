#!/usr/bin/env bash
# Makes sure PostgreSQL's server binaries are on this machine and prints, as the last line of
# stdout, the directory that holds `initdb`, `pg_ctl` and `postgres` (everything else goes to
# stderr). Used by `make run`, `make test` and scripts/pg-cluster.sh.
#
# Search order: PATH, then /usr/lib/postgresql/*/bin (Debian's layout, newest version first).
# When nothing is found and we are root, PostgreSQL is installed from Debian's packages; a
# non-root caller gets told how to install it. As root, a `postgres` OS user must exist because
# initdb/pg_ctl refuse to run as root (pg-cluster.sh runs them as that user).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT

log() { printf 'ensure-postgres: %s\n' "$*" >&2; }

# A directory qualifies when it holds all three server programs.
has_server_binaries() {
    local dir="$1"
    [[ -x "$dir/initdb" && -x "$dir/pg_ctl" && -x "$dir/postgres" ]]
}

find_bindir() {
    local dir real entry
    local -a path_entries
    IFS=: read -r -a path_entries <<<"${PATH:-}"
    for entry in "${path_entries[@]}"; do
        [[ -n "$entry" ]] || continue
        if has_server_binaries "$entry"; then
            # /usr/local/bin may hold symlinks into Debian's versioned directory; prefer that
            # directory, which also has the matching psql, pg_isready and createdb.
            real="$(dirname "$(readlink -f "$entry/initdb")")"
            if has_server_binaries "$real"; then
                printf '%s\n' "$real"
            else
                printf '%s\n' "$entry"
            fi
            return 0
        fi
    done
    # Debian installs server binaries outside PATH, one directory per major version.
    while IFS= read -r dir; do
        if has_server_binaries "$dir"; then
            printf '%s\n' "$dir"
            return 0
        fi
    done < <(compgen -G '/usr/lib/postgresql/*/bin' | sort -V -r)
    return 1
}

ensure_postgres_user() {
    [[ "$(id -u)" -eq 0 ]] || return 0
    getent passwd postgres >/dev/null && return 0
    log "creating the 'postgres' system user (initdb and pg_ctl must not run as root)"
    local -a group_args=(--user-group)
    if getent group postgres >/dev/null; then
        group_args=(--gid postgres)
    fi
    useradd --system "${group_args[@]}" --home-dir /var/lib/postgresql --no-create-home \
        --shell /usr/sbin/nologin --comment 'PostgreSQL administrator' postgres >&2
}

install_postgres() {
    if [[ "$(id -u)" -ne 0 ]]; then
        log "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH or in /usr/lib/postgresql/*/bin."
        log "Install them, e.g. on Debian/Ubuntu: sudo apt-get install -y --no-install-recommends postgresql"
        log "(or put a directory holding initdb, pg_ctl and postgres on PATH), then run this again."
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        log "PostgreSQL server binaries were not found and apt-get is not available to install them."
        log "Install PostgreSQL (server package) with this system's package manager, then run this again."
        exit 1
    fi
    log "PostgreSQL server binaries not found; installing Debian's 'postgresql' package (root)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y --no-install-recommends postgresql >&2
}

main() {
    local bindir
    if ! bindir="$(find_bindir)"; then
        install_postgres
        if ! bindir="$(find_bindir)"; then
            log "installed the 'postgresql' package but still found no directory holding initdb, pg_ctl and postgres"
            exit 1
        fi
    fi
    ensure_postgres_user
    # PG_ENSURE_QUIET=1 (set by pg-cluster.sh) drops this line when nothing had to be done.
    [[ "${PG_ENSURE_QUIET:-}" == 1 ]] ||
        log "using PostgreSQL binaries in $bindir ($("$bindir/postgres" --version 2>/dev/null || echo 'version unknown'))"
    printf '%s\n' "$bindir"
}

cd "$ROOT"
main "$@"
