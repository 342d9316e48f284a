#!/usr/bin/env bash
# Browser tests (tests/browser): playwright-core drives Debian's Chromium against the real API,
# built in Release and started on a free loopback port with a throwaway PostgreSQL cluster and
# the demo data. The tests serve their own two "customer sites" on two other loopback origins.
#
# Writes one line "N passed, N failed, N skipped" to $BROWSER_SUMMARY_FILE (default
# artifacts/test-results/browser-summary.txt; scripts/test.sh adds it to its own counts) and the
# screenshots plus the API's log to artifacts/browser/. Exits non-zero when anything fails; a
# failure outside the tests (no Chromium, build, start-up) counts as one failed test.
#
# Options (environment): BROWSER_TESTS_NO_BUILD=1 skips the build (make test has just built the
# solution in Release). Every step is bounded in time; everything started here is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly CHROMIUM=/usr/bin/chromium
readonly TESTS_DIR="$ROOT/tests/browser"
readonly API_DIR="$ROOT/src/Api"
readonly API_DLL="$API_DIR/bin/Release/net10.0/Webchats.Api.dll"
readonly ARTIFACTS_DIR="$ROOT/artifacts/browser"
readonly SUMMARY_FILE="${BROWSER_SUMMARY_FILE:-$ROOT/artifacts/test-results/browser-summary.txt}"
# The demo organization and user (DemoDataSeeder).
readonly ORG=65a0e0e0e0e0e0e0e0e0e0e0
readonly USER_ID=65b1f0a2c3d4e5f6a7b8c9d0
readonly READY_TIMEOUT=60
readonly TESTS_TIMEOUT=150

log() { printf 'browser-tests: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

WORK_DIR=""
API_PID=""
CLUSTER_STARTED=false

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

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [[ -n "$API_PID" ]] && kill -0 "$API_PID" 2>/dev/null; then
        kill -TERM "$API_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do
            kill -0 "$API_PID" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$API_PID" 2>/dev/null || true
        wait "$API_PID" 2>/dev/null || true
    fi
    if $CLUSTER_STARTED; then
        bash "$ROOT/scripts/pg-cluster.sh" destroy "$WORK_DIR/pg" >/dev/null 2>&1 || log "could not remove the cluster in $WORK_DIR/pg"
    fi
    [[ -n "$WORK_DIR" ]] && rm -rf -- "$WORK_DIR"
    if ((status != 0)); then
        write_summary_on_failure
        log "failed (exit $status); see $ARTIFACTS_DIR/api.log for the API's side"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_chromium() {
    [[ -x "$CHROMIUM" ]] && return 0
    if [[ "$(id -u)" -ne 0 ]]; then
        die "Chromium is not installed at $CHROMIUM; install Debian's package (sudo apt-get install -y --no-install-recommends chromium) and run again"
    fi
    command -v apt-get >/dev/null 2>&1 || die "Chromium is not installed at $CHROMIUM and apt-get is not available to install it"
    export DEBIAN_FRONTEND=noninteractive
    log "installing Debian's chromium package (playwright-core drives it; browser downloads are not used)"
    # The package lists of a fresh machine may be empty or stale: update once, then retry.
    if ! timeout 600 apt-get install -y --no-install-recommends chromium >&2; then
        timeout 300 apt-get update >&2
        timeout 600 apt-get install -y --no-install-recommends chromium >&2
    fi
    [[ -x "$CHROMIUM" ]] || die "installed the chromium package but $CHROMIUM is still missing"
}

free_port() {
    node -e 'const s = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

wait_until_ready() {
    local url="$1" deadline=$((SECONDS + READY_TIMEOUT))
    until curl -fsS --max-time 2 -o /dev/null "$url" 2>/dev/null; do
        if ! kill -0 "$API_PID" 2>/dev/null; then
            tail -n 40 "$ARTIFACTS_DIR/api.log" >&2 || true
            die "the API exited during start-up"
        fi
        if ((SECONDS >= deadline)); then
            tail -n 40 "$ARTIFACTS_DIR/api.log" >&2 || true
            die "the API did not become ready at $url within ${READY_TIMEOUT}s"
        fi
        sleep 0.3
    done
}

main() {
    cd "$ROOT"
    rm -rf "$ARTIFACTS_DIR"
    rm -f "$SUMMARY_FILE"
    mkdir -p "$ARTIFACTS_DIR" "$(dirname "$SUMMARY_FILE")"

    command -v node >/dev/null 2>&1 || die "node is required (Node.js 20 or later)"
    command -v curl >/dev/null 2>&1 || die "curl is required"
    ensure_chromium
    # npm ci empties node_modules first; skip it when the locked version is already installed.
    local locked installed
    locked="$(node -p 'require(process.argv[1]).packages["node_modules/playwright-core"].version' "$TESTS_DIR/package-lock.json")"
    installed="$(node -p 'require(process.argv[1]).version' "$TESTS_DIR/node_modules/playwright-core/package.json" 2>/dev/null || true)"
    if [[ "$installed" != "$locked" ]]; then
        timeout 300 npm ci --no-audit --no-fund --prefix "$TESTS_DIR" >&2
    fi

    if [[ "${BROWSER_TESTS_NO_BUILD:-}" != 1 ]]; then
        log "building the API (Release)"
        timeout 600 dotnet build "$API_DIR/Webchats.Api.csproj" -c Release -v q -nologo --tl:off >&2
    fi
    [[ -f "$API_DLL" ]] || die "$API_DLL is missing: build the API in Release first"

    WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/webchats-browser-XXXXXX")"
    # The cluster's owner (postgres, when we are root) must be able to traverse this folder.
    chmod 711 "$WORK_DIR"

    local server_connection
    CLUSTER_STARTED=true
    server_connection="$(timeout 120 bash "$ROOT/scripts/pg-cluster.sh" start "$WORK_DIR/pg" --fast | tail -n 1)"

    local port base_url
    port="$(free_port)"
    base_url="http://127.0.0.1:$port"
    log "starting the API on $base_url (log: $ARTIFACTS_DIR/api.log)"
    # Started from the project folder, so that folder is the content root (wwwroot/admin).
    (
        cd "$API_DIR"
        export ASPNETCORE_ENVIRONMENT=Development
        export ASPNETCORE_URLS="$base_url"
        # The cluster's own "postgres" database: it lives only as long as this run.
        export ConnectionStrings__Webchats="$server_connection"
        export Webchats__DataDirectory="$WORK_DIR/data"
        export Webchats__PublicBaseUrl="$base_url"
        export Webchats__SeedDemoData=true
        exec dotnet "$API_DLL"
    ) >"$ARTIFACTS_DIR/api.log" 2>&1 &
    API_PID=$!
    wait_until_ready "$base_url/health/ready"

    local token
    token="$(cd "$API_DIR" && ASPNETCORE_ENVIRONMENT=Development timeout 60 dotnet "$API_DLL" \
        token --org "$ORG" --user "$USER_ID" --scopes "webchats:read webchats:write" | tail -n 1)"
    [[ "$token" == *.*.* ]] || die "the token command printed no JWT"

    log "running the browser tests (Chromium $("$CHROMIUM" --version 2>/dev/null | awk '{print $2}'))"
    local status=0
    (
        cd "$TESTS_DIR"
        WEBCHATS_BASE_URL="$base_url" WEBCHATS_TOKEN="$token" BROWSER_ARTIFACTS_DIR="$ARTIFACTS_DIR" \
            CHROMIUM_PATH="$CHROMIUM" \
            timeout --kill-after=10 "$TESTS_TIMEOUT" node --test --test-concurrency=1 \
            --test-reporter=spec --test-reporter-destination=stdout \
            --test-reporter=./support/summary-reporter.mjs --test-reporter-destination="$SUMMARY_FILE" \
            admin-page.test.mjs public-config.test.mjs
    ) || status=$?
    log "$(tail -n 1 "$SUMMARY_FILE" 2>/dev/null || echo 'no summary written')"
    return "$status"
}

main "$@"
