#!/usr/bin/env bash
# `make test`: every test of the solution, on a real PostgreSQL the functional tests start
# themselves (scripts/pg-cluster.sh), ending with exactly one line
#   N passed, N failed, N skipped
# summed over the TRX files of the run and the lines of the end-to-end scripts: the browser tests
# (scripts/browser-tests.sh, Chromium driven by playwright-core) and the generated-client tests
# (scripts/client-tests.sh: Redocly lint, TypeScript, Kiota and NSwag C# clients; their C# TRX
# lands under the results folder). Exits non-zero when dotnet test or an end-to-end script
# fail, any test fails, or no test ran at all.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly ROOT
readonly RESULTS_DIR="$ROOT/artifacts/test-results"
readonly SUMMARY_FILE="$RESULTS_DIR/summary.txt"

cd "$ROOT"

PASSED=0
FAILED=0
SKIPPED=0

# Reads one integer attribute of a TRX <Counters .../> element (0 when absent).
counter() {
    local element="$1" name="$2" value
    value="$(sed -n "s/.*[[:space:]]$name=\"\([0-9]*\)\".*/\1/p" <<<"$element")"
    printf '%s\n' "${value:-0}"
}

# Sums the <Counters> of every TRX file. VSTest's TRX leaves notExecuted at 0 even for NUnit's
# [Ignore], Assert.Ignore, Assert.Inconclusive and [Explicit] tests (their results say
# outcome="NotExecuted"), so skipped is what is neither passed nor failed.
summarise() {
    local file element total passed failed
    PASSED=0 FAILED=0 SKIPPED=0
    [[ -d "$RESULTS_DIR" ]] || return 0
    while IFS= read -r -d '' file; do
        element="$(grep -o '<Counters [^>]*>' "$file" | head -n 1 || true)"
        [[ -n "$element" ]] || continue
        total="$(counter "$element" total)"
        passed="$(counter "$element" passed)"
        # error, timeout and aborted are failures too, as far as a CI gate is concerned.
        failed=$(($(counter "$element" failed) + $(counter "$element" error) + $(counter "$element" timeout) + $(counter "$element" aborted)))
        PASSED=$((PASSED + passed))
        FAILED=$((FAILED + failed))
        SKIPPED=$((SKIPPED + total - passed - failed))
    done < <(find "$RESULTS_DIR" -name '*.trx' -type f -print0)

    # The end-to-end scripts (browser-tests.sh, client-tests.sh) each write their own
    # "N passed, N failed, N skipped" line to <name>-summary.txt.
    local line file
    for file in "$RESULTS_DIR"/*-summary.txt; do
        [[ -f "$file" ]] || continue
        line="$(tail -n 1 "$file")"
        if [[ "$line" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed,\ ([0-9]+)\ skipped$ ]]; then
            PASSED=$((PASSED + BASH_REMATCH[1]))
            FAILED=$((FAILED + BASH_REMATCH[2]))
            SKIPPED=$((SKIPPED + BASH_REMATCH[3]))
        fi
    done
}

# Names each failed test of the TRX files with the first line of its message, so that the tail
# of a CI log (which is often all that is kept) says what failed, not just how many.
report_failures() {
    [[ -d "$RESULTS_DIR" ]] || return 0
    find "$RESULTS_DIR" -name '*.trx' -type f -exec awk '
        /<UnitTestResult / && /outcome="Failed"/ {
            name = $0; sub(/.*testName="/, "", name); sub(/".*/, "", name); pending = 1
        }
        pending && /<Message>/ {
            message = $0; sub(/.*<Message>/, "", message); sub(/<\/Message>.*/, "", message)
            printf "FAILED %s: %s\n", name, substr(message, 1, 300); pending = 0
        }' {} + | head -n 20
}

# Whatever happens (a build error, PostgreSQL missing), the last line is the summary.
finish() {
    local status=$?
    summarise
    report_failures
    local line="$PASSED passed, $FAILED failed, $SKIPPED skipped"
    mkdir -p "$RESULTS_DIR"
    printf '%s\n' "$line" >"$SUMMARY_FILE"
    printf '%s\n' "$line"
    exit "$status"
}

rm -rf "$RESULTS_DIR"
mkdir -p "$RESULTS_DIR"
trap finish EXIT

# The tests run the API in-process, which needs ICU (InvariantGlobalization is off).
bash "$ROOT/scripts/ensure-icu.sh"

# The functional tests start throwaway clusters; they find initdb & co. on PATH.
BINDIR="$(bash "$ROOT/scripts/ensure-postgres.sh" | tail -n 1)"
export PATH="$BINDIR:$PATH"

# The S3 tests' local server (s3rver) comes from npm, once that folder exists.
if [[ -f "$ROOT/tests/s3/package.json" ]]; then
    npm ci --no-audit --no-fund --prefix "$ROOT/tests/s3"
fi

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# LogFilePrefix, not LogFileName: with a fixed LogFileName every test project of the solution
# writes the same file and only the last one survives ("WARNING: Overwriting results file");
# the prefix gets a unique <prefix>_<tfm>_<timestamp>.trx per project.
dotnet_status=0
dotnet test "$ROOT/Webchats.sln" -c Release \
    --logger "trx;LogFilePrefix=webchats" \
    --results-directory "$RESULTS_DIR" || dotnet_status=$?

# End-to-end: the admin page and the public widget config in Chromium (scripts/browser-tests.sh),
# then clients generated from the OpenAPI document (scripts/client-tests.sh). dotnet test has
# just built the API in Release; after a failed run, each script builds it afresh instead.
service_no_build=0
if ((dotnet_status == 0)); then
    service_no_build=1
fi
browser_status=0
env BROWSER_SUMMARY_FILE="$RESULTS_DIR/browser-summary.txt" SERVICE_NO_BUILD="$service_no_build" \
    bash "$ROOT/scripts/browser-tests.sh" || browser_status=$?
clients_status=0
env CLIENTS_SUMMARY_FILE="$RESULTS_DIR/clients-summary.txt" CLIENT_RESULTS_DIR="$RESULTS_DIR/clients" \
    SERVICE_NO_BUILD="$service_no_build" bash "$ROOT/scripts/client-tests.sh" || clients_status=$?

summarise
if ((dotnet_status != 0)); then
    echo "test.sh: dotnet test exited with $dotnet_status" >&2
    exit "$dotnet_status"
fi
if ((browser_status != 0)); then
    echo "test.sh: the browser tests exited with $browser_status" >&2
    exit "$browser_status"
fi
if ((clients_status != 0)); then
    echo "test.sh: the generated-client tests exited with $clients_status" >&2
    exit "$clients_status"
fi
if ((FAILED > 0)); then
    echo "test.sh: $FAILED test(s) failed" >&2
    exit 1
fi
if ((PASSED + FAILED == 0)); then
    echo "test.sh: no test ran (no TRX results under $RESULTS_DIR)" >&2
    exit 1
fi
