#!/usr/bin/env bash
# Browser tests (tests/browser): playwright-core drives Debian's Chromium against the real API
# (scripts/lib/service-under-test.sh: Release build, free loopback port, throwaway PostgreSQL
# cluster, demo data). The tests serve their own two "customer sites" on two other loopback origins.
#
# Writes one line "N passed, N failed, N skipped" to $BROWSER_SUMMARY_FILE (default
# artifacts/test-results/browser-summary.txt; scripts/test.sh adds it to its own counts) and the
# screenshots plus the API's log to artifacts/browser/. Exits non-zero when anything fails; a
# failure outside the tests (no Chromium, build, start-up) counts as one failed test.
#
# Options (environment): SERVICE_NO_BUILD=1 skips the build. Every step is bounded in time;
# everything started here is stopped on exit.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly CHROMIUM=/usr/bin/chromium
readonly TESTS_DIR="$ROOT/tests/browser"
readonly ARTIFACTS_DIR="$ROOT/artifacts/browser"
readonly SUMMARY_FILE="${BROWSER_SUMMARY_FILE:-$ROOT/artifacts/test-results/browser-summary.txt}"
readonly LOG_PREFIX=browser-tests
readonly TESTS_TIMEOUT=150
# shellcheck source=lib/service-under-test.sh
source "$ROOT/scripts/lib/service-under-test.sh"

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

main() {
    cd "$ROOT"
    rm -rf "$ARTIFACTS_DIR"
    rm -f "$SUMMARY_FILE"
    mkdir -p "$ARTIFACTS_DIR" "$(dirname "$SUMMARY_FILE")"

    ensure_chromium
    npm_ci_when_changed "$TESTS_DIR"
    start_service_under_test

    log "running the browser tests (Chromium $("$CHROMIUM" --version 2>/dev/null | awk '{print $2}'))"
    local status=0
    (
        cd "$TESTS_DIR"
        WEBCHATS_BASE_URL="$SERVICE_BASE_URL" WEBCHATS_TOKEN="$SERVICE_TOKEN" BROWSER_ARTIFACTS_DIR="$ARTIFACTS_DIR" \
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
