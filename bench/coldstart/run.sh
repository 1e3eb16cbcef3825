#!/usr/bin/env bash
# Cold start of the deployable package, ReadyToRun vs not (and ReadyToRun with Application Insights on), in one run:
# builds both zips with scripts/package.sh, then times process start -> first GET / answer -> first 202 on the webhook
# route (see docs/benchmarks/coldstart.md).
#   bench/coldstart/run.sh [--runs N] [--warmup N]
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
out=artifacts/bench
mkdir -p "$out"
./scripts/package.sh --output "$out/connector-r2r.zip"
./scripts/package.sh --no-r2r --output "$out/connector-jit.zip"
# r2r-ai: the same package with Application Insights configured as infra/ deploys it (the SDK's start-up is measured; its
# telemetry goes to a closed local port and is dropped).
ai="InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/"
dotnet run --project bench/coldstart/ColdStart.csproj -c Release -- "$@" \
  r2r="$out/connector-r2r.zip" r2r-ai="$out/connector-r2r.zip" "r2r-ai+APPLICATIONINSIGHTS_CONNECTION_STRING=$ai" \
  jit="$out/connector-jit.zip"
