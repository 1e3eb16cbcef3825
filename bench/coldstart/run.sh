#!/usr/bin/env bash
# Cold start of the deployable package, ReadyToRun vs not, in one run: builds both zips with scripts/package.sh,
# then times process start -> first GET / answer -> first 202 on the webhook route (see docs/benchmarks/coldstart.md).
#   bench/coldstart/run.sh [--runs N] [--warmup N]
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
out=artifacts/bench
mkdir -p "$out"
./scripts/package.sh --output "$out/connector-r2r.zip"
./scripts/package.sh --no-r2r --output "$out/connector-jit.zip"
dotnet run --project bench/coldstart/ColdStart.csproj -c Release -- "$@" r2r="$out/connector-r2r.zip" jit="$out/connector-jit.zip"
