#!/usr/bin/env bash
# Runs every test (unit + integration against Azurite, fake GitLab, fake Key Vault), then the resilience suite's short
# mode when no test arguments are given, and prints a summary. Everything the stages put in the temp directory goes
# into one folder of this run's, deleted at the end (kept, and named, when something failed).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'test.sh: %s\n' "$*" >&2; }
timings=()
# stage NAME COMMAND...: announces the stage, runs it, records how long it took; a failure is remembered, not fatal.
status=0
stage() {
    local name=$1 started=$SECONDS rc=0
    shift
    "$@" || rc=$?
    timings+=("$(printf '%-22s %4d s%s' "$name" $((SECONDS - started)) "$([ $rc -eq 0 ] || echo "  (exit $rc)")")")
    [ $rc -eq 0 ] || status=$rc
    return 0
}

if [ ! -x node_modules/.bin/azurite ]; then
    say "stage: npm ci — installs Azurite, the storage emulator the tests start (first run only, about a minute)"
    stage "npm ci" npm ci --no-audit --no-fund
    [ $status -eq 0 ] || exit $status
fi

say "stage: build — dotnet build connector.sln (app, tests, tools, benchmarks; Release, warnings as errors)"
# NU1603 (a dependency's minimum version is not served, the next one is taken) is expected from the Functions worker
# SDK packages (Directory.Build.props); not an error, and not shown.
stage "build" dotnet build connector.sln -c Release -warnaserror -warnAsMessage:NU1603 -nologo -v q
[ $status -eq 0 ] || { printf '%s\n' "${timings[@]}" >&2; exit $status; }

run_tmp=$(mktemp -d "${TMPDIR:-/tmp}/connector-test-run-XXXXXX")
log="$run_tmp/dotnet-test.log"
cleanup() {
    trap - EXIT
    if [ $status -eq 0 ]; then rm -rf "$run_tmp"; else say "temp files of this run kept for inspection: $run_tmp"; fi
}
trap cleanup EXIT

say "stage: tests — dotnet test connector.sln: unit tests, and integration tests against Azurite, a fake GitLab and a fake Key Vault (two to three minutes)"
# No MSBuild node reuse: a build node left running would keep this run's temp folder as its own.
run_tests() { TMPDIR="$run_tmp" MSBUILDDISABLENODEREUSE=1 dotnet test connector.sln -c Release --no-build --nologo --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log"; }
stage "tests" run_tests "$@"

if [ $# -eq 0 ]; then
    say "stage: resilience — bench/resilience --short: faults, duplicates, fuzz against running connectors; fails on any lost or doubly processed event (three to five minutes)"
    stage "resilience (short)" env TMPDIR="$run_tmp" RESILIENCE_NO_BUILD=1 ./scripts/resilience.sh --short
fi

say "stage times:"
printf '  %s\n' "${timings[@]}" >&2
# One plain closing line: "tests: N passed, N failed, N skipped".
summary=$(awk '/(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log")
cleanup
echo "$summary"
exit $status
