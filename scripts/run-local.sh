#!/usr/bin/env bash
# Runs the connector standalone on http://127.0.0.1:7071 with Azurite storage and a local secret store.
# Local state (Azurite data, secrets, the walkthrough's connection.json) lives in the git-ignored .data/, owner-only.
set -euo pipefail
cd "$(dirname "$0")/.."
# Local secrets, Azurite's storage and local.settings.json (the admin key) are for this user only: whatever this
# script and what it starts create is 0700/0600, and what earlier runs left readable by others is tightened.
umask 077

say() { printf 'run-local: %s\n' "$*" >&2; }
# Runs a step, then says how long it took.
timed() {
    local started=$SECONDS
    "$@"
    say "  done in $((SECONDS - started)) s"
}

if [ ! -x node_modules/.bin/azurite ]; then
    say "installing Azurite, the storage emulator (npm ci; first run only, about a minute)..."
    timed npm ci --no-audit --no-fund
fi

if [ ! -f local.settings.json ]; then
    say "creating local.settings.json from local.settings.sample.json (admin key: local-dev-admin-key-change-me)"
    cp local.settings.sample.json local.settings.json
fi
chmod 600 local.settings.json
mkdir -p .data/azurite
chmod -R go-rwx .data

azurite_pid=""
if (exec 3<>/dev/tcp/127.0.0.1/10001) 2>/dev/null; then
    say "storage emulator already listening on 127.0.0.1:10001; using it"
else
    say "starting Azurite on 127.0.0.1:10000-10002 (data in .data/azurite)"
    node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --disableTelemetry --location .data/azurite \
        --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
    azurite_pid=$!
    trap '[ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null' EXIT
    for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/10001) 2>/dev/null && break; sleep 0.2; done
fi

if [ -f Functions/bin/Release/net10.0/GitLabConnector.dll ]; then
    say "building the connector (already built: about a minute at most)..."
else
    say "building the connector (first build: one to two minutes, restoring NuGet packages)..."
fi
# NU1603 (a package's minimum dependency version is not served; the next is used) is expected from the worker SDK.
timed dotnet build Functions/Functions.csproj -c Release -nologo -v q -warnAsMessage:NU1603

# Run the built app from the repository root so it finds local.settings.json and keeps .data/ here.
say "starting the connector on http://127.0.0.1:7071 (Ctrl+C stops it and Azurite)"
dotnet Functions/bin/Release/net10.0/GitLabConnector.dll "$@"
