#!/usr/bin/env bash
# Runs the resilience suite (bench/resilience) against the Release build: --short (CI, < 5 min) or --long (docs/resilience.md).
# Prints the result table; exits non-zero on any lost or doubly processed event, or any unexpected 5xx.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
# The suite starts the connector from Functions/bin/Release, so both must be current (test.sh has just built them).
[ "${RESILIENCE_NO_BUILD:-}" = 1 ] || dotnet build connector.sln -c Release -warnaserror -warnAsMessage:NU1603 -nologo -v q
exec dotnet bench/resilience/bin/Release/net10.0/GitLabConnector.Resilience.dll "${@:---short}"
