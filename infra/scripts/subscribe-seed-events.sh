#!/bin/sh
# Subscribes the deployed function to BlobCreated events under seeds/ (infra/eventgrid.bicep).
# azd runs this after `azd deploy`; outside azd, export the three variables below first.
# Right after a deploy the host may not have registered the blob extension's key yet, so the
# deployment is retried for a few minutes before giving up.
set -eu

: "${AZURE_RESOURCE_GROUP:?AZURE_RESOURCE_GROUP is not set (run through azd, or export it)}"
: "${AZURE_FUNCTION_APP_NAME:?AZURE_FUNCTION_APP_NAME is not set (run through azd, or export it)}"
: "${AZURE_EVENTGRID_SYSTEM_TOPIC_NAME:?AZURE_EVENTGRID_SYSTEM_TOPIC_NAME is not set (run through azd, or export it)}"

template="$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)/eventgrid.bicep"
attempts="${SEED_EVENTS_ATTEMPTS:-10}"
delay_seconds="${SEED_EVENTS_RETRY_SECONDS:-30}"

attempt=1
while :; do
  echo "Subscribing $AZURE_FUNCTION_APP_NAME to seed uploads (attempt $attempt of $attempts)..."
  if az deployment group create \
    --name seed-events \
    --resource-group "$AZURE_RESOURCE_GROUP" \
    --template-file "$template" \
    --parameters functionAppName="$AZURE_FUNCTION_APP_NAME" systemTopicName="$AZURE_EVENTGRID_SYSTEM_TOPIC_NAME" \
    --output none; then
    echo "Seed uploads to the seeds container now start runs."
    exit 0
  fi
  if [ "$attempt" -ge "$attempts" ]; then
    echo "Could not create the seeds/ event subscription; run $0 again once the app is up." >&2
    exit 1
  fi
  echo "The function host is not ready yet; retrying in ${delay_seconds}s." >&2
  sleep "$delay_seconds"
  attempt=$((attempt + 1))
done
