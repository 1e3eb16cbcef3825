#!/usr/bin/env bash
# Compiles and lints infra/ with the Bicep CLI restored from NuGet (tools/Bicep), and fails on any diagnostic: a build
# warning, or a lint finding at any level (rules and levels: infra/bicepconfig.json). CI runs it (.ci/run).
#   ./scripts/bicep.sh    # -> artifacts/infra/main.json (the ARM template; Functions.Tests/Infra/CompiledTemplateTests.cs reads it)
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet restore tools/Bicep/Bicep.csproj -nologo -v q
bicep=$(dotnet msbuild tools/Bicep/Bicep.csproj -nologo -getProperty:BicepExecutable)
[ -f "$bicep" ] || { echo "bicep.sh: no Bicep CLI at $bicep after restore" >&2; exit 1; }
# NuGet does not promise to keep the executable bit of a file it extracts.
chmod +x "$bicep"
"$bicep" --version

mkdir -p artifacts/infra
build_log=$(mktemp)
lint_log=$(mktemp)
trap 'rm -f "$build_log" "$lint_log"' EXIT

status=0
"$bicep" build infra/main.bicep --outfile artifacts/infra/main.json 2>"$build_log" || status=$?
"$bicep" lint infra/main.bicep 2>"$lint_log" || status=$?
cat "$build_log" "$lint_log" >&2

# Diagnostics go to stderr, one per line; warnings leave the exit code 0, so count them.
build_findings=$(grep -c . "$build_log" || true)
lint_findings=$(grep -c . "$lint_log" || true)
echo "bicep: build warnings: $build_findings, lint findings: $lint_findings"
if [ "$status" -ne 0 ] || [ "$build_findings" -ne 0 ] || [ "$lint_findings" -ne 0 ]; then
    echo "bicep.sh: infra/ must compile and lint without any diagnostic" >&2
    exit 1
fi
