#!/usr/bin/env bash
# Makes sure ICU's shared libraries (libicuuc & co.) are on this machine: the service runs with
# InvariantGlobalization=false (Directory.Build.props) and .NET refuses to start without ICU.
# Used by `make run`, `make test` and scripts/bench.sh. Silent when ICU is already there.
#
# When ICU is missing and we are root, Debian's package is installed (the newest libicuNN that
# apt knows, libicu72 on Debian 12); a non-root caller gets told how to install it.
set -euo pipefail

log() { printf 'ensure-icu: %s\n' "$*" >&2; }

has_icu() {
    local ldconfig libraries
    ldconfig="$(command -v ldconfig || echo /sbin/ldconfig)"
    # The listing is captured first: `ldconfig -p | grep -q` fails under pipefail when grep
    # stops reading early and ldconfig gets SIGPIPE.
    libraries="$("$ldconfig" -p 2>/dev/null || true)"
    [[ "$libraries" == *libicuuc.so* ]]
}

# Debian 12 ships libicu72, Ubuntu 24.04 libicu74: the newest one apt knows, else libicu72.
icu_package() {
    local package
    package="$(apt-cache pkgnames libicu 2>/dev/null | grep -E '^libicu[0-9]+$' | sort -V | tail -n 1 || true)"
    printf '%s\n' "${package:-libicu72}"
}

main() {
    has_icu && return 0
    if [[ "$(id -u)" -ne 0 ]]; then
        log "ICU (libicuuc) was not found; .NET needs it (InvariantGlobalization is off)."
        log "Install it, e.g. on Debian 12: sudo apt-get install -y libicu72, then run this again."
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        log "ICU (libicuuc) was not found and apt-get is not available to install it."
        log "Install ICU with this system's package manager, then run this again."
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    local package
    package="$(icu_package)"
    log "ICU not found; installing Debian's '$package' package (root)"
    apt-get install -y -qq --no-install-recommends "$package" >&2
    has_icu || { log "installed '$package' but ldconfig still lists no libicuuc"; exit 1; }
}

main "$@"
