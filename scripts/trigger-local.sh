#!/usr/bin/env bash
# Fire the blob trigger of a local 'func start' host: upload a seed file to Azurite's seeds container and post the
# BlobCreated event Event Grid would deliver in Azure. Usage: scripts/trigger-local.sh FILE [--option target=500 ...]
set -euo pipefail
if [ $# -lt 1 ]; then
  echo "usage: $0 SEED_FILE [--host http://localhost:7071] [--option KEY=VALUE ...]" >&2
  exit 2
fi
repo="$(cd "$(dirname "$0")/.." && pwd)"
file="$1"
shift
exec dotnet run --project "$repo/src/ServerlessInstruct.Cli" -c Release -- trigger --seeds "$file" "$@"
