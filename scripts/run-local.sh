#!/usr/bin/env bash
# Runs the connector standalone on http://127.0.0.1:7071 with Azurite storage and a local secret store.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
# Local secrets, Azurite's storage and local.settings.json (the admin key) are for this user only: whatever this
# script and what it starts create is 0700/0600, and what earlier runs left readable by others is tightened.
umask 077
[ -f local.settings.json ] || cp local.settings.sample.json local.settings.json
chmod 600 local.settings.json
mkdir -p .data/azurite
chmod -R go-rwx .data

azurite_pid=""
if ! (exec 3<>/dev/tcp/127.0.0.1/10001) 2>/dev/null; then
  node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --location .data/azurite \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 &
  azurite_pid=$!
  trap '[ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null' EXIT
  for _ in $(seq 1 50); do (exec 3<>/dev/tcp/127.0.0.1/10001) 2>/dev/null && break; sleep 0.2; done
fi

# Run the built app from the repository root so it finds local.settings.json and keeps .data/ here.
dotnet build Functions/Functions.csproj -c Release -nologo -v q
dotnet Functions/bin/Release/net10.0/GitLabConnector.dll "$@"
