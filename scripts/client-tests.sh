#!/usr/bin/env bash
# Generated-client tests (issue 19): what an integrator does with /openapi/v1.json, against the
# real API (scripts/lib/service-under-test.sh: Release build, loopback port, throwaway PostgreSQL):
#   1. Redocly CLI lints the document (recommended rules, warnings as errors): one test.
#   2. openapi-typescript generates the TypeScript types, tsc compiles them with the tests in
#      tests/clients/typescript (a compile error is one failed test), node --test drives
#      openapi-fetch against the service.
#   3. Kiota (--backing-store) and NSwag generate C# clients into tests/clients/csharp/generated;
#      dotnet test compiles and drives them (its TRX goes to $CLIENT_RESULTS_DIR, which
#      scripts/test.sh counts with the other TRX files; a compile error is one failed test).
# Tools are pinned: npm lock (tests/clients/typescript) and the dotnet tool manifest.
#
# Writes "N passed, N failed, N skipped" for steps 1 and 2 (and for failures outside any test) to
# $CLIENTS_SUMMARY_FILE (default artifacts/test-results/clients-summary.txt). Exits non-zero when
# anything fails. Options (environment): SERVICE_NO_BUILD=1 skips the API build.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly TS_DIR="$ROOT/tests/clients/typescript"
readonly CS_DIR="$ROOT/tests/clients/csharp"
readonly ARTIFACTS_DIR="$ROOT/artifacts/clients"
readonly SUMMARY_FILE="${CLIENTS_SUMMARY_FILE:-$ROOT/artifacts/test-results/clients-summary.txt}"
readonly CS_RESULTS_DIR="${CLIENT_RESULTS_DIR:-$ROOT/artifacts/test-results/clients}"
readonly DOCUMENT="$ARTIFACTS_DIR/openapi.json"
readonly LOG_PREFIX=client-tests
readonly STEP_TIMEOUT=300
# shellcheck source=lib/service-under-test.sh
source "$ROOT/scripts/lib/service-under-test.sh"

export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true

PASSED=0
FAILED=0
SKIPPED=0
record() {
    PASSED=$((PASSED + $1)) FAILED=$((FAILED + $2)) SKIPPED=$((SKIPPED + $3))
    printf '%s passed, %s failed, %s skipped\n' "$PASSED" "$FAILED" "$SKIPPED" >"$SUMMARY_FILE"
}

lint_document() {
    log "Redocly lint of the document"
    if (cd "$TS_DIR" && timeout "$STEP_TIMEOUT" node_modules/.bin/redocly lint --config redocly.yaml "$DOCUMENT"); then
        record 1 0 0
    else
        log "the document does not pass the lint"
        record 0 1 0
    fi
}

test_typescript_client() {
    log "TypeScript: openapi-typescript, tsc, openapi-fetch tests"
    rm -rf "$TS_DIR/generated" "$TS_DIR/dist"
    if ! (cd "$TS_DIR" &&
        # By default openapi-typescript makes every property with a default required, in request
        # bodies too; a create needs only name (README "Integrate").
        timeout "$STEP_TIMEOUT" node_modules/.bin/openapi-typescript "$DOCUMENT" --default-non-nullable false \
            --output generated/webchats.d.ts >&2 &&
        timeout "$STEP_TIMEOUT" node_modules/.bin/tsc -p tsconfig.json); then
        log "the generated TypeScript client does not compile with the tests"
        record 0 1 0
        return
    fi
    local counts="$ARTIFACTS_DIR/typescript-summary.txt"
    (
        cd "$TS_DIR"
        WEBCHATS_BASE_URL="$SERVICE_BASE_URL" WEBCHATS_TOKEN="$SERVICE_TOKEN" \
            timeout --kill-after=10 "$STEP_TIMEOUT" node --test --test-concurrency=1 \
            --test-reporter=spec --test-reporter-destination=stdout \
            --test-reporter="$ROOT/tests/browser/support/summary-reporter.mjs" --test-reporter-destination="$counts" \
            dist/*.test.js
    ) || true
    local line
    line="$(tail -n 1 "$counts" 2>/dev/null || true)"
    if [[ "$line" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
        record "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}"
    else
        log "the TypeScript tests wrote no summary"
        record 0 1 0
    fi
}

test_csharp_clients() {
    log "C#: Kiota (--backing-store) and NSwag clients"
    rm -rf "$CS_DIR/generated" "$CS_RESULTS_DIR"
    (cd "$ROOT" && timeout "$STEP_TIMEOUT" dotnet tool restore >&2)
    if ! (cd "$ROOT" &&
        # Kiota checks GitHub for a newer version on every run; this machine (and CI) has no
        # internet, so that check goes to a closed loopback port and fails at once.
        HTTPS_PROXY=http://127.0.0.1:9 timeout "$STEP_TIMEOUT" dotnet kiota generate --language CSharp --openapi "$DOCUMENT" \
            --output "$CS_DIR/generated/Kiota" --class-name WebchatsClient --namespace-name Webchats.Clients.Kiota \
            --backing-store --exclude-backward-compatible --clean-output --log-level Warning >&2 &&
        # Optional properties nullable, so an update sends only what the caller set (README "Integrate").
        timeout "$STEP_TIMEOUT" dotnet nswag openapi2csclient /input:"$DOCUMENT" \
            /output:"$CS_DIR/generated/NSwag/WebchatsClient.cs" /namespace:Webchats.Clients.NSwag \
            /className:WebchatsClient /operationGenerationMode:SingleClientFromOperationId \
            /generateOptionalPropertiesAsNullable:true /generateNullableReferenceTypes:true >&2); then
        log "a C# client generator failed"
        record 0 1 0
        return
    fi
    local status=0
    timeout --kill-after=10 "$STEP_TIMEOUT" env WEBCHATS_BASE_URL="$SERVICE_BASE_URL" WEBCHATS_TOKEN="$SERVICE_TOKEN" \
        dotnet test "$CS_DIR/Webchats.ClientTests.csproj" -c Release \
        --logger "trx;LogFilePrefix=clients" --results-directory "$CS_RESULTS_DIR" || status=$?
    if ((status != 0)) && ! compgen -G "$CS_RESULTS_DIR/*.trx" >/dev/null; then
        log "the generated C# clients do not compile with the tests"
        record 0 1 0
    fi
    return "$status"
}

main() {
    cd "$ROOT"
    rm -rf "$ARTIFACTS_DIR"
    mkdir -p "$ARTIFACTS_DIR" "$(dirname "$SUMMARY_FILE")"
    record 0 0 0

    npm_ci_when_changed "$TS_DIR"
    start_service_under_test
    curl -fsS --max-time 10 -o "$DOCUMENT" "$SERVICE_BASE_URL/openapi/v1.json" || die "could not read $SERVICE_BASE_URL/openapi/v1.json"

    local cs_status=0
    lint_document
    test_typescript_client
    test_csharp_clients || cs_status=$?
    log "$(tail -n 1 "$SUMMARY_FILE") (lint and TypeScript; the C# counts are in its TRX)"
    SUMMARY_IS_FINAL=true
    ((FAILED == 0 && cs_status == 0))
}

main "$@"
