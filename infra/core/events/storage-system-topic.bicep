metadata description = 'Event Grid system topic that publishes a storage account\'s blob events; subscriptions are added after the app is deployed.'

@description('System topic name.')
param name string

@description('Region of the storage account: a system topic lives where its source does.')
param location string

@description('Resource tags.')
param tags object = {}

@description('Name of the storage account whose events the topic publishes.')
param storageAccountName string

resource storage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    source: storage.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

@description('System topic name.')
output name string = topic.name
