#!/usr/bin/env bash
# Runs every test (unit + integration against Azurite, fake GitLab, fake Key Vault) and prints a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
dotnet build connector.sln -c Release -warnaserror -nologo -v q
log=$(mktemp)
status=0
dotnet test connector.sln -c Release --no-build --nologo --logger "console;verbosity=minimal" "$@" 2>&1 | tee "$log" || status=$?
# Resilience suite, short mode (~3 min): faults, duplicates, fuzz; fails on any lost or doubly processed event.
if [ $# -eq 0 ]; then
    RESILIENCE_NO_BUILD=1 ./scripts/resilience.sh --short || status=$?
fi
# One plain closing line: "tests: N passed, N failed, N skipped".
awk '/(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { gsub(",", "", $(i+1)); if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
rm -f "$log"
exit $status
