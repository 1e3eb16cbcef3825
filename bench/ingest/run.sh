#!/usr/bin/env bash
# Ingestion benchmark: the connector (standalone, ingest only) and a bare-Kestrel baseline, each in its own process,
# over one Azurite; open loop at 200 req/s and closed-loop max throughput. Prints a Markdown report and writes it to
# bench/ingest/out/last-run.md.
#   bench/ingest/run.sh            # defaults: 2 rounds, about 2.5 minutes of load
#   bench/ingest/run.sh --quick    # 1 short round, about 20 s of load
#   bench/ingest/run.sh --rate 100 --rounds 3 --concurrency 16   # see Bench.Ingest --help for every option
# The load, the servers and Azurite run at a raised priority (nice -20, when root) so that other work on a shared
# machine disturbs them less; they still share its CPUs, which is why the report compares against a baseline
# measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
dotnet build bench/ingest/Bench.Ingest.csproj -c Release -nologo -v q
priority=()
if [ "$(id -u)" = 0 ]; then priority=(nice -n -20); fi
exec "${priority[@]}" dotnet bench/ingest/bin/Release/net10.0/Bench.Ingest.dll --out bench/ingest/out/last-run.md "$@"
