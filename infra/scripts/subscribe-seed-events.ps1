#!/usr/bin/env pwsh
# Subscribes the deployed function to BlobCreated events under seeds/ (infra/eventgrid.bicep).
# azd runs this after `azd deploy`; outside azd, set the three environment variables below first.
# Right after a deploy the host may not have registered the blob extension's key yet, so the
# deployment is retried for a few minutes before giving up.
$ErrorActionPreference = 'Stop'

foreach ($name in 'AZURE_RESOURCE_GROUP', 'AZURE_FUNCTION_APP_NAME', 'AZURE_EVENTGRID_SYSTEM_TOPIC_NAME') {
    if (-not [Environment]::GetEnvironmentVariable($name)) {
        throw "$name is not set (run through azd, or set it)."
    }
}

$template = Join-Path (Split-Path -Parent $PSScriptRoot) 'eventgrid.bicep'
$attempts = if ($env:SEED_EVENTS_ATTEMPTS) { [int]$env:SEED_EVENTS_ATTEMPTS } else { 10 }
$delaySeconds = if ($env:SEED_EVENTS_RETRY_SECONDS) { [int]$env:SEED_EVENTS_RETRY_SECONDS } else { 30 }

for ($attempt = 1; ; $attempt++) {
    Write-Host "Subscribing $env:AZURE_FUNCTION_APP_NAME to seed uploads (attempt $attempt of $attempts)..."
    az deployment group create `
        --name seed-events `
        --resource-group $env:AZURE_RESOURCE_GROUP `
        --template-file $template `
        --parameters functionAppName=$env:AZURE_FUNCTION_APP_NAME systemTopicName=$env:AZURE_EVENTGRID_SYSTEM_TOPIC_NAME `
        --output none
    if ($LASTEXITCODE -eq 0) {
        Write-Host 'Seed uploads to the seeds container now start runs.'
        exit 0
    }
    if ($attempt -ge $attempts) {
        throw "Could not create the seeds/ event subscription; run $PSCommandPath again once the app is up."
    }
    Write-Warning "The function host is not ready yet; retrying in $delaySeconds s."
    Start-Sleep -Seconds $delaySeconds
}
