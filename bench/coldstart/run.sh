#!/usr/bin/env bash
# Cold start, in one interleaved run (see docs/benchmarks/coldstart.md):
#   worker start-up — the shipped package (composite ReadyToRun) started as the Functions host starts its isolated worker,
#     timed to its connection to the host's gRPC endpoint, against a minimal isolated worker (one HTTP function, published
#     the same way) and the connector without ReadyToRun;
#   standalone first 202 — the same package started without the host's arguments, timed to the first 202 on the webhook route.
#   bench/coldstart/run.sh [--runs N] [--warmup N] [--rss-after MS]     (defaults: 30 runs, 1 warm-up, RSS 1000 ms after start)
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
out=artifacts/bench
mkdir -p "$out"
echo "load at start: $(uptime)"
./scripts/package.sh --output "$out/connector-r2r.zip"
./scripts/package.sh --no-r2r --output "$out/connector-jit.zip"
publish_dir="$(mktemp -d)"
trap 'rm -rf "$publish_dir"' EXIT
dotnet publish bench/coldstart/MinimalWorker/MinimalWorker.csproj -c Release -r linux-x64 --self-contained \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -p:PackagePath="$PWD/$out/minimal-r2r.zip" \
  -o "$publish_dir" -nologo -v q
dotnet build bench/coldstart/ColdStart.csproj -c Release -nologo -v q
echo "load before measuring: $(uptime)"
dotnet run --no-build --project bench/coldstart/ColdStart.csproj -c Release -- --baseline minimal "$@" \
  worker=worker:"$out/connector-r2r.zip" minimal=worker:"$out/minimal-r2r.zip" worker-jit=worker:"$out/connector-jit.zip" \
  standalone=standalone:"$out/connector-r2r.zip"
echo "load at end: $(uptime)"
