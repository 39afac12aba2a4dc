metadata description = 'Linux Flex Consumption plan (FC1) and one function app running under a user-assigned identity, with its package in a blob container reached by that identity.'

@description('Plan name.')
param planName string

@description('Function app name; also its host name prefix.')
param appName string

@description('Azure region.')
param location string

@description('Tags for the plan.')
param tags object = {}

@description('Tags for the app; azd finds the service to deploy by its azd-service-name tag.')
param appTags object = {}

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Blob container URL that holds the deployment package, for example https://<account>.blob.core.windows.net/app-package.')
param deploymentContainerUrl string

@description('Worker runtime name.')
@allowed([
  'dotnet-isolated'
  'node'
  'python'
  'java'
  'powershell'
  'custom'
])
param runtimeName string

@description('Worker runtime version, for example 10.0.')
param runtimeVersion string

@description('Memory of each instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int

@description('Upper bound on instances the app may scale out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int

@description('Instances kept warm per function group or function, for example [{ name: \'durable\', instanceCount: 1 }].')
param alwaysReady array = []

@description('Application settings. Flex Consumption rejects the settings it manages itself (FUNCTIONS_WORKER_RUNTIME, WEBSITE_RUN_FROM_PACKAGE and similar).')
param appSettings object

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    name: 'FC1'
    tier: 'FlexConsumption'
  }
  properties: {
    // Linux.
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: appName
  location: location
  tags: appTags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        alwaysReady: alwaysReady
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: appSettings
  }

  // Publishing goes through Entra (azd and the CLI use tokens), so the basic-auth endpoints stay shut.
  resource ftpCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'ftp'
    properties: {
      allow: false
    }
  }

  resource scmCredentials 'basicPublishingCredentialsPolicies' = {
    name: 'scm'
    properties: {
      allow: false
    }
  }
}

@description('Function app name.')
output name string = app.name

@description('Default host name, for example <app>.azurewebsites.net.')
output defaultHostName string = app.properties.defaultHostName
