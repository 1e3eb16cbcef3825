// Flex Consumption (FC1) plan and the function app that runs the connector on the .NET isolated worker (runtime
// 'dotnet-isolated' 10.0). Everything authenticates with the user-assigned identity.
// On Flex the runtime, version and package come from functionAppConfig: the worker-runtime, extension-version and
// run-from-package app settings of the older plans are not accepted there, so they are deliberately absent.

@description('Function app name (also the default host name prefix), globally unique.')
@minLength(2)
@maxLength(60)
param name string

@description('Flex Consumption plan name.')
@minLength(1)
@maxLength(60)
param planName string

@description('Azure region (must offer Flex Consumption: az functionapp list-flexconsumption-locations).')
param location string

@description('Tags for the plan.')
param tags object = {}

@description('Tags for the function app (adds azd-service-name).')
param appTags object = {}

@description('Resource id of the user-assigned managed identity.')
param identityId string

@description('Client id of the user-assigned managed identity.')
param identityClientId string

@description('Storage account used by the host, the connector and the deployment package.')
param storageAccountName string

@description('Blob container the deployment package is uploaded to.')
param deploymentContainerName string

@description('Key Vault URI (https://<name>.vault.azure.net/).')
param keyVaultUri string

@description('Application Insights component name.')
param applicationInsightsName string

@description('Queue the webhook writes and the enrich function reads (Connector__Queues__Events).')
param eventsQueueName string

@description('Queue enriched records are published to (Connector__Queues__Enriched).')
param enrichedQueueName string

@description('Queue token alerts are published to (Connector__Queues__Alerts).')
param alertsQueueName string

@description('Queue of sync page work (Connector__Queues__Sync); the Functions host resolves the sync-page trigger\'s %CONNECTOR_SYNC_QUEUE% from it.')
param syncQueueName string

@description('NCRONTAB schedule of the sync timer (Connector__Sync__Schedule); the Functions host resolves the trigger\'s %CONNECTOR_SYNC_SCHEDULE% from it.')
param syncSchedule string = '0 15 * * * *'

@description('Attempts per event before the poison queue; sets the host (host.json override) and the app alike.')
@minValue(1)
@maxValue(100)
param maxDequeueCount int = 5

@description('NCRONTAB schedule of the token-monitor timer (Connector__Tokens__Schedule); the Functions host resolves the trigger\'s %CONNECTOR_TOKENS_SCHEDULE% from it.')
param tokensSchedule string = '0 0 */6 * * *'

@description('Blob container for large payloads.')
param payloadContainerName string

@description('Most instances Flex may scale out to (40-1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Memory per instance; CPU scales with it (2048 MB ~ 1 vCPU).')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Always-ready instances for the HTTP group (webhook, admin, health). 0 = scale to zero, billed only per execution.')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int = 0

@description('Extra app settings (name -> value), e.g. Connector__Tokens__AutoRotate. Cannot override the identity, storage, Key Vault or telemetry settings.')
param additionalAppSettings object = {}

resource storageAccount 'Microsoft.Storage/storageAccounts@2026-09-01' existing = {
  name: storageAccountName
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
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
          value: '${storageAccount.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReadyHttpInstances > 0 ? [
          {
            name: 'http'
            instanceCount: alwaysReadyHttpInstances
          }
        ] : []
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

var publicBaseUrl = 'https://${functionApp.properties.defaultHostName}'

// Settings the app cannot run without in Azure (Functions/Configuration/SettingNames.cs RequiredInAzure), plus the
// queue/container names shared with the storage module. Identity-based storage: no key, no connection string.
var appSettings = {
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storageAccount.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storageAccount.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storageAccount.properties.primaryEndpoints.table
  Connector__KeyVaultUri: keyVaultUri
  Connector__ManagedIdentityClientId: identityClientId
  Connector__PublicBaseUrl: publicBaseUrl
  Connector__Queues__Events: eventsQueueName
  Connector__Queues__Enriched: enrichedQueueName
  Connector__Queues__Alerts: alertsQueueName
  Connector__PayloadContainer: payloadContainerName
  Connector__Tokens__Schedule: tokensSchedule
  Connector__Queues__Sync: syncQueueName
  Connector__Sync__Schedule: syncSchedule
  // The Functions host and the scale controller that wakes an idle app read the trigger settings by these flat names
  // ([QueueTrigger("%CONNECTOR_EVENTS_QUEUE%", Connection = "AzureWebJobsStorage")], [TimerTrigger("%CONNECTOR_TOKENS_SCHEDULE%")]
  // in functions.metadata); a nested Connector:Queues:Events cannot be looked up on Linux. One parameter sets both copies.
  CONNECTOR_EVENTS_QUEUE: eventsQueueName
  CONNECTOR_TOKENS_SCHEDULE: tokensSchedule
  CONNECTOR_SYNC_QUEUE: syncQueueName
  CONNECTOR_SYNC_SCHEDULE: syncSchedule
  // On Azure the host decides when a message is poison (host.json extensions.queues.maxDequeueCount, overridden here);
  // the app's copy names the same threshold in its logs and standalone mode.
  AzureFunctionsJobHost__extensions__queues__maxDequeueCount: string(maxDequeueCount)
  Connector__Queues__MaxDequeueCount: string(maxDequeueCount)
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
}

// A separate config resource (rather than siteConfig.appSettings) so the public URL can use the site's own host name.
// union() lets the core settings win over additionalAppSettings.
resource appSettingsConfig 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: union(additionalAppSettings, appSettings)
}

output id string = functionApp.id
output name string = functionApp.name
output defaultHostName string = functionApp.properties.defaultHostName
output url string = publicBaseUrl
output planName string = plan.name
