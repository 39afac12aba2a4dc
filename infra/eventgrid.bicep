metadata description = 'Subscribes the deployed function to BlobCreated events under seeds/. Deploy after the code: the webhook URL carries the blob extension\'s system key, which exists only once the host has loaded the blob-triggered function.'

@description('Function app name.')
param functionAppName string

@description('Event Grid system topic on the storage account.')
param systemTopicName string

@description('Name of the Event Grid-sourced blob-triggered function: its [Function] name in src/ServerlessInstruct.Functions/Triggers (the infra tests compare the two).')
param functionName string = 'StartRunOnSeedBlob'

@description('Container whose new blobs start runs.')
param seedsContainerName string = 'seeds'

resource app 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource topic 'Microsoft.EventGrid/systemTopics@2025-02-15' existing = {
  name: systemTopicName
}

// sites/host has no published type, so the key comes from the listKeys function on its id.
var blobsExtensionKey = listKeys('${app.id}/host/default', app.apiVersion).systemKeys.blobs_extension

resource seedCreated 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2025-02-15' = {
  parent: topic
  name: 'seed-created'
  properties: {
    destination: {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${app.properties.defaultHostName}/runtime/webhooks/blobs?functionName=Host.Functions.${functionName}&code=${blobsExtensionKey}'
        // One seed is one run: batching would only delay the start.
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: 'EventGridSchema'
    filter: {
      includedEventTypes: [
        'Microsoft.Storage.BlobCreated'
      ]
      subjectBeginsWith: '/blobServices/default/containers/${seedsContainerName}/'
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
  }
}

@description('Event subscription name.')
output subscriptionName string = seedCreated.name
