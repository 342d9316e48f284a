#!/usr/bin/env bash
# A private PostgreSQL cluster in a folder, reachable only through a Unix socket in a private
# directory, so it can never clash with another cluster's TCP port.
#
#   pg-cluster.sh start  DATADIR [--fast]   initdb if needed, start, wait until ready
#   pg-cluster.sh stop   DATADIR            fast shutdown; no error when not running
#   pg-cluster.sh status DATADIR            exit 0 when running (3 when not)
#   pg-cluster.sh destroy DATADIR           stop, then delete the cluster (fallback folder too)
#   pg-cluster.sh standby DATADIR PRIMARY_DATADIR [--fast]
#                                           a hot standby of the running cluster in
#                                           PRIMARY_DATADIR (pg_basebackup -R over its socket),
#                                           started and ready for read-only connections
#
# start, standby and status print exactly one line to stdout, the Npgsql connection string
#   Host=<socket dir>;Port=5432;Username=postgres;Database=postgres
# and everything else to stderr. --fast turns durability off: throwaway test clusters only.
# A standby is a cluster like any other for stop, status, destroy and start (which restarts it
# as a standby: standby.signal and primary_conninfo live in its folder).
#
# As root, initdb/pg_ctl run as the `postgres` user (they refuse root), which must be able to
# traverse every parent folder of DATADIR. When it cannot, the cluster is kept under
# ${TMPDIR:-/tmp}/webchats-pg-<hash> instead and DATADIR/.cluster-location points there, so
# later stop/status/start calls find it again.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly PORT=5432
readonly POINTER_FILE=.cluster-location
readonly LOG_NAME=server.log
readonly READY_TIMEOUT=30
# pg_basebackup of a test-sized cluster takes about a second; this only bounds a hang.
readonly BACKUP_TIMEOUT=120

log() { printf 'pg-cluster: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

usage() {
    cat >&2 <<'EOF'
usage: pg-cluster.sh start DATADIR [--fast]
       pg-cluster.sh stop DATADIR
       pg-cluster.sh status DATADIR
       pg-cluster.sh destroy DATADIR
       pg-cluster.sh standby DATADIR PRIMARY_DATADIR [--fast]
EOF
    exit 2
}

# Environment of the caller must not redirect our client calls to another server.
unset PGHOST PGHOSTADDR PGPORT PGUSER PGDATABASE PGSERVICE PGOPTIONS PGDATA

IS_ROOT=false
[[ "$(id -u)" -eq 0 ]] && IS_ROOT=true
readonly IS_ROOT

# Runs a program as the cluster owner: `postgres` when we are root, else ourselves. fd 9 (our
# lock on DATADIR) is closed so a started server does not keep holding the lock.
as_owner() {
    if $IS_ROOT; then
        runuser -u postgres -- "$@" 9<&-
    else
        "$@" 9<&-
    fi
}

# Serialises the commands on one cluster (locks the folder itself, no litter). The lock is held
# on fd 9 until this script exits.
lock_datadir() {
    exec 9<"$DATADIR"
    flock -w 120 9 || die "timed out waiting for another pg-cluster.sh on $DATADIR"
}

# True when the cluster owner can reach (traverse into) the given existing directory.
owner_can_traverse() {
    as_owner test -x "$1" 2>/dev/null
}

own_dir() {
    if $IS_ROOT; then
        chown postgres:postgres "$1"
    fi
}

client_program() {
    local name="$1"
    if [[ -x "$BINDIR/$name" ]]; then
        printf '%s\n' "$BINDIR/$name"
    elif command -v "$name" >/dev/null 2>&1; then
        command -v "$name"
    else
        die "$name not found next to $BINDIR/initdb nor on PATH"
    fi
}

# A socket directory name that pg_ctl -o (a /bin/sh command line) and the connection string
# can carry without quoting, and whose socket path stays below the ~107-byte sun_path limit.
socket_dir_is_usable() {
    local dir="$1" socket_file="/.s.PGSQL.$PORT.lock"
    [[ "$dir" =~ ^[A-Za-z0-9._/-]+$ ]] && ((${#dir} + ${#socket_file} <= 100))
}

# Sets CLUSTER_DIR to where the cluster lives (or will live) for DATADIR.
locate_cluster() {
    CLUSTER_DIR="$DATADIR"
    if [[ ! -f "$DATADIR/PG_VERSION" && -f "$DATADIR/$POINTER_FILE" ]]; then
        CLUSTER_DIR="$(<"$DATADIR/$POINTER_FILE")"
        [[ "$CLUSTER_DIR" == /* ]] || die "$DATADIR/$POINTER_FILE does not hold an absolute path"
    fi
}

is_initialised() { [[ -f "$CLUSTER_DIR/PG_VERSION" ]]; }

is_running() {
    is_initialised || return 1
    as_owner "$BINDIR/pg_ctl" status -D "$CLUSTER_DIR" >/dev/null 2>&1
}

# The socket directory a running server actually uses (line 5 of postmaster.pid).
running_socket_dir() {
    sed -n '5p' "$CLUSTER_DIR/postmaster.pid" 2>/dev/null | cut -d, -f1 | tr -d '[:space:]'
}

connection_string() {
    printf 'Host=%s;Port=%s;Username=postgres;Database=postgres\n' "$1" "$PORT"
}

show_log_tail() {
    local logfile="$CLUSTER_DIR/$LOG_NAME"
    if [[ -f "$logfile" ]]; then
        log "last lines of $logfile:"
        tail -n 40 "$logfile" >&2 || true
    fi
}

wait_until_ready() {
    local socket_dir="$1" pg_isready deadline
    pg_isready="$(client_program pg_isready)"
    deadline=$((SECONDS + READY_TIMEOUT))
    until "$pg_isready" -q -h "$socket_dir" -p "$PORT" -U postgres -d postgres; do
        if ((SECONDS >= deadline)); then
            log "error: PostgreSQL in $CLUSTER_DIR did not accept connections on $socket_dir within ${READY_TIMEOUT}s"
            show_log_tail
            exit 1
        fi
        sleep 0.2
    done
}

# Picks the cluster folder for a first start. As root, fall back to a temporary folder when
# the postgres user cannot reach DATADIR (e.g. a checkout under a 700 home directory).
choose_new_cluster_dir() {
    CLUSTER_DIR="$DATADIR"
    $IS_ROOT || return 0
    owner_can_traverse "$(dirname "$DATADIR")" && return 0

    local base candidate=""
    for base in "${TMPDIR:-/tmp}" /tmp; do
        if [[ -d "$base" ]] && owner_can_traverse "$base"; then
            candidate="${base%/}/webchats-pg-$HASH"
            break
        fi
    done
    [[ -n "$candidate" ]] || die "the postgres user cannot traverse $(dirname "$DATADIR") nor ${TMPDIR:-/tmp} nor /tmp"
    log "note: the postgres user cannot traverse the parent folders of $DATADIR;"
    log "note: keeping this cluster in $candidate instead ($DATADIR/$POINTER_FILE points there)"
    CLUSTER_DIR="$candidate"
    printf '%s\n' "$CLUSTER_DIR" >"$DATADIR/$POINTER_FILE"
}

prepare_socket_dir() {
    local dir="$CLUSTER_DIR/socket"
    if ! socket_dir_is_usable "$dir"; then
        dir="/tmp/wc-pg-$HASH"
    fi
    if [[ -L "$dir" || (-e "$dir" && ! -d "$dir") ]]; then
        die "$dir exists and is not a plain directory; remove it"
    fi
    [[ -d "$dir" ]] || mkdir -m 700 "$dir"
    if $IS_ROOT; then
        chown postgres:postgres "$dir"
    elif [[ "$(stat -c %u "$dir")" != "$(id -u)" ]]; then
        die "socket directory $dir belongs to another user"
    fi
    chmod 700 "$dir"
    SOCKET_DIR="$dir"
}

# Makes CLUSTER_DIR an empty folder the cluster owner can fill (initdb or pg_basebackup).
prepare_empty_cluster_dir() {
    mkdir -p "$CLUSTER_DIR"
    own_dir "$CLUSTER_DIR"
    if [[ -n "$(ls -A "$CLUSTER_DIR")" ]]; then
        die "$CLUSTER_DIR is not empty and holds no PostgreSQL cluster (no PG_VERSION); remove it or choose another folder"
    fi
    # The server refuses a data directory others can enter; initdb fixes the mode of the folder
    # it is given, pg_basebackup keeps it.
    chmod 700 "$CLUSTER_DIR"
}

init_cluster() {
    local fast="$1"
    local -a extra=()
    # Quieter output where supported (PostgreSQL 14+); no fsync of a throwaway cluster.
    if "$BINDIR/initdb" --help 2>/dev/null | grep -q -- --no-instructions; then
        extra+=(--no-instructions)
    fi
    [[ "$fast" == true ]] && extra+=(--no-sync)
    prepare_empty_cluster_dir
    log "initialising a new cluster in $CLUSTER_DIR"
    as_owner "$BINDIR/initdb" -D "$CLUSTER_DIR" -A trust -U postgres --encoding=UTF8 --locale=C "${extra[@]}" >&2
}

# Creates DATADIR, takes its lock and sets CLUSTER_DIR (choosing it when there is no cluster yet).
open_cluster() {
    mkdir -p "$DATADIR"
    lock_datadir
    locate_cluster
    if ! is_initialised && [[ ! -f "$DATADIR/$POINTER_FILE" ]]; then
        choose_new_cluster_dir
    fi
}

# For a cluster that is already running: waits until it is ready and prints its connection string.
report_running() {
    local socket_dir
    socket_dir="$(running_socket_dir)"
    [[ -n "$socket_dir" ]] || die "cluster in $CLUSTER_DIR is running but postmaster.pid names no socket directory"
    log "already running: $CLUSTER_DIR"
    wait_until_ready "$socket_dir"
    connection_string "$socket_dir"
}

# Starts the initialised cluster in CLUSTER_DIR on its private socket and waits until it accepts
# connections (read-only ones, for a standby). Sets SOCKET_DIR.
start_server() {
    local fast="$1"
    if $IS_ROOT; then
        # A cluster copied or created by another user must belong to postgres to start.
        if [[ "$(stat -c %U "$CLUSTER_DIR")" != postgres ]]; then
            chown -R postgres:postgres "$CLUSTER_DIR"
        fi
    fi
    prepare_socket_dir

    # listen_addresses='' turns TCP off entirely; the socket directory is private. A standby gets
    # the same options: it refuses to start with a max_connections below its primary's.
    local opts="-c listen_addresses='' -c unix_socket_directories=$SOCKET_DIR -c port=$PORT -c max_connections=200"
    if [[ "$fast" == true ]]; then
        # Throwaway test clusters only: a crash may lose or corrupt data.
        opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi

    log "starting PostgreSQL in $CLUSTER_DIR (socket in $SOCKET_DIR, log in $CLUSTER_DIR/$LOG_NAME)"
    if ! as_owner "$BINDIR/pg_ctl" start -D "$CLUSTER_DIR" -l "$CLUSTER_DIR/$LOG_NAME" -o "$opts" -w -t "$READY_TIMEOUT" >&2; then
        log "error: pg_ctl could not start PostgreSQL in $CLUSTER_DIR"
        show_log_tail
        exit 1
    fi
    wait_until_ready "$SOCKET_DIR"
}

cmd_start() {
    local fast="$1"

    open_cluster
    if is_running; then
        report_running
        return 0
    fi
    if ! is_initialised; then
        init_cluster "$fast"
    fi
    start_server "$fast"
    connection_string "$SOCKET_DIR"
}

# One query as the superuser on the cluster listening in the given socket directory; prints the
# unaligned, header-less result.
run_sql() {
    local socket_dir="$1" sql="$2" psql
    psql="$(client_program psql)"
    PGCONNECT_TIMEOUT=10 timeout "$READY_TIMEOUT" \
        "$psql" -X -A -t -q -w -h "$socket_dir" -p "$PORT" -U postgres -d postgres -c "$sql"
}

# The socket directory of the running cluster for the given DATADIR. DATADIR and CLUSTER_DIR are
# local here, so the functions called see the primary's while the standby's stay untouched (bash
# scopes dynamically). The primary is not locked: holding its lock through the copy would only
# delay its stop, and a primary that stops meanwhile makes pg_basebackup fail, which is reported.
primary_socket_dir() {
    local DATADIR="$1" CLUSTER_DIR="" socket_dir
    [[ -d "$DATADIR" ]] || die "no primary cluster at $DATADIR"
    locate_cluster
    is_running || die "the primary cluster for $DATADIR is not running; start it first"
    socket_dir="$(running_socket_dir)"
    [[ -n "$socket_dir" ]] || die "the primary in $CLUSTER_DIR is running but postmaster.pid names no socket directory"
    printf '%s\n' "$socket_dir"
}

# A standby needs WAL fit for replicas and a free WAL sender on its primary. initdb's defaults
# (wal_level=replica, max_wal_senders=10, and with -A trust a `local replication all trust`
# line in pg_hba.conf) give all of it, so `start` sets nothing; a changed configuration fails
# here with a plain message rather than as a pg_basebackup error. pg_hba.conf is left to
# pg_basebackup, whose refusal names it.
check_primary() {
    local socket_dir="$1" settings wal_level senders
    settings="$(run_sql "$socket_dir" "SELECT current_setting('wal_level') || ' ' || current_setting('max_wal_senders')")" ||
        die "cannot query the primary on $socket_dir"
    read -r wal_level senders <<<"$settings"
    [[ "$wal_level" == replica || "$wal_level" == logical ]] ||
        die "the primary runs with wal_level=$wal_level; a standby needs replica (the default) or logical"
    ((senders > 0)) || die "the primary runs with max_wal_senders=$senders; a standby needs at least one WAL sender"
}

# Fills the empty CLUSTER_DIR with a copy of the running primary that starts as its standby.
clone_primary() {
    local primary_socket="$1" fast="$2" pg_basebackup
    local -a extra=()
    check_primary "$primary_socket"
    pg_basebackup="$(client_program pg_basebackup)"
    [[ "$fast" == true ]] && extra+=(--no-sync)
    prepare_empty_cluster_dir

    # -R writes standby.signal and primary_conninfo (host=the primary's socket directory) into
    # the copy; -X stream brings the WAL written during the copy; -c fast checkpoints at once
    # instead of spreading the checkpoint out. No replication slot: it would outlive a destroyed
    # standby and keep the primary's WAL forever.
    log "copying the primary on $primary_socket into $CLUSTER_DIR (pg_basebackup -R);"
    log "note: a warning about skipping the special file of the primary's socket is expected"
    if ! as_owner timeout "$BACKUP_TIMEOUT" "$pg_basebackup" -D "$CLUSTER_DIR" -h "$primary_socket" -p "$PORT" \
        -U postgres -w -X stream -c fast -R "${extra[@]}" >&2; then
        die "pg_basebackup from $primary_socket failed or took over ${BACKUP_TIMEOUT}s (the primary's pg_hba.conf must allow local replication connections, as initdb's does)"
    fi
    # The copy carries two files of the primary's own: the lock file of its socket directory,
    # which names the primary's live postmaster and would stop the standby from using a socket
    # directory at that path, and its server log.
    rm -rf -- "${CLUSTER_DIR:?}/socket"
    rm -f -- "$CLUSTER_DIR/$LOG_NAME"
    # On by default since PostgreSQL 10; written down because read-only connections are the
    # point of this standby, and in the file so that a later `start` keeps it.
    printf '\n# pg-cluster.sh standby: accept read-only connections during recovery.\nhot_standby = on\n' \
        >>"$CLUSTER_DIR/postgresql.conf"
}

cmd_standby() {
    local primary_datadir="$1" fast="$2" primary_socket
    [[ "$primary_datadir" != "$DATADIR" ]] || die "a cluster cannot be a standby of itself"
    # Before anything is created for the standby, so that a missing primary leaves no litter.
    primary_socket="$(primary_socket_dir "$primary_datadir")"

    open_cluster
    if is_initialised; then
        # An existing standby keeps the primary_conninfo it was made with.
        [[ -f "$CLUSTER_DIR/standby.signal" ]] ||
            die "$CLUSTER_DIR holds a cluster that is not a standby; destroy it or choose another folder"
        if is_running; then
            report_running
            return 0
        fi
    else
        clone_primary "$primary_socket" "$fast"
    fi
    start_server "$fast"
    # pg_isready cannot tell a standby from a primary; a copy that came up promoted would take writes.
    [[ "$(run_sql "$SOCKET_DIR" 'SELECT pg_is_in_recovery()')" == t ]] ||
        die "the cluster in $CLUSTER_DIR started but is not in recovery (not a standby)"
    connection_string "$SOCKET_DIR"
}

cmd_stop() {
    [[ -d "$DATADIR" ]] || { log "no cluster at $DATADIR; nothing to stop"; return 0; }
    lock_datadir
    locate_cluster
    if ! is_running; then
        log "not running: $CLUSTER_DIR"
        return 0
    fi
    local socket_dir
    socket_dir="$(running_socket_dir)"
    as_owner "$BINDIR/pg_ctl" stop -D "$CLUSTER_DIR" -m fast -w -t 60 >&2
    # The /tmp socket directory is ours alone and empty once the server is gone.
    if [[ "$socket_dir" == /tmp/wc-pg-* ]]; then
        rmdir "$socket_dir" 2>/dev/null || true
    fi
}

cmd_destroy() {
    [[ -d "$DATADIR" ]] || { log "no cluster at $DATADIR; nothing to remove"; return 0; }
    cmd_stop
    # locate_cluster ran in cmd_stop; a fallback folder lives outside DATADIR. Only a folder
    # named like the ones this script creates is removed, whatever the pointer file says.
    if [[ "${CLUSTER_DIR:-}" == */webchats-pg-"$HASH" ]]; then
        log "removing $CLUSTER_DIR"
        rm -rf -- "$CLUSTER_DIR"
    fi
    log "removing $DATADIR"
    rm -rf -- "$DATADIR"
    if [[ -d "/tmp/wc-pg-$HASH" ]]; then
        rmdir "/tmp/wc-pg-$HASH" 2>/dev/null || true
    fi
}

cmd_status() {
    [[ -d "$DATADIR" ]] || { log "no cluster at $DATADIR"; exit 3; }
    locate_cluster
    if ! is_initialised; then
        log "no cluster initialised for $DATADIR"
        exit 3
    fi
    if ! is_running; then
        log "not running: $CLUSTER_DIR"
        exit 3
    fi
    log "running: $CLUSTER_DIR"
    connection_string "$(running_socket_dir)"
}

main() {
    [[ $# -ge 2 && -n "$2" ]] || usage
    local command="$1" datadir_arg="$2" primary_arg="" fast=false
    shift 2
    if [[ "$command" == standby ]]; then
        [[ $# -ge 1 && -n "$1" && "$1" != --* ]] || usage
        primary_arg="$1"
        shift
    fi
    while [[ $# -gt 0 ]]; do
        case "$1" in
            --fast) [[ "$command" == start || "$command" == standby ]] || usage; fast=true ;;
            *) usage ;;
        esac
        shift
    done

    DATADIR="$(realpath -m -- "$datadir_arg")"
    HASH="$(printf '%s' "$DATADIR" | sha256sum | cut -c1-12)"
    # Resolved before the cd below, like DATADIR; empty unless the command is standby.
    [[ -z "$primary_arg" ]] || primary_arg="$(realpath -m -- "$primary_arg")"
    BINDIR="$(PG_ENSURE_QUIET=1 bash "$ROOT/scripts/ensure-postgres.sh" | tail -n 1)"
    [[ -x "$BINDIR/pg_ctl" ]] || die "ensure-postgres.sh did not name a usable directory"
    # Server programs run as postgres, which may not be able to read the caller's directory.
    cd /

    case "$command" in
        start) cmd_start "$fast" ;;
        stop) cmd_stop ;;
        status) cmd_status ;;
        destroy) cmd_destroy ;;
        standby) cmd_standby "$primary_arg" "$fast" ;;
        *) usage ;;
    esac
}

main "$@"
