#!/usr/bin/env bash
# Cold start, in one interleaved run (see docs/benchmarks/coldstart.md):
#   worker start-up — the shipped package (composite ReadyToRun) started as the Functions host starts its isolated worker,
#     timed to its connection to the host's gRPC endpoint, against a minimal isolated worker (bench/coldstart/MinimalWorker,
#     one HTTP function, published the same way) and the connector without ReadyToRun;
#   standalone first 202 — the same package started without the host's arguments, timed to the first 202 on the webhook route;
#     with --with-custom-handler also the last custom-handler package (commit 276accc^, started standalone) as a calibration.
#   bench/coldstart/run.sh [--with-custom-handler] [--runs N] [--warmup N] [--rss-after MS]
#   (defaults: 30 runs, 1 warm-up, RSS read 1000 ms after start-up)
set -euo pipefail
cd "$(dirname "$0")/../.."
custom_handler=false
args=()
for a in "$@"; do
  if [ "$a" = --with-custom-handler ]; then custom_handler=true; else args+=("$a"); fi
done
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
out=artifacts/bench
mkdir -p "$out"
echo "load at start: $(uptime)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
./scripts/package.sh --output "$out/connector-r2r.zip"
./scripts/package.sh --no-r2r --output "$out/connector-jit.zip"
dotnet publish bench/coldstart/MinimalWorker/MinimalWorker.csproj -c Release -r linux-x64 --self-contained \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -p:PackagePath="$PWD/$out/minimal-r2r.zip" \
  -o "$scratch/minimal" -nologo -v q
variants=(worker=worker:"$out/connector-r2r.zip" minimal=worker:"$out/minimal-r2r.zip" worker-jit=worker:"$out/connector-jit.zip"
  standalone=standalone:"$out/connector-r2r.zip")
if $custom_handler; then
  # The last custom-handler commit, exported (not checked out) and packaged by its own scripts/package.sh.
  mkdir "$scratch/custom-handler"
  git archive 276accc^ | tar -x -C "$scratch/custom-handler"
  (cd "$scratch/custom-handler" && ./scripts/package.sh --output "$OLDPWD/$out/custom-handler-r2r.zip")
  variants+=(custom-handler=standalone:"$out/custom-handler-r2r.zip")
fi
dotnet build bench/coldstart/ColdStart.csproj -c Release -nologo -v q
echo "load before measuring: $(uptime)"
dotnet run --no-build --project bench/coldstart/ColdStart.csproj -c Release -- --baseline minimal "${args[@]}" "${variants[@]}"
echo "load at end: $(uptime)"
