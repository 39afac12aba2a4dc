metadata description = 'Azure OpenAI account with one model deployment (and optionally a GlobalBatch deployment of the same model), Entra authentication only.'

@description('Account name; also its custom subdomain, which token authentication requires.')
param name string

@description('Azure region; pick one where the model and SKU have quota.')
param location string

@description('Resource tags.')
param tags object = {}

@description('Name of the model deployment the app calls.')
param deploymentName string

@description('Model name, for example gpt-4.1-mini.')
param modelName string

@description('Model version, for example 2025-04-14.')
param modelVersion string

@description('Deployment SKU.')
@allowed([
  'GlobalStandard'
  'DataZoneStandard'
  'Standard'
])
param skuName string

@description('Deployment capacity in thousands of tokens per minute.')
@minValue(1)
param capacity int

@description('Name of a second deployment of the same model with the GlobalBatch SKU, which batch jobs need; empty deploys none.')
param batchDeploymentName string = ''

@description('Enqueued-token capacity of the batch deployment, in thousands of tokens: how much batch input may wait at once.')
@minValue(1)
param batchCapacity int = 1000

@description('Name of the user-assigned identity that calls the model; it gets Cognitive Services OpenAI User on this account.')
param userIdentityName string

// Cognitive Services OpenAI User: inference calls only, no management of deployments or keys.
var openAiUserRoleId = '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd'

var model = {
  format: 'OpenAI'
  name: modelName
  version: modelVersion
}

resource user 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' existing = {
  name: userIdentityName
}

resource account 'Microsoft.CognitiveServices/accounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: name
    disableLocalAuth: true
    publicNetworkAccess: 'Enabled'
  }
}

resource deployment 'Microsoft.CognitiveServices/accounts/deployments@2025-06-01' = {
  parent: account
  name: deploymentName
  sku: {
    name: skuName
    capacity: capacity
  }
  properties: {
    model: model
    // The version stays pinned while it is served; once it retires, Azure moves the deployment to the default
    // version instead of letting it stop answering (what NoAutoUpgrade does).
    versionUpgradeOption: 'OnceCurrentVersionExpired'
  }
}

resource batchDeployment 'Microsoft.CognitiveServices/accounts/deployments@2025-06-01' = if (!empty(batchDeploymentName)) {
  parent: account
  name: batchDeploymentName
  sku: {
    name: 'GlobalBatch'
    capacity: batchCapacity
  }
  properties: {
    model: model
    versionUpgradeOption: 'OnceCurrentVersionExpired'
  }
  // An account changes one deployment at a time: created alongside the standard one, this would fail with a conflict.
  dependsOn: [
    deployment
  ]
}

resource userRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(account.id, user.id, openAiUserRoleId)
  scope: account
  properties: {
    principalId: user.properties.principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', openAiUserRoleId)
  }
}

@description('Account endpoint, for example https://<name>.openai.azure.com/.')
output endpoint string = account.properties.endpoint

@description('Account name.')
output name string = account.name

@description('Deployment name the app calls.')
output deploymentName string = deployment.name

@description('GlobalBatch deployment name batch runs use; empty when none is deployed.')
output batchDeploymentName string = batchDeploymentName
