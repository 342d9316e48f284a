#!/usr/bin/env bash
# Sourced by the end-to-end test scripts (browser-tests.sh, client-tests.sh): starts the API,
# built in Release, on a free loopback port with a throwaway PostgreSQL cluster and the demo data,
# mints a dev token, and stops everything on exit. A failure outside the tests (build, start-up,
# a missing tool) is written to the caller's summary file as one failed test.
#
# The caller sets, before sourcing: LOG_PREFIX (its name in log lines), SUMMARY_FILE (where its
# "N passed, N failed, N skipped" line goes) and ARTIFACTS_DIR (the API's log goes there).
# Options (environment): SERVICE_NO_BUILD=1 skips the build (make test has just built the
# solution in Release).
# shellcheck shell=bash

readonly SERVICE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
readonly SERVICE_API_DIR="$SERVICE_ROOT/src/Api"
readonly SERVICE_API_DLL="$SERVICE_API_DIR/bin/Release/net10.0/Webchats.Api.dll"
# The demo organization and user (DemoDataSeeder).
readonly SERVICE_ORG=65a0e0e0e0e0e0e0e0e0e0e0
readonly SERVICE_USER_ID=65b1f0a2c3d4e5f6a7b8c9d0
readonly SERVICE_READY_TIMEOUT=60

log() { printf '%s: %s\n' "$LOG_PREFIX" "$*" >&2; }
die() { log "error: $*"; exit 1; }

SERVICE_WORK_DIR=""
SERVICE_PID=""
SERVICE_CLUSTER_STARTED=false
# The caller sets it once its summary already counts every failure (none to add on exit).
SUMMARY_IS_FINAL=false
# Set by start_service_under_test.
SERVICE_BASE_URL=""
SERVICE_TOKEN=""

# Counts of the tests that ran; a failure outside them (or a run that died) is one more failure.
write_summary_on_failure() {
    local passed=0 failed=0 skipped=0 line=""
    [[ -f "$SUMMARY_FILE" ]] && line="$(tail -n 1 "$SUMMARY_FILE")"
    if [[ "$line" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
        passed="${BASH_REMATCH[1]}" failed="${BASH_REMATCH[2]}" skipped="${BASH_REMATCH[3]}"
    fi
    ((failed > 0)) || failed=1
    mkdir -p "$(dirname "$SUMMARY_FILE")"
    printf '%s passed, %s failed, %s skipped\n' "$passed" "$failed" "$skipped" >"$SUMMARY_FILE"
}

stop_service_under_test() {
    local status=$?
    trap - EXIT INT TERM
    if [[ -n "$SERVICE_PID" ]] && kill -0 "$SERVICE_PID" 2>/dev/null; then
        kill -TERM "$SERVICE_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$SERVICE_PID" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$SERVICE_PID" 2>/dev/null || true
        wait "$SERVICE_PID" 2>/dev/null || true
    fi
    if $SERVICE_CLUSTER_STARTED; then
        bash "$SERVICE_ROOT/scripts/pg-cluster.sh" destroy "$SERVICE_WORK_DIR/pg" >/dev/null 2>&1 || log "could not remove the cluster in $SERVICE_WORK_DIR/pg"
    fi
    [[ -n "$SERVICE_WORK_DIR" ]] && rm -rf -- "$SERVICE_WORK_DIR"
    if ((status != 0)); then
        $SUMMARY_IS_FINAL || write_summary_on_failure
        log "failed (exit $status); see $ARTIFACTS_DIR/api.log for the API's side"
    fi
    exit "$status"
}
trap stop_service_under_test EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# npm ci empties node_modules first, so it runs only when the lock changed since the last install.
npm_ci_when_changed() {
    local dir="$1" stamp="$1/node_modules/.package-lock.sha256" wanted
    wanted="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
    [[ -f "$stamp" && "$(cat "$stamp")" == "$wanted" ]] && return 0
    timeout 300 npm ci --no-audit --no-fund --prefix "$dir" >&2
    printf '%s\n' "$wanted" >"$stamp"
}

free_port() {
    node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

wait_until_ready() {
    local url="$1" deadline=$((SECONDS + SERVICE_READY_TIMEOUT))
    until curl -fsS --max-time 2 -o /dev/null "$url" 2>/dev/null; do
        if ! kill -0 "$SERVICE_PID" 2>/dev/null; then
            tail -n 40 "$ARTIFACTS_DIR/api.log" >&2 || true
            die "the API exited during start-up"
        fi
        if ((SECONDS >= deadline)); then
            tail -n 40 "$ARTIFACTS_DIR/api.log" >&2 || true
            die "the API did not become ready at $url within ${SERVICE_READY_TIMEOUT}s"
        fi
        sleep 0.3
    done
}

# Builds (unless SERVICE_NO_BUILD=1) and starts the API; sets SERVICE_BASE_URL and SERVICE_TOKEN
# (webchats:read and webchats:write for the demo organization).
start_service_under_test() {
    command -v node >/dev/null 2>&1 || die "node is required (Node.js 20 or later)"
    command -v curl >/dev/null 2>&1 || die "curl is required"
    mkdir -p "$ARTIFACTS_DIR"

    if [[ "${SERVICE_NO_BUILD:-}" != 1 ]]; then
        log "building the API (Release)"
        timeout 600 dotnet build "$SERVICE_API_DIR/Webchats.Api.csproj" -c Release -v q -nologo --tl:off >&2
    fi
    [[ -f "$SERVICE_API_DLL" ]] || die "$SERVICE_API_DLL is missing: build the API in Release first"

    SERVICE_WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/webchats-e2e-XXXXXX")"
    # The cluster's owner (postgres, when we are root) must be able to traverse this folder.
    chmod 711 "$SERVICE_WORK_DIR"

    local server_connection
    SERVICE_CLUSTER_STARTED=true
    server_connection="$(timeout 120 bash "$SERVICE_ROOT/scripts/pg-cluster.sh" start "$SERVICE_WORK_DIR/pg" --fast | tail -n 1)"

    SERVICE_BASE_URL="http://127.0.0.1:$(free_port)"
    log "starting the API on $SERVICE_BASE_URL (log: $ARTIFACTS_DIR/api.log)"
    # Started from the project folder, so that folder is the content root (wwwroot/admin).
    (
        cd "$SERVICE_API_DIR"
        export ASPNETCORE_ENVIRONMENT=Development
        export ASPNETCORE_URLS="$SERVICE_BASE_URL"
        # The cluster's own "postgres" database: it lives only as long as this run.
        export ConnectionStrings__Webchats="$server_connection"
        export Webchats__DataDirectory="$SERVICE_WORK_DIR/data"
        export Webchats__PublicBaseUrl="$SERVICE_BASE_URL"
        export Webchats__SeedDemoData=true
        exec dotnet "$SERVICE_API_DLL"
    ) >"$ARTIFACTS_DIR/api.log" 2>&1 &
    SERVICE_PID=$!
    wait_until_ready "$SERVICE_BASE_URL/health/ready"

    SERVICE_TOKEN="$(cd "$SERVICE_API_DIR" && ASPNETCORE_ENVIRONMENT=Development timeout 60 dotnet "$SERVICE_API_DLL" \
        token --org "$SERVICE_ORG" --user "$SERVICE_USER_ID" --scopes "webchats:read webchats:write" | tail -n 1)"
    [[ "$SERVICE_TOKEN" == *.*.* ]] || die "the token command printed no JWT"
}
