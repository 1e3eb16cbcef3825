#!/usr/bin/env bash
# Builds the deployable Azure Functions package: artifacts/connector.zip (self-contained linux-x64, composite ReadyToRun).
#   ./scripts/package.sh                 # -> artifacts/connector.zip
#   ./scripts/package.sh --no-r2r        # same without ReadyToRun (for comparison; slower cold start)
#   ./scripts/package.sh --output PATH   # write the zip elsewhere
# The zip is the isolated worker's publish output: host.json, functions.metadata, extensions.json and worker.config.json at
# its root next to the worker GitLabConnector (worker.config.json's defaultExecutablePath), with its executable bit kept.
# Functions.Tests/Hosting/PackageLayoutTests.cs checks it.
set -euo pipefail
cd "$(dirname "$0")/.."

r2r=true
zip_path=artifacts/connector.zip
while [ $# -gt 0 ]; do
  case "$1" in
    --no-r2r) r2r=false ;;
    --output) zip_path="$2"; shift ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "package.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
  shift
done

mkdir -p "$(dirname "$zip_path")"
zip_path="$(cd "$(dirname "$zip_path")" && pwd)/$(basename "$zip_path")"
publish_dir="$(mktemp -d)"
trap 'rm -rf "$publish_dir"' EXIT

# A fresh publish folder, so nothing stale from an earlier publish ends up in the zip.
# The ZipConnectorPackage target in Functions.csproj writes the zip right after publishing.
# ReadyToRun as one composite image of the app and the runtime it ships with: generic code that spans assemblies
# (async state machines over framework types, DI, logging) is precompiled too, so a cold start JITs ~1,000 methods
# instead of ~2,100 (docs/benchmarks/coldstart.md). Costs ~8 MB of zip.
dotnet publish Functions/Functions.csproj -c Release -r linux-x64 --self-contained \
  -p:PublishReadyToRun="$r2r" -p:PublishReadyToRunComposite="$r2r" -p:ConnectorPackagePath="$zip_path" -o "$publish_dir" -nologo -v q

size=$(stat -c %s "$zip_path")
unpacked=$(du -sb "$publish_dir" | cut -f1)
awk -v path="${zip_path#"$PWD/"}" -v zipped="$size" -v unpacked="$unpacked" -v r2r="$r2r" \
  'BEGIN { printf "package: %s (%.1f MB zipped, %.1f MB unpacked, ReadyToRun=%s)\n", path, zipped / 1048576, unpacked / 1048576, r2r }'
