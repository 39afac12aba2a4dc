metadata description = 'ServerlessInstruct: seeds dropped in blob storage become instruction-tuning datasets through a Durable Functions pipeline on Flex Consumption. No keys: every connection uses one user-assigned identity.'

targetScope = 'subscription'

@description('azd environment name; names and tags every resource.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Region for everything but the Azure OpenAI account. It must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Region of the Azure OpenAI account, where the model and SKU have quota; empty uses location.')
param openAiLocation string = ''

@description('Object id of whoever uploads seeds and reads datasets (azd fills in the signed-in user); empty grants nothing.')
param principalId string = ''

@description('Kind of principal principalId is.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param principalType string = 'User'

@description('Model to deploy.')
param openAiModelName string = 'gpt-4.1-mini'

@description('Model version.')
param openAiModelVersion string = '2025-04-14'

@description('Deployment name the app calls; empty uses openAiModelName.')
param openAiDeploymentName string = ''

@description('Deployment SKU.')
@allowed([
  'GlobalStandard'
  'DataZoneStandard'
  'Standard'
])
param openAiDeploymentSku string = 'GlobalStandard'

@description('Deployment capacity in thousands of tokens per minute.')
@minValue(1)
param openAiDeploymentCapacity int = 50

@description('Requests per minute each unit of capacity grants, which depends on the model: 1 for the gpt-4.1 series, o3 and o4-mini, 6 for gpt-4o, gpt-4o-mini and older chat models. The app paces its calls to capacity x this (Llm__RequestsPerMinute).')
@minValue(1)
param openAiRequestsPerCapacityUnit int = 1

@description('Also deploy the model with the GlobalBatch SKU, which runs in batch mode send their calls to (Llm__BatchDeployment): half the price of standard calls, results within 24 hours, a quota of its own.')
param openAiBatchDeployment bool = false

@description('Name of the batch deployment; empty uses the standard deployment\'s name followed by -batch.')
param openAiBatchDeploymentName string = ''

@description('Enqueued-token capacity of the batch deployment in thousands of tokens: how much batch input may wait at once.')
@minValue(1)
param openAiBatchCapacity int = 1000

@description('Memory of each function instance in MB.')
@allowed([
  512
  2048
  4096
])
param functionInstanceMemoryMB int = 2048

@description('Upper bound on function instances.')
@minValue(1)
@maxValue(1000)
param functionMaximumInstanceCount int = 40

@description('Instances the app assumes share the deployment\'s quota (Llm__Instances); each paces its calls to its share. 1 (the default) lets one instance use all of it, and 429s slow down any others until they fit; 0 uses functionMaximumInstanceCount, which never exceeds the quota but leaves most of it unused while few instances run.')
@minValue(0)
@maxValue(1000)
param llmPacingInstances int = 1

@description('Always-ready instances for the durable group, so a run never waits on a cold orchestrator; 0 scales to zero.')
@minValue(0)
@maxValue(10)
param durableAlwaysReadyInstances int = 1

@description('Default mode for runs; empty keeps the app\'s own default.')
@allowed([
  ''
  'self-instruct'
  'alpaca'
  'translate'
  'qa-rewrite'
  'mrc'
])
param pipelineMode string = ''

@description('Default output language, en or ko (the languages the app supports); empty keeps the app\'s own default.')
@allowed([
  ''
  'en'
  'ko'
])
param pipelineLanguage string = ''

@description('Default judging stage after the filters: none, quality (a 1-5 score; low scores are rejected) or quality+safety (also rejects unsafe records); empty keeps the app\'s own default (none).')
@allowed([
  ''
  'none'
  'quality'
  'quality+safety'
])
param pipelineJudge string = ''

@description('Default number of accepted instructions a run aims for; 0 keeps the app\'s own default.')
@minValue(0)
param pipelineTargetCount int = 0

@description('Default number of LLM calls in flight per run; 0 keeps the app\'s own default.')
@minValue(0)
param pipelineMaxConcurrency int = 0

@description('Default spending cap per run in US dollars: digits with at most one decimal point, such as 2.50 or 10 (no sign, currency symbol, thousands separator or exponent); anything else fails the deployment. Empty keeps the app\'s own default (no cap).')
param pipelineBudgetUsd string = ''

@description('Default dedup scope: a corpus name shared by runs, made of lowercase letters, digits and dashes, not starting with a dash, at most 53 characters (the app\'s rule for run ids); anything else fails the deployment. Empty keeps the app\'s own default (each run on its own).')
@maxLength(53)
param pipelineDedupScope string = ''

var abbreviations = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}
var seedsContainerName = 'seeds'
var datasetsContainerName = 'datasets'
var deploymentContainerName = 'app-package'
// Names are fixed before deployment (not read back from module outputs) so what-if can predict every resource.
var identityName = '${abbreviations.managedIdentity}${resourceToken}'
var storageAccountName = '${abbreviations.storageAccount}${resourceToken}'
var applicationInsightsName = '${abbreviations.applicationInsights}${resourceToken}'
var openAiStandardDeploymentName = empty(openAiDeploymentName) ? openAiModelName : openAiDeploymentName
// Empty when off, which also leaves Llm__BatchDeployment out of the app's settings.
var openAiBatchDeploymentResolvedName = openAiBatchDeployment
  ? (empty(openAiBatchDeploymentName) ? '${openAiStandardDeploymentName}-batch' : openAiBatchDeploymentName)
  : ''

// A value the app would reject stops the deployment here: a budget that does not bind to a double would fail every
// function that reads the options, and a dedup scope that is not a valid run id would refuse every seed.
var pipelineBudgetUsdIsDecimal = pipelineBudgetUsd != '.' && length(split(pipelineBudgetUsd, '.')) <= 2 && empty(filter(
  range(0, length(pipelineBudgetUsd)),
  i => !contains('0123456789.', substring(pipelineBudgetUsd, i, 1))
))
var pipelineDedupScopeIsRunId = !startsWith(pipelineDedupScope, '-') && empty(filter(
  range(0, length(pipelineDedupScope)),
  i => !contains('abcdefghijklmnopqrstuvwxyz0123456789-', substring(pipelineDedupScope, i, 1))
))

// Only the defaults someone chose become settings, so the app's own defaults stay the single source.
var pipelineSettings = union(
  empty(pipelineMode) ? {} : { Pipeline__Mode: pipelineMode },
  empty(pipelineLanguage) ? {} : { Pipeline__Language: pipelineLanguage },
  empty(pipelineJudge) ? {} : { Pipeline__Judge: pipelineJudge },
  pipelineTargetCount == 0 ? {} : { Pipeline__TargetCount: string(pipelineTargetCount) },
  pipelineMaxConcurrency == 0 ? {} : { Pipeline__MaxConcurrency: string(pipelineMaxConcurrency) },
  empty(pipelineBudgetUsd)
    ? {}
    : {
        Pipeline__BudgetUsd: pipelineBudgetUsdIsDecimal
          ? pipelineBudgetUsd
          : fail('pipelineBudgetUsd (PIPELINE_BUDGET_USD) must be digits with at most one decimal point, such as 2.50, not \'${pipelineBudgetUsd}\'.')
      },
  empty(pipelineDedupScope)
    ? {}
    : {
        Pipeline__DedupScope: pipelineDedupScopeIsRunId
          ? pipelineDedupScope
          : fail('pipelineDedupScope (PIPELINE_DEDUP_SCOPE) must be lowercase letters, digits and dashes, not starting with a dash, not \'${pipelineDedupScope}\'.')
      }
)

resource resourceGroup 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbreviations.resourceGroup}${environmentName}'
  location: location
  tags: tags
}

module identity 'core/identity/user-assigned-identity.bicep' = {
  name: 'identity'
  scope: resourceGroup
  params: {
    name: identityName
    location: location
    tags: tags
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: resourceGroup
  params: {
    logAnalyticsName: '${abbreviations.logAnalyticsWorkspace}${resourceToken}'
    applicationInsightsName: applicationInsightsName
    location: location
    tags: tags
    publisherIdentityName: identityName
  }
  dependsOn: [
    identity
  ]
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: resourceGroup
  params: {
    name: storageAccountName
    location: location
    tags: tags
    containerNames: [
      seedsContainerName
      datasetsContainerName
      deploymentContainerName
    ]
    tableNames: [
      'instructions'
    ]
    appIdentityName: identityName
    operatorPrincipalId: principalId
    operatorPrincipalType: principalType
  }
  dependsOn: [
    identity
  ]
}

module openAi 'core/ai/openai.bicep' = {
  name: 'openai'
  scope: resourceGroup
  params: {
    name: '${abbreviations.openAiAccount}${resourceToken}'
    location: empty(openAiLocation) ? location : openAiLocation
    tags: tags
    deploymentName: openAiStandardDeploymentName
    batchDeploymentName: openAiBatchDeploymentResolvedName
    batchCapacity: openAiBatchCapacity
    modelName: openAiModelName
    modelVersion: openAiModelVersion
    skuName: openAiDeploymentSku
    capacity: openAiDeploymentCapacity
    userIdentityName: identityName
  }
  dependsOn: [
    identity
  ]
}

module seedEvents 'core/events/storage-system-topic.bicep' = {
  name: 'seed-events'
  scope: resourceGroup
  params: {
    name: '${abbreviations.eventGridSystemTopic}${resourceToken}'
    location: location
    tags: tags
    storageAccountName: storageAccountName
  }
  dependsOn: [
    storage
  ]
}

module functions 'app/functions.bicep' = {
  name: 'functions'
  scope: resourceGroup
  params: {
    planName: '${abbreviations.flexConsumptionPlan}${resourceToken}'
    appName: '${abbreviations.functionApp}${resourceToken}'
    location: location
    tags: tags
    identityName: identityName
    storageAccountName: storageAccountName
    deploymentContainerName: deploymentContainerName
    applicationInsightsName: applicationInsightsName
    openAiEndpoint: openAi.outputs.endpoint
    openAiDeploymentName: openAi.outputs.deploymentName
    openAiBatchDeploymentName: openAiBatchDeploymentResolvedName
    // The quota the deployment was given, in the units the app paces to (docs/throughput.md).
    openAiTokensPerMinute: openAiDeploymentCapacity * 1000
    openAiRequestsPerMinute: openAiDeploymentCapacity * openAiRequestsPerCapacityUnit
    pacingInstances: llmPacingInstances
    instanceMemoryMB: functionInstanceMemoryMB
    maximumInstanceCount: functionMaximumInstanceCount
    durableAlwaysReadyInstances: durableAlwaysReadyInstances
    pipelineSettings: pipelineSettings
  }
  dependsOn: [
    identity
    monitoring
    storage
  ]
}

@description('Tenant of the deployment.')
output AZURE_TENANT_ID string = tenant().tenantId

@description('Region of the deployment.')
output AZURE_LOCATION string = location

@description('Resource group holding every resource.')
output AZURE_RESOURCE_GROUP string = resourceGroup.name

@description('Function app name.')
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name

@description('Function app host name.')
output AZURE_FUNCTION_APP_HOSTNAME string = functions.outputs.defaultHostName

@description('Storage account for seeds and datasets.')
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name

@description('Container that starts a run when a seed lands in it.')
output AZURE_STORAGE_SEEDS_CONTAINER string = seedsContainerName

@description('Container where each run writes its dataset.')
output AZURE_STORAGE_DATASETS_CONTAINER string = datasetsContainerName

@description('Event Grid system topic on the storage account; the post-deploy hook subscribes the function to it.')
output AZURE_EVENTGRID_SYSTEM_TOPIC_NAME string = seedEvents.outputs.name

@description('Azure OpenAI endpoint.')
output AZURE_OPENAI_ENDPOINT string = openAi.outputs.endpoint

@description('Azure OpenAI deployment name.')
output AZURE_OPENAI_DEPLOYMENT string = openAi.outputs.deploymentName

@description('Azure OpenAI GlobalBatch deployment name; empty when none is deployed.')
output AZURE_OPENAI_BATCH_DEPLOYMENT string = openAi.outputs.batchDeploymentName

@description('Application Insights component name.')
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
