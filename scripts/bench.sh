#!/usr/bin/env bash
# `make bench` / `make soak`: the service under HTTP load next to its two floors, on a throwaway
# PostgreSQL of its own (docs/benchmarks.md explains the method and keeps the results).
#
#   scripts/bench.sh [bench]   service vs floor 1 (bench/Webchats.FloorApi) vs floor 2 (pgbench);
#                              the public configuration also vs nginx (its cached-read limit)
#   scripts/bench.sh soak      the service alone under a PUT/GET mix for BENCH_SOAK_SECONDS,
#                              sampling its RSS, to show there is no growth
#   scripts/bench.sh serve     set everything up, print the URLs, pids and the token file, and
#                              wait BENCH_SERVE_SECONDS (for profiling by hand; Ctrl-C ends it)
#
# Settings (environment):
#   BENCH_WEBCHATS=10000 BENCH_ORGS=100      seeded webchats and organizations
#   BENCH_CONCURRENCY="1 8 32 128"           connections per point
#   BENCH_SLICES=4 BENCH_SLICE_SECONDS=2     per point with a floor 1: slices of service, floor 1,
#                                            service, floor 1, … (medians and ranges in the report)
#   BENCH_DURATION=6 BENCH_PGBENCH_DURATION=4 BENCH_WARMUP=3   seconds of a GET list point (one
#                                            run, no floor 1) / per pgbench point / warm-up per kind
#   BENCH_WARMUP_MAX=75                      cap of the first warm-up (until JIT and throughput settle)
#   BENCH_POOL=32                            Max Pool Size of the service and the floor
#   BENCH_DURABLE=0                          1: fsync and synchronous_commit on (default: off)
#   BENCH_RECORD=1                           0: do not append the results to docs/benchmarks.md
#   BENCH_SOAK_SECONDS=300 BENCH_SOAK_CONCURRENCY=32  BENCH_SERVE_SECONDS=1800
#   BENCH_KINDS="put noop get list public public304 publicrefused"   request kinds to measure
#                                            (bench/load/webchats.lua); BENCH_PGBENCH=0 skips floor 2
#   A/B experiments on the service only:
#   BENCH_SERVICE_CONNECTION_EXTRA="Max Auto Prepare=20"   appended to its connection string
#   BENCH_SERVICE_ARGS="--Webchats:PublicCache:Enabled=false"   extra configuration arguments
#   BENCH_SERVICE_ENV="DOTNET_gcServer=0"    extra environment variables
#
# Everything it starts (PostgreSQL, the two servers, nginx, wrk, pgbench) is stopped on exit; every
# wait has a deadline. Raw outputs stay in artifacts/bench/<UTC time>/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly MODE="${1:-bench}"
case "$MODE" in bench | soak | serve) ;; *) echo "usage: bench.sh [bench|soak|serve]" >&2; exit 2 ;; esac

readonly WEBCHATS="${BENCH_WEBCHATS:-10000}"
readonly ORGS="${BENCH_ORGS:-100}"
readonly CONCURRENCY="${BENCH_CONCURRENCY:-1 8 32 128}"
readonly SLICES="${BENCH_SLICES:-4}"
readonly SLICE_SECONDS="${BENCH_SLICE_SECONDS:-2}"
readonly DURATION="${BENCH_DURATION:-6}"
readonly PGBENCH_DURATION="${BENCH_PGBENCH_DURATION:-4}"
readonly WARMUP="${BENCH_WARMUP:-3}"
readonly WARMUP_MAX="${BENCH_WARMUP_MAX:-75}"
readonly POOL="${BENCH_POOL:-32}"
readonly DURABLE="${BENCH_DURABLE:-0}"
readonly RECORD="${BENCH_RECORD:-1}"
readonly SOAK_SECONDS="${BENCH_SOAK_SECONDS:-300}"
readonly SOAK_CONCURRENCY="${BENCH_SOAK_CONCURRENCY:-32}"
readonly SERVE_SECONDS="${BENCH_SERVE_SECONDS:-1800}"
readonly KINDS="${BENCH_KINDS:-put noop get list public public304 publicrefused}"
readonly RUN_PGBENCH="${BENCH_PGBENCH:-1}"
readonly SERVICE_CONNECTION_EXTRA="${BENCH_SERVICE_CONNECTION_EXTRA:-}"
read -r -a SERVICE_ARGS <<<"${BENCH_SERVICE_ARGS:-}"
read -r -a SERVICE_ENV <<<"${BENCH_SERVICE_ENV:-}"
readonly DATABASE=webchats_bench
readonly ISSUER=webchats-bench
readonly AUDIENCE=webchats-api
readonly USER_ID=c00000000000000000000001
readonly LUA="$ROOT/bench/load/webchats.lua"
# The public kinds' page origins: one that every seeded webchat allows (seed()), one none does.
readonly PUBLIC_ORIGIN=https://help.example.com
readonly REFUSED_ORIGIN=https://other.example
STARTED_AT="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
RESULTS="$ROOT/artifacts/bench/$(date -u +%Y%m%dT%H%M%SZ)-$MODE"
readonly STARTED_AT RESULTS
readonly START_SECONDS=$SECONDS

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

log() { printf 'bench: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

WORK=""
SERVICE_PID=""
FLOOR_PID=""
NGINX_MASTER_PID=""
CLUSTER=""

stop_process() {
    local pid="$1" name="$2" i
    [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
        sleep 0.1
    done
    log "$name (pid $pid) did not stop within 10 s; killing it"
    kill -9 "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_process "$SERVICE_PID" service
    stop_process "$FLOOR_PID" floor
    stop_process "$NGINX_MASTER_PID" nginx
    if [[ -n "$CLUSTER" ]]; then
        bash "$ROOT/scripts/pg-cluster.sh" destroy "$CLUSTER" >/dev/null 2>&1 || log "could not remove the cluster in $CLUSTER"
    fi
    [[ -n "$WORK" ]] && rm -rf -- "$WORK"
    [[ "${PROBE_DIR:-}" == /dev/shm/webchats-bench.* ]] && rm -rf -- "$PROBE_DIR"
    log "finished in $((SECONDS - START_SECONDS)) s (exit $status); raw outputs in ${RESULTS#"$ROOT"/}"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------------------------------------
# Tools

has_kind() { [[ " $KINDS " == *" $1 "* ]]; }
NGINX="$(command -v nginx || echo /usr/sbin/nginx)" # (in /usr/sbin, which a user's PATH may lack)

# wrk (the load generator) is required, and nginx when the public kind is measured; strace (round
# trips on the wire) is optional.
ensure_tools() {
    local -a missing=()
    local kind
    for kind in $KINDS; do
        case "$kind" in put | noop | get | list | public | public304 | publicrefused) ;; *) die "unknown kind in BENCH_KINDS: $kind" ;; esac
    done
    command -v wrk >/dev/null 2>&1 || missing+=(wrk)
    command -v strace >/dev/null 2>&1 || missing+=(strace)
    if has_kind public && [[ ! -x "$NGINX" ]]; then missing+=(nginx); fi
    ((${#missing[@]} == 0)) && return 0
    if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
        log "installing ${missing[*]} from Debian's packages"
        export DEBIAN_FRONTEND=noninteractive
        apt-get install -y --no-install-recommends "${missing[@]}" >&2 ||
            { apt-get update >&2 && apt-get install -y --no-install-recommends "${missing[@]}" >&2; } || true
    fi
    command -v wrk >/dev/null 2>&1 || die "wrk is missing; install it (Debian: sudo apt-get install -y wrk)"
    command -v strace >/dev/null 2>&1 || log "strace is missing: round trips per request will not be counted"
    if has_kind public && [[ ! -x "$NGINX" ]]; then
        die "nginx is missing (the cached-read limit of the public kind); install it (Debian: sudo apt-get install -y nginx)"
    fi
}

client_program() {
    if [[ -x "$BINDIR/$1" ]]; then printf '%s\n' "$BINDIR/$1"; else command -v "$1" || die "$1 not found"; fi
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL

psql_db() { "$PSQL" -h "$SOCKET_DIR" -p "$PG_PORT" -U postgres -d "$1" -XAtq -v ON_ERROR_STOP=1 "${@:2}"; }

start_cluster() {
    local -a fast=(--fast)
    [[ "$DURABLE" == 1 ]] && fast=()
    CLUSTER="$WORK/pg"
    local connection
    connection="$(bash "$ROOT/scripts/pg-cluster.sh" start "$CLUSTER" "${fast[@]}" | tail -n 1)"
    SOCKET_DIR="$(sed -n 's/^Host=\([^;]*\);.*/\1/p' <<<"$connection")"
    PG_PORT="$(sed -n 's/.*;Port=\([0-9]*\);.*/\1/p' <<<"$connection")"
    [[ -n "$SOCKET_DIR" && -n "$PG_PORT" ]] || die "unexpected connection string: $connection"

    # pg_stat_statements counts the statements (round trips) of each request; it must be preloaded.
    # (Its track_utility is on by default, so the session resets Npgsql sends are counted too.)
    psql_db postgres -c "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
    bash "$ROOT/scripts/pg-cluster.sh" stop "$CLUSTER" >/dev/null
    bash "$ROOT/scripts/pg-cluster.sh" start "$CLUSTER" "${fast[@]}" >/dev/null
    psql_db postgres -c "CREATE DATABASE $DATABASE"
    psql_db "$DATABASE" -c "CREATE EXTENSION pg_stat_statements"
    CONNECTION="Host=$SOCKET_DIR;Port=$PG_PORT;Username=postgres;Database=$DATABASE;Maximum Pool Size=$POOL"
}

# Every webchat is live and enabled with allowed_domains holding PUBLIC_ORIGIN (and not
# REFUSED_ORIGIN), which the public kinds rely on; the documents carry no icon.
seed() {
    log "seeding $WEBCHATS webchats over $ORGS organizations"
    psql_db "$DATABASE" -v webchats="$WEBCHATS" -v orgs="$ORGS" -v user_id="$USER_ID" >/dev/null <<'SQL'
INSERT INTO webchats (id, organization_id, user_id, created_by, updated_by, created_at, updated_at, deleted_at,
    name, description, starter_message, background_color, primary_color, secondary_color, header_text_color,
    status_text_color, timestamp_color, csat_background_color, csat_text_color, icon_key, status_text,
    csat_thank_you_message, prompt_id, allowed_domains, pipeline_id, pipeline_stage, initial_stage,
    is_autopilot, is_enabled, position, offset_x, offset_y, z_index)
SELECT '6' || lpad(to_hex(i), 23, '0'), 'a' || lpad(to_hex(i % :orgs), 23, '0'), :'user_id', :'user_id', :'user_id',
    timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second', timestamptz '2026-01-01 00:00:00+00' + i * interval '1 second', NULL,
    'Widget ' || i, 'Benchmark webchat number ' || i, 'Hi! Looking for help today?', '#FFFFFF', '#1F2937', '#3B82F6', '#FFFFFF',
    '#D1D5DB', '#9CA3AF', '#F3F4F6', '#111827', NULL, 'We reply in a few minutes',
    'Thank you for your feedback!', NULL, '["https://example.com", "https://help.example.com"]'::jsonb, NULL, NULL, NULL,
    false, true, 'bottom-right', 24, 24, 9999
FROM generate_series(1, :webchats) AS i;
VACUUM ANALYZE webchats;
SQL
}

# "<statements> <session resets>" executed in the benchmark database since the last reset.
# Npgsql sends a pooled connection's reset (DISCARD ALL, or CLOSE ALL/UNLISTEN/... when it keeps
# prepared statements) in the same write as the next command: reported apart from the rest.
sql_reset() { psql_db "$DATABASE" -c "SELECT pg_stat_statements_reset()" >/dev/null; }
sql_counts() {
    psql_db "$DATABASE" -F ' ' -c "
        SELECT coalesce(sum(calls), 0),
               coalesce(sum(calls) FILTER (WHERE query ~* '^\s*(DISCARD|CLOSE ALL|UNLISTEN|RESET|SELECT pg_advisory_unlock_all|SET SESSION AUTHORIZATION)'), 0)
        FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = '$DATABASE' AND s.query !~* 'pg_stat_statements'"
}
sql_top() {
    psql_db "$DATABASE" -F ' | ' -c "
        SELECT calls, left(regexp_replace(query, '\s+', ' ', 'g'), 400)
        FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = '$DATABASE' AND s.query !~* 'pg_stat_statements'
        ORDER BY calls DESC LIMIT 8"
}

# ---------------------------------------------------------------------------------------------
# Servers

build() {
    log "publishing the service, the floor endpoint and the probe (Release)"
    local project
    for project in src/Api/Webchats.Api.csproj bench/Webchats.FloorApi/Webchats.FloorApi.csproj bench/Webchats.BenchProbe/Webchats.BenchProbe.csproj; do
        local name
        name="$(basename "$project" .csproj)"
        dotnet publish "$ROOT/$project" -c Release -o "$WORK/bin/$name" -v q -nologo --tl:off >"$WORK/publish-$name.log" 2>&1 ||
            { tail -n 30 "$WORK/publish-$name.log" >&2; die "dotnet publish $project failed"; }
    done
}

# Starts a server on a free loopback port (Kestrel picks it) and waits until it answers.
# Sets <VAR>_PID, <VAR>_URL, <VAR>_PROBE.
start_server() {
    local var="$1" dll="$2" health="$3"
    local out="$RESULTS/$var.log" probe="$PROBE_DIR/$var.probe" connection="$CONNECTION"
    local -a extra_args=() extra_env=()
    if [[ "$var" == SERVICE ]]; then
        [[ -n "$SERVICE_CONNECTION_EXTRA" ]] && connection="$CONNECTION;$SERVICE_CONNECTION_EXTRA"
        # The rate limiter counts every request as in production but never refuses one: all of the
        # load comes from 127.0.0.1, one anonymous bucket (600 a minute by default) for the public
        # kinds, and a small BENCH_ORGS puts thousands a minute on one organization. BENCH_SERVICE_ARGS
        # come after, so they can set these too.
        extra_args=(--Webchats:RateLimiting:PermitsPerMinute=2000000000 --Webchats:RateLimiting:AnonymousPermitsPerMinute=2000000000
            "${SERVICE_ARGS[@]}")
        extra_env=("${SERVICE_ENV[@]}")
    fi
    # A Production start with the HS256 key configured; logging at Warning except the one line
    # that tells the port; the probe (a startup hook) publishes the runtime's counters.
    # From its publish folder, as a deployment runs it: the content root (and so the watcher of
    # appsettings*.json) is that folder, not the checkout, where builds keep changing files.
    (cd "$(dirname "$dll")" && exec env ASPNETCORE_ENVIRONMENT=Production \
        DOTNET_STARTUP_HOOKS="$WORK/bin/Webchats.BenchProbe/Webchats.BenchProbe.dll" \
        WEBCHATS_BENCH_PROBE_FILE="$probe" \
        ConnectionStrings__Webchats="$connection" \
        Webchats__Auth__SigningKey="$SIGNING_KEY" Webchats__Auth__Issuer="$ISSUER" Webchats__Auth__Audience="$AUDIENCE" \
        Webchats__DataDirectory="$WORK/data" Webchats__PublicBaseUrl="http://127.0.0.1" \
        "${extra_env[@]}" dotnet "$dll" --urls "http://127.0.0.1:0" \
        --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.AspNetCore.HttpLogging=Warning \
        --Logging:LogLevel:Microsoft.Hosting.Lifetime=Information --Logging:Console:FormatterName=simple \
        "${extra_args[@]}") >"$out" 2>&1 &
    local pid=$!
    printf -v "${var}_PID" '%s' "$pid"
    printf -v "${var}_PROBE" '%s' "$probe"
    local deadline=$((SECONDS + 90)) url=""
    while [[ -z "$url" ]]; do
        kill -0 "$pid" 2>/dev/null || { tail -n 40 "$out" >&2; die "$var exited during start"; }
        ((SECONDS < deadline)) || { tail -n 40 "$out" >&2; die "$var did not start listening within 90 s"; }
        url="$(grep -o 'Now listening on: http://127\.0\.0\.1:[0-9]*' "$out" | head -n 1 | sed 's/Now listening on: //')" || true
        [[ -n "$url" ]] || sleep 0.2
    done
    until curl -fsS -o /dev/null "$url$health"; do
        ((SECONDS < deadline)) || die "$var did not answer $health within 90 s"
        sleep 0.2
    done
    printf -v "${var}_URL" '%s' "$url"
    log "$var: $url (pid $pid)"
}

# The public documents as the service answers them for PUBLIC_ORIGIN, fetched just before a public
# kind runs (PUTs, the warm-ups' mix included, change documents and so their ETags), by one curl
# over one connection: public-etags.txt (line i is webchat i's ETag, for public304) and, for nginx,
# each document's bytes in nginx/html/api/public/webchats/<id> with its ETag in nginx/etags.map.
fetch_public() {
    local dir="$WORK/nginx/html/api/public/webchats" config="$WORK/public-curl.txt" out="$WORK/public-fetch.txt" started=$SECONDS
    rm -rf "$dir" && mkdir -p "$dir"
    awk -v n="$WEBCHATS" -v url="$SERVICE_URL/api/public/webchats/" -v dir="$dir" 'BEGIN {
        for (i = 1; i <= n; i++) { id = sprintf("6%023x", i); printf "url = \"%s%s\"\noutput = \"%s/%s\"\n", url, id, dir, id }
    }' >"$config"
    timeout 300 curl -sS --config "$config" -H "Origin: $PUBLIC_ORIGIN" \
        -w '%{http_code} %header{etag} %header{access-control-allow-origin}\n' >"$out" || die "fetching the public documents failed"
    awk -v n="$WEBCHATS" -v origin="$PUBLIC_ORIGIN" '$1 != 200 || $2 !~ /^"[0-9a-f]+"$/ || $3 != origin { bad++ } END { exit !(NR == n && bad == 0) }' "$out" ||
        die "the public documents were not all 200 with an ETag and Access-Control-Allow-Origin: $PUBLIC_ORIGIN ($(sort "$out" | uniq -c | sort -rn | head -n 3))"
    cut -d' ' -f2 "$out" >"$WORK/public-etags.txt"
    awk '{ printf "/api/public/webchats/6%023x \x27%s\x27;\n", NR, $2 }' "$out" >"$WORK/nginx/etags.map"
    log "fetched the $WEBCHATS public documents and their ETags (Origin: $PUBLIC_ORIGIN) in $((SECONDS - started)) s"
}

# Answers of one server to the first public document for PUBLIC_ORIGIN: public-VAR.body, public-VAR.headers
# (as sent, without CRs) and public-VAR.kept (the status line and the headers, names in lower case,
# sorted), leaving out those that belong to one answer or one server rather than to the document:
# date, length and framing, connection, server, nginx's Last-Modified and Accept-Ranges, RateLimit-*.
public_answer() { # VAR
    local url_var="${1}_URL" file="$WORK/public-$1"
    curl -sS -H "Origin: $PUBLIC_ORIGIN" -D "$file.raw" -o "$file.body" "${!url_var}/api/public/webchats/$(printf '6%023x' 1)"
    tr -d '\r' <"$file.raw" | sed '/^$/d' >"$file.headers"
    awk -F': ' '{ $1 = tolower($1) } NR == 1 || $1 !~ /^(date|content-length|transfer-encoding|connection|keep-alive|server|last-modified|accept-ranges|ratelimit-.*)$/' OFS=': ' \
        "$file.headers" | sort >"$file.kept"
}

# The cached-read limit of the public kind: nginx with one worker on a free loopback port, serving
# fetch_public's bytes from files (open file cache, sendfile) with the headers of the service's
# answer (public_answer: ETag from etags.map, Content-Type as default_type; nginx's own ETag and
# charset off); no access log. daemon off: it is this script's child, stopped on exit. NGINX_PID is
# the worker, whose CPU and RSS are measured; NGINX_PROBE is empty.
start_nginx() {
    local dir="$WORK/nginx" attempt port pid="" deadline headers
    stop_process "$NGINX_MASTER_PID" nginx # a second public kind: new documents
    mkdir -p "$dir/temp"
    public_answer SERVICE
    grep -q '[$\\]' "$WORK/public-SERVICE.headers" && die "a header of the service's public answer holds a \$ or a backslash, which nginx would read otherwise"
    headers="$(awk -F': ' 'NR > 1 && tolower($1) !~ /^(date|content-length|transfer-encoding|connection|keep-alive|server|ratelimit-.*|content-type|etag)$/ {
        value = substr($0, length($1) + 3); gsub(/"/, "\\\"", value)
        printf "            add_header %s \"%s\";\n", $1, value }' "$WORK/public-SERVICE.headers")"
    for ((attempt = 1; attempt <= 20; attempt++)); do
        port=$((20000 + RANDOM % 40000))
        cat >"$dir/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    server_tokens off;
    client_body_temp_path $dir/temp/body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    types { }
    default_type "application/json; charset=utf-8";
    charset off;
    etag off;
    sendfile on;
    open_file_cache max=$((WEBCHATS + 16)) inactive=1h;
    open_file_cache_valid 1h;
    keepalive_timeout 75s;
    keepalive_requests 1000000000;
    map_hash_max_size $((WEBCHATS * 2 + 64));
    map_hash_bucket_size 128;
    map \$uri \$webchat_etag { include $dir/etags.map; }
    server {
        listen 127.0.0.1:$port;
        root $dir/html;
        location /api/public/webchats/ {
$headers
            add_header ETag \$webchat_etag;
        }
    }
}
EOF
        rm -f "$dir/nginx.pid" "$dir/error.log"
        "$NGINX" -p "$dir" -c "$dir/nginx.conf" -e "$dir/error.log" >>"$RESULTS/NGINX.log" 2>&1 &
        pid=$!
        deadline=$((SECONDS + 10))
        # nginx writes its pid file once the port is bound; a port in use ends it.
        while [[ ! -s "$dir/nginx.pid" ]] && kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.1; done
        [[ -s "$dir/nginx.pid" ]] && kill -0 "$pid" 2>/dev/null && break
        stop_process "$pid" nginx
        pid=""
        grep -q 'Address already in use' "$dir/error.log" 2>/dev/null || { cat "$dir/error.log" "$RESULTS/NGINX.log" >&2; die "nginx did not start"; }
    done
    [[ -n "$pid" ]] || die "nginx found no free port in 20 attempts"
    NGINX_MASTER_PID="$pid"
    NGINX_URL="http://127.0.0.1:$port"
    # shellcheck disable=SC2034 # read as ${VAR}_PROBE by measure_http: none
    NGINX_PROBE=""
    until NGINX_PID="$(pgrep -P "$pid" | head -n 1)" && [[ -n "$NGINX_PID" ]]; do
        ((SECONDS < deadline)) || die "nginx started no worker within 10 s"
        sleep 0.1
    done
    # The same bytes and headers as the service's, or its row would not be the same answer.
    public_answer NGINX
    if ! cmp -s "$WORK/public-SERVICE.body" "$WORK/public-NGINX.body" || ! cmp -s "$WORK/public-SERVICE.kept" "$WORK/public-NGINX.kept"; then
        diff "$WORK/public-SERVICE.kept" "$WORK/public-NGINX.kept" >&2 || true
        die "nginx does not answer what the service does"
    fi
    cp "$dir/nginx.conf" "$RESULTS/nginx.conf"
    log "NGINX: $NGINX_URL (pid $NGINX_MASTER_PID, worker $NGINX_PID; $("$NGINX" -v 2>&1 | sed 's/^nginx version: //'))"
}

probe_value() { sed -n "s/.*\b$2=\([0-9]*\).*/\1/p" "$1" 2>/dev/null || true; }
# Waits (at most 3 s) until the probe has written twice more: its line then describes this moment.
probe_fresh() {
    local start i now
    [[ -n "$1" ]] || return 0 # nginx has no probe
    start="$(probe_value "$1" seq)"
    for ((i = 0; i < 60; i++)); do
        now="$(probe_value "$1" seq)"
        [[ -n "$start" && -n "$now" ]] && ((now >= start + 2)) && return 0
        sleep 0.05
    done
    log "warning: the probe in $1 did not update within 3 s"
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# CPU ticks of the benchmark's PostgreSQL, as "pid ticks" lines: the postmaster and its children
# (backends, WAL writer, autovacuum…). pg_cpu_delta sums the growth of the processes seen at the
# end (a process that exited in between took its ticks with it, so it is left out).
pg_cpu_snapshot() {
    local postmaster pid ticks
    postmaster="$(head -n 1 "$CLUSTER/postmaster.pid" 2>/dev/null)" || return 0
    for pid in "$postmaster" $(pgrep -P "$postmaster"); do
        if ticks="$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null)"; then
            printf '%s %s\n' "$pid" "$ticks"
        fi
    done
    return 0
}
pg_cpu_delta() { # before-file after-file
    awk 'NR == FNR { before[$1] = $2; next } { total += $2 - (($1 in before) ? before[$1] : 0) } END { print total + 0 }' "$1" "$2"
}
rss_kb() { awk -v key="$2:" '$1 == key { print $2 }' "/proc/$1/status"; }

# ---------------------------------------------------------------------------------------------
# Tokens: HS256 JWTs of a random per-run key, one per organization (what `make token` makes).

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

make_tokens() {
    local key_file="$WORK/signing.key" hex header payload signature now org
    openssl rand 32 >"$key_file"
    SIGNING_KEY="$(base64 -w0 "$key_file")"
    hex="$(od -An -tx1 -v "$key_file" | tr -d ' \n')"
    header="$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)"
    now="$(date +%s)"
    TOKENS="$WORK/tokens.txt"
    : >"$TOKENS"
    for ((org = 0; org < ORGS; org++)); do
        payload="$(printf '{"sub":"%s","org":"a%023x","scope":"webchats:read webchats:write","iss":"%s","aud":"%s","nbf":%d,"iat":%d,"exp":%d}' \
            "$USER_ID" "$org" "$ISSUER" "$AUDIENCE" "$((now - 60))" "$((now - 60))" "$((now + 86400))" | b64url)"
        signature="$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$hex" -binary | b64url)"
        printf '%s.%s.%s\n' "$header" "$payload" "$signature" >>"$TOKENS"
    done
}

# ---------------------------------------------------------------------------------------------
# Measuring

# One line per measured point in results.tsv:
# kind target mode c requests seconds rps p50_ms p99_ms errors alloc_per_req cpu_us_per_req sql_per_req rt_per_req rss_mb db_cpu_us_per_req
readonly TSV_HEADER="kind	target	mode	c	requests	seconds	rps	p50_ms	p99_ms	errors	alloc_b_per_req	cpu_us_per_req	sql_per_req	rt_per_req	rss_mb	db_cpu_us_per_req"
# The same per slice of an HTTP point in slices.tsv, with the slice's number after c.
readonly SLICE_HEADER="kind	target	mode	c	slice	requests	seconds	rps	p50_ms	p99_ms	errors	alloc_b_per_req	cpu_us_per_req	sql_per_req	rt_per_req	rss_mb	db_cpu_us_per_req"

wrk_field() { sed -n "s/.*\b$2=\([0-9]*\).*/\1/p" "$1" | head -n 1; }

# What a server is sent for a request kind: floor 1 has no public endpoint, so it answers the public
# kinds with its GET of the same rows (token, the SELECT, the document): the raw cost of reading them.
load_mode() { # VAR mode
    if [[ "$1" == FLOOR && "$2" == public* ]]; then echo get; else echo "$2"; fi
}

run_wrk() { # target mode c seconds output
    local url="$1" mode="$2" c="$3" seconds="$4" out="$5"
    local -a public=()
    case "$mode" in
        public) public=("$PUBLIC_ORIGIN") ;;
        public304) public=("$PUBLIC_ORIGIN" "$WORK/public-etags.txt") ;;
        publicrefused) public=("$REFUSED_ORIGIN") ;;
    esac
    timeout $((seconds + 30)) wrk -t1 -c"$c" -d"${seconds}s" --timeout 5s -s "$LUA" "$url" -- "$mode" "$WEBCHATS" "$ORGS" "$TOKENS" "${public[@]}" >"$out" 2>&1 ||
        { cat "$out" >&2; die "wrk failed ($mode c=$c on $url)"; }
    grep -q '^WRK_RESULT' "$out" || { cat "$out" >&2; die "wrk printed no result"; }
}

# Until the server is warm: 5 s rounds of the PUT/GET mix at c=32 until the JIT compiler is done
# (fewer than 100 methods compiled in a round, from the probe) and two rounds in a row are within
# 10% of each other; at least 3 rounds, at most BENCH_WARMUP_MAX seconds. Tiered compilation of the
# service's code competes with the load for the 2 cores, so a fixed short warm-up would measure
# half-compiled code (throughput plateaus for a while before it climbs). The rounds are kept in
# warmup-<VAR>.txt.
warm_until_steady() { # VAR
    local var="$1" url_var="${1}_URL" probe_var="${1}_PROBE" round=0 previous=0 rate jit jit_before out="$WORK/warmup.out"
    local file="$RESULTS/warmup-$var.txt"
    : >"$file"
    while ((round * 5 < WARMUP_MAX)); do
        round=$((round + 1))
        jit_before="$(probe_value "${!probe_var}" jit_methods)"
        run_wrk "${!url_var}" mix 32 5 "$out"
        probe_fresh "${!probe_var}"
        jit=$(($(probe_value "${!probe_var}" jit_methods) - ${jit_before:-0}))
        rate=$(($(wrk_field "$out" requests) / 5))
        printf 'round %d (%d s): %d req/s, %d methods compiled\n' "$round" $((round * 5)) "$rate" "$jit" >>"$file"
        if ((round >= 3 && previous > 0 && jit < 100)) && awk -v a="$rate" -v b="$previous" 'BEGIN { d = a - b; if (d < 0) d = -d; exit !(d <= 0.10 * a) }'; then
            break
        fi
        previous=$rate
    done
    log "$var warmed up in $((round * 5)) s: $(tr '\n' ';' <"$file")"
}

warm_up() { # VAR mode
    local var="$1" mode="$2" url
    url="${var}_URL"
    log "warming up $var $mode (${WARMUP} s)"
    run_wrk "${!url}" "$(load_mode "$var" "$mode")" 32 "$WARMUP" "$WORK/warmup.out"
}

# Round trips to PostgreSQL per request, counted on the wire: strace records the first bytes of
# every write of the server process during a short c=1 run; a write that starts with a
# PostgreSQL frontend message (type byte, then a length whose high byte is 0) is one round trip
# (Npgsql flushes a whole batch, BEGIN and a pooled connection's reset included, in one write).
# Background writes (e.g. a periodic flush) are measured the same way over an idle period right
# after and subtracted, so the figure is the request path's own. Prints nothing without strace.
pg_writes() { # trace-file
    awk 'match($0, /"[^"]*"/) { data = substr($0, RSTART + 1, RLENGTH - 2); if (data ~ /^[PBEQSDCHXFdcfp]\\0/) pg++ } END { print pg + 0 }' "$1"
}

trace_writes() { # pid trace-file command...: runs the command with strace attached; prints seconds traced
    local pid="$1" trace="$2" strace_pid started
    shift 2
    rm -f "$trace"
    strace -f -qq -e trace=write,writev,sendto,sendmsg -e signal=none -s 6 -o "$trace" -p "$pid" 2>/dev/null &
    strace_pid=$!
    started="$(date +%s.%N)"
    sleep 1
    kill -0 "$strace_pid" 2>/dev/null || return 1
    "$@"
    kill -INT "$strace_pid" 2>/dev/null || true
    wait "$strace_pid" 2>/dev/null || true
    awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.3f\n", b - a }'
}

count_round_trips() { # VAR mode
    local var="$1" mode="$2"
    local pid_var="${var}_PID" url_var="${var}_URL"
    local trace="$WORK/strace.txt" out="$WORK/strace-wrk.out" busy_seconds idle_seconds busy idle requests
    command -v strace >/dev/null 2>&1 || return 0
    busy_seconds="$(trace_writes "${!pid_var}" "$trace" run_wrk "${!url_var}" "$(load_mode "$var" "$mode")" 1 2 "$out")" || return 0
    busy="$(pg_writes "$trace")"
    idle_seconds="$(trace_writes "${!pid_var}" "$trace" sleep 2)" || return 0
    idle="$(pg_writes "$trace")"
    requests="$(wrk_field "$out" requests)"
    awk -v busy="$busy" -v idle="$idle" -v bs="$busy_seconds" -v is="$idle_seconds" -v n="$requests" \
        'BEGIN { if (n > 0 && is > 0) { v = (busy - idle * bs / is) / n; printf "%.2f\n", v < 0 ? 0 : v } }'
}

# One wrk run against one server: a slice of a point (a point with a floor 1 is measured in
# BENCH_SLICES slices per server, alternating service and floor 1 (and nginx), so all see the same
# moments of a machine whose load moves; aggregate_http then makes the point's line of results.tsv).
# nginx has no probe: no allocation figure; its SQL and PostgreSQL CPU are the idle database's.
measure_http() { # VAR target-name mode c seconds slice
    local var="$1" target="$2" mode="$3" c="$4" seconds="$5" slice="$6"
    local pid_var="${var}_PID" url_var="${var}_URL" probe_var="${var}_PROBE"
    local pid="${!pid_var}" url="${!url_var}" probe="${!probe_var}"
    local out="$RESULTS/wrk-$target-$mode-c$c-s$slice.txt"
    sql_reset
    probe_fresh "$probe" # the server is idle now; the probe rewrites its file every 100 ms
    local alloc0 cpu0 alloc1 cpu1
    alloc0="$(probe_value "$probe" allocated)"
    cpu0="$(cpu_ticks "$pid")"
    local db0=0 db1
    pg_cpu_snapshot >"$WORK/pg-cpu-before"
    run_wrk "$url" "$(load_mode "$var" "$mode")" "$c" "$seconds" "$out"
    pg_cpu_snapshot >"$WORK/pg-cpu-after"
    db1="$(pg_cpu_delta "$WORK/pg-cpu-before" "$WORK/pg-cpu-after")"
    probe_fresh "$probe"
    alloc1="$(probe_value "$probe" allocated)"
    cpu1="$(cpu_ticks "$pid")"
    local counts
    counts="$(sql_counts)"
    sql_top >"$RESULTS/sql-$target-$mode-c$c.txt" # (the point's last slice)
    local requests duration p50 p99 errors rss
    requests="$(wrk_field "$out" requests)"
    duration="$(wrk_field "$out" duration_us)"
    p50="$(wrk_field "$out" p50_us)"
    p99="$(wrk_field "$out" p99_us)"
    errors=$(($(wrk_field "$out" status_errors) + $(wrk_field "$out" connect_errors) + $(wrk_field "$out" read_errors) + $(wrk_field "$out" write_errors) + $(wrk_field "$out" timeouts)))
    rss="$(rss_kb "$pid" VmRSS)"
    awk -v kind=http -v target="$target" -v mode="$mode" -v c="$c" -v slice="$slice" -v n="$requests" -v us="$duration" -v p50="$p50" -v p99="$p99" \
        -v errors="$errors" -v a0="$alloc0" -v a1="$alloc1" -v t0="$cpu0" -v t1="$cpu1" -v counts="$counts" -v rss="$rss" -v tck="$(getconf CLK_TCK)" \
        -v rt="$RT_PER_REQ" -v d0="$db0" -v d1="$db1" 'BEGIN {
            split(counts, s, " ");
            if (n == 0) n = 1;
            printf "%s\t%s\t%s\t%d\t%d\t%d\t%.1f\t%.0f\t%.2f\t%.2f\t%d\t%s\t%.0f\t%.2f\t%s\t%.0f\t%.0f\n",
                kind, target, mode, c, slice, n, us / 1e6, n / (us / 1e6), p50 / 1000, p99 / 1000, errors,
                (a0 == "" || a1 == "") ? "" : sprintf("%.0f", (a1 - a0) / n), (t1 - t0) * 1e6 / tck / n, (s[1] - s[2]) / n, rt, rss / 1024, (d1 - d0) * 1e6 / tck / n
        }' >>"$RESULTS/slices.tsv"
    tail -n 1 "$RESULTS/slices.tsv" | awk -F'\t' '{ printf "bench: %-8s %-5s c=%-4s slice %s %8s req/s  p50 %6s ms  p99 %7s ms  errors %s  alloc %s B/req  sql %s/req\n", $2, $3, $4, $5, $8, $9, $10, $11, ($12 == "" ? "–" : $12), $14 }' >&2
}

# The point's line of results.tsv from its slices: req/s, p50 and p99 are the medians of the
# slices'; requests, seconds and errors their sums; the per-request figures (bytes, CPU,
# statements) are over all the point's requests; RSS is the last slice's.
aggregate_http() { # target-name mode c
    awk -F'\t' -v target="$1" -v mode="$2" -v c="$3" '
        function median(a, k,    i, j, v) {
            for (i = 2; i <= k; i++) { v = a[i]; for (j = i - 1; j >= 1 && a[j] > v; j--) a[j + 1] = a[j]; a[j + 1] = v }
            return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
        }
        $2 == target && $3 == mode && $4 == c {
            k++; rps[k] = $8; p50[k] = $9; p99[k] = $10
            n += $6; seconds += $7; errors += $11; rt = $15; rss = $16
            alloc += $12 * $6; cpu += $13 * $6; sql += $14 * $6; db += $17 * $6
            if ($12 == "") no_alloc = 1
        }
        END {
            if (k == 0) exit 1
            printf "http\t%s\t%s\t%d\t%d\t%.1f\t%.0f\t%.2f\t%.2f\t%d\t%s\t%.0f\t%.2f\t%s\t%.0f\t%.0f\n",
                target, mode, c, n, seconds, median(rps, k), median(p50, k), median(p99, k), errors,
                no_alloc ? "" : sprintf("%.0f", alloc / n), cpu / n, sql / n, rt, rss, db / n
        }' "$RESULTS/slices.tsv" >>"$RESULTS/results.tsv" || die "no slices of $1 $2 c=$3"
}

# A point with a floor 1: BENCH_SLICES rounds of slices, one per server in the order given (the
# service, floor 1, and nginx for the public kind); slice i of the service is paired with slice i
# of each other server, and the log shows the median ratio of the pairs and their range.
measure_pair() { # mode c VAR:target-name:round-trips... (the service's first)
    local mode="$1" c="$2" slice server var target rt ratios
    shift 2
    for ((slice = 1; slice <= SLICES; slice++)); do
        for server in "$@"; do
            IFS=: read -r var target rt <<<"$server"
            RT_PER_REQ="$rt" measure_http "$var" "$target" "$mode" "$c" "$SLICE_SECONDS" "$slice"
        done
    done
    for server in "$@"; do
        IFS=: read -r var target rt <<<"$server"
        aggregate_http "$target" "$mode" "$c"
        [[ "$var" == SERVICE ]] && continue
        ratios="$(pair_ratios "$mode" "$c" "$target")"
        [[ -n "$ratios" ]] || die "no slice pairs of $mode c=$c with $target"
        printf '%s\t%s\t%s\t%s\n' "$mode" "$c" "$target" "$ratios" >>"$RESULTS/pairs.tsv"
        awk -F'\t' -v mode="$mode" -v c="$c" -v other="$target" \
            '{ printf "bench: %-5s c=%-4s service / %s: req/s %s (%s–%s) over %s slice pairs, p99 %s\n", mode, c, other, $2, $3, $4, $1, $5 }' <<<"$ratios" >&2
    done
}

# "<pairs> <median> <min> <max> <median p99 ratio>" (tab-separated; pairs.tsv adds mode, c and the
# other server) of the service / other ratios of a point's slice pairs (slice i of the service with
# slice i of the other server: floor1 or nginx).
pair_ratios() { # mode c other-target-name
    awk -F'\t' -v mode="$1" -v c="$2" -v other="$3" '
        function median(a, k,    i, j, v) {
            for (i = 2; i <= k; i++) { v = a[i]; for (j = i - 1; j >= 1 && a[j] > v; j--) a[j + 1] = a[j]; a[j + 1] = v }
            return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
        }
        $3 == mode && $4 == c && $2 == "service" { rps_s[$5] = $8; p99_s[$5] = $10 }
        $3 == mode && $4 == c && $2 == other { rps_f[$5] = $8; p99_f[$5] = $10 }
        END {
            for (i in rps_s) if ((i in rps_f) && rps_f[i] > 0 && p99_f[i] > 0) { k++; r[k] = rps_s[i] / rps_f[i]; l[k] = p99_s[i] / p99_f[i] }
            if (k == 0) exit
            min = r[1]; max = r[1]; for (i = 2; i <= k; i++) { if (r[i] < min) min = r[i]; if (r[i] > max) max = r[i] }
            printf "%d\t%.2f\t%.2f\t%.2f\t%.2f\n", k, median(r, k), min, max, median(l, k)
        }' "$RESULTS/slices.tsv"
}

measure_pgbench() { # script-name mode-label c
    local script="$1" mode="$2" c="$3"
    local out="$RESULTS/pgbench-$mode-c$c.txt" logs="$WORK/pgbench-log" threads=1
    ((c > 1)) && threads=2
    rm -rf "$logs" && mkdir -p "$logs"
    sql_reset
    local db0=0 db1
    pg_cpu_snapshot >"$WORK/pg-cpu-before"
    (cd "$logs" && timeout $((PGBENCH_DURATION + 60)) "$PGBENCH" -n -M prepared -h "$SOCKET_DIR" -p "$PG_PORT" -U postgres \
        -c "$c" -j "$threads" -T "$PGBENCH_DURATION" -D webchats="$WEBCHATS" -D orgs="$ORGS" \
        -f "$ROOT/bench/load/$script" -l --log-prefix=tx "$DATABASE") >"$out" 2>&1 ||
        { cat "$out" >&2; die "pgbench failed ($script c=$c)"; }
    pg_cpu_snapshot >"$WORK/pg-cpu-after"
    db1="$(pg_cpu_delta "$WORK/pg-cpu-before" "$WORK/pg-cpu-after")"
    local counts processed failed aborted tps
    counts="$(sql_counts)"
    sql_top >"$RESULTS/sql-pgbench-$mode-c$c.txt"
    processed="$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$out")"
    failed="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$out")"
    aborted="$(grep -c 'aborted' "$out" || true)"
    tps="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)/\1/p' "$out")"
    [[ -n "$processed" && -n "$tps" ]] || { cat "$out" >&2; die "could not read pgbench's output"; }
    local sorted="$WORK/pgbench-latencies"
    cat "$logs"/tx.* | awk '{ print $3 }' | sort -n >"$sorted"
    local lines p50 p99
    lines="$(wc -l <"$sorted")"
    p50="$(sed -n "$(((lines * 50 + 99) / 100))p" "$sorted")"
    p99="$(sed -n "$(((lines * 99 + 99) / 100))p" "$sorted")"
    awk -v mode="$mode" -v c="$c" -v n="$processed" -v tps="$tps" -v p50="$p50" -v p99="$p99" -v errors="$((${failed:-0} + aborted))" \
        -v counts="$counts" -v seconds="$PGBENCH_DURATION" -v d0="$db0" -v d1="$db1" -v tck="$(getconf CLK_TCK)" 'BEGIN {
            split(counts, s, " ");
            if (n == 0) n = 1;
            # (No PostgreSQL CPU: pgbench'"'"'s backends exit with it, taking their CPU time along.)
            printf "pgbench\tfloor2\t%s\t%d\t%d\t%.1f\t%.0f\t%.2f\t%.2f\t%d\t\t\t%.2f\t%.2f\t\t\n",
                mode, c, n, seconds, tps, p50 / 1000, p99 / 1000, errors, (s[1] - s[2]) / n, (s[1] - s[2]) / n
        }' >>"$RESULTS/results.tsv"
    tail -n 1 "$RESULTS/results.tsv" | awk -F'\t' '{ printf "bench: %-8s %-5s c=%-4s %8s tx/s   p50 %6s ms  p99 %7s ms  errors %s  sql %s/tx\n", $2, $3, $4, $7, $8, $9, $10, $14 }' >&2
}

# ---------------------------------------------------------------------------------------------
# Report

machine_line() {
    local cpu cores mem kernel dotnet_version pg_version
    cpu="$(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)"
    cores="$(nproc)"
    mem="$(awk '/^MemTotal:/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
    kernel="$(uname -sr)"
    dotnet_version="$(dotnet --version 2>/dev/null || echo '?')"
    pg_version="$("$BINDIR/postgres" --version | sed 's/^postgres (PostgreSQL) //')"
    printf '%s cores (%s), %s RAM, %s; .NET SDK %s (runtime %s), PostgreSQL %s, wrk %s' \
        "$cores" "${cpu:-unknown CPU}" "$mem" "$kernel" "$dotnet_version" \
        "$(dotnet --list-runtimes | awk '/Microsoft.NETCore.App/ { v = $2 } END { print v }')" "$pg_version" \
        "$(dpkg-query -W -f='${Version}' wrk 2>/dev/null || echo '?')"
}

# Markdown of results.tsv: the table per request kind, the ratios with the targets, the summary.
report_bench() {
    local peak_service="$1" peak_floor="$2"
    awk -F'\t' -v peak_service="$peak_service" -v peak_floor="$peak_floor" '
        FILENAME ~ /pairs\.tsv$/ { k = $1 SUBSEP $2 SUBSEP $3; pairs[k] = $4; r_med[k] = $5; r_min[k] = $6; r_max[k] = $7; l_med[k] = $8; next }
        FNR == 1 { next }
        {
            key = $3 SUBSEP $4; seen_c[$4] = 1
            rps[$2, key] = $7; p50[$2, key] = $8; p99[$2, key] = $9; err[$2, key] = $10
            alloc[$2, key] = $11; cpu[$2, key] = $12; sql[$2, key] = $13; rt[$2, key] = $14; rss[$2, key] = $15; dbcpu[$2, key] = $16
            if (!(($2, $3) in row_seen)) { row_seen[$2, $3] = 1 }
            modes[$3] = 1; order[++n] = $2 SUBSEP $3 SUBSEP $4
        }
        function label(mode) {
            return mode == "put" ? "PUT one field" : mode == "noop" ? "PUT no-op" : mode == "get" ? "GET one" : mode == "list" ? "GET list" \
                : mode == "public" ? "GET public (200)" : mode == "public304" ? "GET public, If-None-Match (304)" : "GET public, refused origin (403)"
        }
        function server(target, mode) {
            if (target == "service") return "**service**"
            if (target == "floor1") return "floor 1 (raw Npgsql endpoint" (mode ~ /^public/ ? ": its GET, with a token" : "") ")"
            if (target == "nginx") return "nginx (cached-read limit)"
            return "floor 2 (pgbench" (mode == "noop" ? ", the SELECT" : "") ")"
        }
        function db_mode(mode) { return mode == "noop" ? "get" : mode }
        function fmt(v) { return v == "" ? "–" : v }
        function ratio(a, b) { return (a == "" || b == "" || b == 0) ? "–" : sprintf("%.2f", a / b) }
        # "median (min–max)" of the slice pairs of the service with another server, or "–".
        function spread(key, other) { return ((key, other) in pairs) ? sprintf("%s (%s–%s)", r_med[key, other], r_min[key, other], r_max[key, other]) : "–" }
        END {
            print "| request | c | server | req/s | p50 ms | p99 ms | errors | alloc B/req | server CPU µs/req | PostgreSQL CPU µs/req | SQL statements/req | round trips/req |"
            print "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
            mode_count = split("put noop get list public public304 publicrefused", mode_list, " ")
            target_count = split("service floor1 nginx floor2", targets, " ")
            for (m = 1; m <= mode_count; m++) {
                mode = mode_list[m]
                for (i = 1; i <= n; i++) {
                    split(order[i], parts, SUBSEP)
                    if (parts[2] != mode || parts[1] != "service") continue
                    c = parts[3]; key = mode SUBSEP c
                    for (t = 1; t <= target_count; t++) {
                        target = targets[t]; k = (target == "floor2") ? db_mode(mode) SUBSEP c : key
                        if (!((target, k) in rps)) continue
                        printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", label(mode), c, server(target, mode), rps[target, k], p50[target, k], p99[target, k], err[target, k], fmt(alloc[target, k]), fmt(cpu[target, k]), fmt(dbcpu[target, k]), fmt(sql[target, k]), fmt(rt[target, k])
                    }
                }
            }
            print ""
            print "| request | c | service / floor 1 (req/s): median (min–max) of the slice pairs | p99 service / floor 1 (median of the pairs) | service / floor 2 (req/s) | CPU per request (server + PostgreSQL), service / floor 1 | service / nginx, the cached-read limit (req/s): median (min–max); p99 | target |"
            print "|---|---:|---:|---:|---:|---:|---:|---|"
            for (m = 1; m <= mode_count; m++) {
                mode = mode_list[m]
                for (i = 1; i <= n; i++) {
                    split(order[i], parts, SUBSEP)
                    if (parts[2] != mode || parts[1] != "service") continue
                    c = parts[3]; key = mode SUBSEP c; dbk = db_mode(mode) SUBSEP c
                    r1 = ((key, "floor1") in pairs) ? r_med[key, "floor1"] : "–"
                    l1 = ((key, "floor1") in pairs) ? l_med[key, "floor1"] : "–"
                    limit = ((key, "nginx") in pairs) ? sprintf("%s; p99 %s", spread(key, "nginx"), l_med[key, "nginx"]) : "–"
                    r2 = ratio(rps["service", key], rps["floor2", dbk])
                    target = "–"
                    if (mode == "put" && r1 != "–") target = sprintf("≥ 0.85 and p99 ≤ 2×, 0 errors: %s", (r1 + 0 >= 0.85 && l1 + 0 <= 2 && err["service", key] == 0) ? "**met**" : "**missed**")
                    if (mode == "get" && r1 != "–") target = sprintf("≥ 0.75: %s", (r1 + 0 >= 0.75) ? "**met**" : "**missed**")
                    cr = ratio(cpu["service", key] + dbcpu["service", key], cpu["floor1", key] + dbcpu["floor1", key])
                    printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", label(mode), c, spread(key, "floor1"), l1, r2, cr, limit, target
                }
            }
            print ""
            printf "Peak RSS (VmHWM) over the whole run: service **%.0f MB** (target ≤ 300 MB: %s), floor 1 %.0f MB.\n", peak_service / 1024, (peak_service / 1024 <= 300 ? "met" : "missed"), peak_floor / 1024
        }' "$RESULTS/pairs.tsv" "$RESULTS/results.tsv"
}

write_docs() {
    local body="$1" title="$2"
    [[ "$RECORD" == 1 ]] || { log "BENCH_RECORD=0: docs/benchmarks.md left alone"; return 0; }
    {
        printf '\n### %s — %s\n\n' "$title" "$STARTED_AT"
        printf -- '- Command: `%s`\n' "$COMMAND_LINE"
        printf -- '- Machine: %s\n' "$(machine_line)"
        printf -- '- Settings: %s webchats over %s organizations; %s; Max Pool Size %s (service and floor 1); after a warm-up until steady (≤ %s s) and %s s per request kind, each HTTP point with a floor 1 in %s slices of %s s per server, service and floor 1 alternating (GET list: one %s s run), %s s per pgbench point; wrk 1 thread, pgbench -M prepared; the service'"'"'s rate limits raised out of reach (it counts, refuses nothing)\n' \
            "$WEBCHATS" "$ORGS" "$([[ "$DURABLE" == 1 ]] && echo 'durable PostgreSQL (fsync on)' || echo 'PostgreSQL with fsync and synchronous_commit off (scripts/pg-cluster.sh --fast)')" \
            "$POOL" "$WARMUP_MAX" "$WARMUP" "$SLICES" "$SLICE_SECONDS" "$DURATION" "$PGBENCH_DURATION"
        if [[ " $KINDS" == *" public"* ]]; then
            printf -- '- Public kinds: every webchat allows `Origin: %s`, `publicrefused` sends `%s`; floor 1 answers them with its GET of the same row (with a token)' \
                "$PUBLIC_ORIGIN" "$REFUSED_ORIGIN"
            has_kind public && printf -- '; `public` also against nginx %s (one worker) serving the service'"'"'s documents and headers from files, its slices alternating service, floor 1, nginx' \
                "$("$NGINX" -v 2>&1 | sed 's/^nginx version: nginx\///')"
            printf '\n'
        fi
        printf -- '- Load average of the machine at the end (other processes share its 2 cores): %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
        printf '\n%s\n' "$body"
    } >>"$ROOT/docs/benchmarks.md"
    log "appended the results to docs/benchmarks.md"
}

# ---------------------------------------------------------------------------------------------

main() {
    COMMAND_LINE="make $MODE"
    local setting
    for setting in BENCH_WEBCHATS BENCH_ORGS BENCH_CONCURRENCY BENCH_SLICES BENCH_SLICE_SECONDS BENCH_DURATION BENCH_PGBENCH_DURATION BENCH_WARMUP BENCH_POOL BENCH_DURABLE \
        BENCH_WARMUP_MAX BENCH_SOAK_SECONDS BENCH_SOAK_CONCURRENCY BENCH_KINDS BENCH_PGBENCH BENCH_SERVICE_CONNECTION_EXTRA BENCH_SERVICE_ARGS BENCH_SERVICE_ENV; do
        [[ -n "${!setting:-}" ]] && COMMAND_LINE="$setting=\"${!setting}\" $COMMAND_LINE"
    done

    ensure_tools
    bash "$ROOT/scripts/ensure-icu.sh"
    BINDIR="$(bash "$ROOT/scripts/ensure-postgres.sh" | tail -n 1)"
    PSQL="$(client_program psql)"
    PGBENCH="$(client_program pgbench)"
    mkdir -p "$RESULTS"
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/webchats-bench.XXXXXX")"
    chmod 755 "$WORK" # the postgres user keeps the cluster under it
    # The probes rewrite their file 10 times a second: on tmpfs when there is one.
    PROBE_DIR="$WORK"
    if [[ -d /dev/shm && -w /dev/shm ]]; then
        PROBE_DIR="$(mktemp -d /dev/shm/webchats-bench.XXXXXX)"
    fi
    printf '%s\n' "$TSV_HEADER" >"$RESULTS/results.tsv"
    printf '%s\n' "$SLICE_HEADER" >"$RESULTS/slices.tsv"
    : >"$RESULTS/pairs.tsv"

    build
    start_cluster
    make_tokens
    start_server SERVICE "$WORK/bin/Webchats.Api/Webchats.Api.dll" /health/ready # applies the migrations
    seed

    if [[ "$MODE" == soak ]]; then
        soak
        return
    fi

    start_server FLOOR "$WORK/bin/Webchats.FloorApi/Webchats.FloorApi.dll" /health/live
    if [[ "$MODE" == serve ]]; then
        serve
        return
    fi

    warm_until_steady SERVICE
    warm_until_steady FLOOR

    local mode c service_rt floor_rt=""
    local -a servers
    for mode in $KINDS; do
        [[ "$mode" == public || "$mode" == public304 ]] && fetch_public
        warm_up SERVICE "$mode"
        service_rt="$(count_round_trips SERVICE "$mode")"
        if [[ "$mode" != list ]]; then
            warm_up FLOOR "$mode"
            floor_rt="$(count_round_trips FLOOR "$mode")"
        fi
        servers=("SERVICE:service:$service_rt" "FLOOR:floor1:$floor_rt")
        if [[ "$mode" == public ]]; then # nginx talks to no database: no round trips
            start_nginx
            warm_up NGINX "$mode"
            servers+=("NGINX:nginx:")
        fi
        for c in $CONCURRENCY; do
            if [[ "$mode" == list ]]; then # no floor 1 to alternate with: one run
                RT_PER_REQ="$service_rt" measure_http SERVICE service "$mode" "$c" "$DURATION" 1
                aggregate_http service "$mode" "$c"
            else
                measure_pair "$mode" "$c" "${servers[@]}"
            fi
            [[ "$RUN_PGBENCH" == 1 ]] || continue
            case "$mode" in
                put) measure_pgbench put.sql put "$c" ;;
                get) measure_pgbench get.sql get "$c" ;;
                list) measure_pgbench list.sql list "$c" ;;
            esac
        done
    done

    local peak_service peak_floor report
    peak_service="$(rss_kb "$SERVICE_PID" VmHWM)"
    peak_floor="$(rss_kb "$FLOOR_PID" VmHWM)"
    report="$(report_bench "$peak_service" "$peak_floor")"
    printf '%s\n' "$report" >"$RESULTS/results.md"
    printf '\n%s\n\n' "$report"
    write_docs "$report" "make bench"
}

serve() {
    log "ready for profiling by hand; this ends in $SERVE_SECONDS s or with Ctrl-C"
    cat >&2 <<EOF
  service: $SERVICE_URL (pid $SERVICE_PID)
  floor 1: $FLOOR_URL (pid $FLOOR_PID)
  PostgreSQL: psql -h $SOCKET_DIR -p $PG_PORT -U postgres $DATABASE
  tokens (line j+1 = organization j): $TOKENS
  load: wrk -t1 -c32 -d10s -s $LUA $SERVICE_URL -- put $WEBCHATS $ORGS $TOKENS
  public: wrk -t1 -c32 -d10s -s $LUA $SERVICE_URL -- public $WEBCHATS $ORGS $TOKENS $PUBLIC_ORIGIN
EOF
    local deadline=$((SECONDS + SERVE_SECONDS))
    while ((SECONDS < deadline)) && kill -0 "$SERVICE_PID" 2>/dev/null; do
        sleep 5
    done
}

# The service alone under a PUT/GET mix: RSS every 10 s, then the growth between the end of the
# first minute (warm) and the end of the run.
soak() {
    local samples="$RESULTS/soak-rss.tsv" elapsed=0 wrk_pid
    warm_until_steady SERVICE
    log "soak: PUT/GET mix at c=$SOAK_CONCURRENCY for $SOAK_SECONDS s"
    printf 'seconds\trss_mb\tallocated_mb\tgen0\tgen1\tgen2\n' >"$samples"
    timeout $((SOAK_SECONDS + 30)) wrk -t1 -c"$SOAK_CONCURRENCY" -d"${SOAK_SECONDS}s" --timeout 5s -s "$LUA" "$SERVICE_URL" \
        -- mix "$WEBCHATS" "$ORGS" "$TOKENS" >"$RESULTS/wrk-soak.txt" 2>&1 &
    wrk_pid=$!
    while kill -0 "$wrk_pid" 2>/dev/null && ((elapsed <= SOAK_SECONDS + 30)); do
        printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$elapsed" "$(($(rss_kb "$SERVICE_PID" VmRSS) / 1024))" \
            "$(($(probe_value "$SERVICE_PROBE" allocated) / 1048576))" "$(probe_value "$SERVICE_PROBE" gen0)" \
            "$(probe_value "$SERVICE_PROBE" gen1)" "$(probe_value "$SERVICE_PROBE" gen2)" >>"$samples"
        sleep 10
        elapsed=$((elapsed + 10))
    done
    wait "$wrk_pid" || die "wrk failed during the soak"
    local out="$RESULTS/wrk-soak.txt" requests errors peak report
    requests="$(wrk_field "$out" requests)"
    errors=$(($(wrk_field "$out" status_errors) + $(wrk_field "$out" connect_errors) + $(wrk_field "$out" read_errors) + $(wrk_field "$out" write_errors) + $(wrk_field "$out" timeouts)))
    peak="$(($(rss_kb "$SERVICE_PID" VmHWM) / 1024))"
    report="$(awk -F'\t' -v requests="$requests" -v errors="$errors" -v peak="$peak" -v seconds="$SOAK_SECONDS" '
        NR == 1 { next }
        { t[++n] = $1; r[n] = $2; if ($1 <= 60) warm = $2; last = $2; if ($2 > max) max = $2 }
        END {
            printf "| seconds | RSS MB | allocated MB | gen0 | gen1 | gen2 |\n|---:|---:|---:|---:|---:|---:|\n"
            while ((getline line < FILENAME) > 0) { split(line, f, "\t"); if (f[1] != "seconds" && (f[1] % 60 == 0 || f[1] + 10 > seconds)) printf "| %s | %s | %s | %s | %s | %s |\n", f[1], f[2], f[3], f[4], f[5], f[6] }
            growth = warm > 0 ? (last - warm) * 100 / warm : 0
            printf "\n%d requests (%.0f req/s), %d errors. RSS after the first minute %d MB, at the end %d MB (%+.1f%%), highest sample %d MB, peak (VmHWM) %d MB.\n", requests, requests / seconds, errors, warm, last, growth, max, peak
            printf "Targets: peak ≤ 300 MB: %s; no growth (end within 10%% of minute 1): %s.\n", (peak <= 300 ? "**met**" : "**missed**"), (growth <= 10 ? "**met**" : "**missed**")
        }' "$samples")"
    printf '%s\n' "$report" >"$RESULTS/results.md"
    printf '\n%s\n\n' "$report"
    write_docs "$report" "make soak"
}

# On one line, so that bash has read all it will run before it runs it.
main; exit $?
