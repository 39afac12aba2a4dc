metadata description = 'The ServerlessInstruct function app: Flex Consumption, .NET 10 isolated worker, every connection through the user-assigned identity.'

@description('Plan name.')
param planName string

@description('Function app name.')
param appName string

@description('Azure region.')
param location string

@description('Resource tags.')
param tags object = {}

@description('Name of the user-assigned identity the app runs as.')
param identityName string

@description('Storage account used by the Functions host, the Durable Task hub and the pipeline data.')
param storageAccountName string

@description('Blob container holding the deployment package.')
param deploymentContainerName string

@description('Application Insights component that receives telemetry.')
param applicationInsightsName string

@description('Azure OpenAI endpoint.')
param openAiEndpoint string

@description('Azure OpenAI deployment name.')
param openAiDeploymentName string

@description('GlobalBatch deployment batch runs use (Llm__BatchDeployment); empty writes no setting, and batch runs use openAiDeploymentName.')
param openAiBatchDeploymentName string = ''

@description('Tokens per minute the model deployment admits (Llm__TokensPerMinute).')
@minValue(1)
param openAiTokensPerMinute int

@description('Requests per minute the model deployment admits (Llm__RequestsPerMinute).')
@minValue(1)
param openAiRequestsPerMinute int

@description('Instances that share the deployment\'s quota, each pacing its calls to its share (Llm__Instances); 0 uses maximumInstanceCount, as many as may run activities at once.')
@minValue(0)
@maxValue(1000)
param pacingInstances int = 0

@description('Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound on instances.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Always-ready instances for the durable group (orchestrators and activities); 0 lets it scale to zero.')
@minValue(0)
param durableAlwaysReadyInstances int

@description('Pipeline defaults written as Pipeline__* settings; runs override them per seed.')
param pipelineSettings object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: identityName
}

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var identitySettings = {
  // The Functions host, the Durable Task hub, the Event Grid blob trigger and the pipeline's own blob
  // and table clients all read this one identity-based connection: service URIs, no keys.
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identity.properties.clientId
  // DefaultAzureCredential picks the user-assigned identity from this.
  AZURE_CLIENT_ID: identity.properties.clientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identity.properties.clientId};Authorization=AAD'
  Llm__Provider: 'azure'
  Llm__Endpoint: openAiEndpoint
  Llm__Deployment: openAiDeploymentName
  Llm__ClientId: identity.properties.clientId
}

var batchSettings = empty(openAiBatchDeploymentName) ? {} : { Llm__BatchDeployment: openAiBatchDeploymentName }

// The LLM client paces its calls to the deployment's quota instead of learning it from 429s; the pacing is per
// process, so each instance takes a 1/Llm__Instances share.
var pacingSettings = {
  Llm__TokensPerMinute: string(openAiTokensPerMinute)
  Llm__RequestsPerMinute: string(openAiRequestsPerMinute)
  Llm__Instances: string(pacingInstances == 0 ? maximumInstanceCount : pacingInstances)
}

module host '../core/host/flex-consumption-app.bicep' = {
  name: 'function-app'
  params: {
    planName: planName
    appName: appName
    location: location
    tags: tags
    appTags: union(tags, { 'azd-service-name': 'functions' })
    identityId: identity.id
    deploymentContainerUrl: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
    runtimeName: 'dotnet-isolated'
    runtimeVersion: '10.0'
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    alwaysReady: durableAlwaysReadyInstances > 0
      ? [
          {
            name: 'durable'
            instanceCount: durableAlwaysReadyInstances
          }
        ]
      : []
    appSettings: union(pipelineSettings, pacingSettings, batchSettings, identitySettings)
  }
}

@description('Function app name.')
output name string = host.outputs.name

@description('Default host name.')
output defaultHostName string = host.outputs.defaultHostName
