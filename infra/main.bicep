// GitLab connector on Azure Functions Flex Consumption (.NET isolated worker, dotnet-isolated 10.0), deployed into a
// resource group: `azd up` (azure.yaml; azd asks for or creates the group), or
//   az deployment group create -g <rg> -f infra/main.bicep -p infra/main.parameters.json -p environmentName=<env>
// See docs/deploy.md. Every name defaults to <abbreviation><resourceToken> and can be overridden.
targetScope = 'resourceGroup'

@description('Environment name (e.g. dev, prod); part of every generated name and the azd-env-name tag.')
@minLength(1)
@maxLength(64)
param environmentName string

@description('Azure region; must offer Flex Consumption (az functionapp list-flexconsumption-locations).')
@minLength(1)
param location string = resourceGroup().location

@description('Tags added to every resource.')
param tags object = {}

@description('Optional object id of the deploying user or pipeline principal; gets Key Vault Secrets Officer. Empty = none.')
param deployerPrincipalId string = ''

@description('Principal type of deployerPrincipalId.')
@allowed([
  'User'
  'Group'
  'ServicePrincipal'
])
param deployerPrincipalType string = 'User'

@description('Override: user-assigned managed identity name.')
param identityName string = ''

@description('Override: storage account name (3-24 lower-case letters and digits).')
@maxLength(24)
param storageAccountName string = ''

@description('Override: Key Vault name (3-24 characters).')
@maxLength(24)
param keyVaultName string = ''

@description('Override: Log Analytics workspace name.')
param logAnalyticsName string = ''

@description('Override: Application Insights name.')
param applicationInsightsName string = ''

@description('Override: Flex Consumption plan name.')
param appServicePlanName string = ''

@description('Override: function app name (the default host name is <name>.azurewebsites.net).')
param functionAppName string = ''

@description('Override: blob container for the deployment package.')
@maxLength(63)
param deploymentContainerName string = ''

@description('Storage replication.')
@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
param storageSkuName string = 'Standard_LRS'

@description('Queue for accepted webhook deliveries (Connector__Queues__Events).')
@minLength(3)
@maxLength(56)
param eventsQueueName string = 'gitlab-events'

@description('Deliveries of one event the enrich function attempts before it goes to the poison queue (host.json queues.maxDequeueCount and Connector__Queues__MaxDequeueCount).')
@minValue(1)
@maxValue(100)
param maxDequeueCount int = 5

@description('Queue for enriched records (Connector__Queues__Enriched).')
@minLength(3)
@maxLength(63)
param enrichedQueueName string = 'gitlab-enriched'

@description('Queue for token alerts (Connector__Queues__Alerts).')
@minLength(3)
@maxLength(63)
param alertsQueueName string = 'gitlab-alerts'

@description('Queue of sync page work (Connector__Queues__Sync).')
@minLength(3)
@maxLength(56)
param syncQueueName string = 'gitlab-sync'

@description('Blob container for payloads too large for a queue message (Connector__PayloadContainer).')
@minLength(3)
@maxLength(63)
param payloadContainerName string = 'gitlab-payloads'

@description('Tables the connector uses (letters and digits only). The app also creates any missing table on first use.')
param tableNames array = [
  'connections'
  'dedupe'
  'enriched'
  'enrichedsubjects'
  'failures'
  'parked'
  'usermap'
  'tokenstatus'
  'leases'
]

@description('Key Vault public network access (Disabled needs private endpoints, not created here).')
@allowed([
  'Enabled'
  'Disabled'
])
param keyVaultPublicNetworkAccess string = 'Enabled'

@description('Key Vault soft-delete retention; with purge protection the vault name stays reserved this long after deletion.')
@minValue(7)
@maxValue(90)
param keyVaultSoftDeleteRetentionInDays int = 90

@description('\'recover\' to re-attach a soft-deleted vault of the same name after a teardown; \'default\' otherwise.')
@allowed([
  'default'
  'recover'
])
param keyVaultCreateMode string = 'default'

@description('Flex Consumption: most instances to scale out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('Flex Consumption: memory per instance in MB.')
@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Flex Consumption: always-ready instances of the HTTP group (webhook, admin, health). 0 = scale to zero, billed per execution, cold start after idling; n > 0 = n warm instances billed continuously (docs/deploy.md §11).')
@minValue(0)
@maxValue(20)
param alwaysReadyHttpInstances int = 0

@description('Extra app settings (name -> string value), e.g. { "Connector__Tokens__AutoRotate": "true" }.')
param additionalAppSettings object = {}

@description('Create the Azure Monitor alert rules (docs/operations.md) and the workbook.')
param enableAlerts bool = true

@description('Existing action group the alerts notify. Empty = create one (with alertEmail as receiver).')
param actionGroupId string = ''

@description('E-mail address for the created action group (azd: azd env set ALERT_EMAIL <address>). Empty = an action group without receivers: the alerts fire, but notify nobody.')
param alertEmail string = ''

var abbrs = loadJsonContent('abbreviations.json')
// azd substitutes ${AZURE_PRINCIPAL_ID=} and ${ALERT_EMAIL=} in main.parameters.json; plain `az deployment` passes them
// through verbatim, so an unsubstituted placeholder counts as "not given".
var deployerId = contains(deployerPrincipalId, '$') ? '' : deployerPrincipalId
var alertReceiver = contains(alertEmail, '$') ? '' : alertEmail
var resourceToken = toLower(uniqueString(subscription().id, resourceGroup().id, environmentName, location))
var allTags = union(tags, { 'azd-env-name': environmentName })

var names = {
  identity: !empty(identityName) ? identityName : '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
  storage: !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
  keyVault: !empty(keyVaultName) ? keyVaultName : '${abbrs.keyVaultVaults}${resourceToken}'
  logAnalytics: !empty(logAnalyticsName) ? logAnalyticsName : '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
  applicationInsights: !empty(applicationInsightsName) ? applicationInsightsName : '${abbrs.insightsComponents}${resourceToken}'
  plan: !empty(appServicePlanName) ? appServicePlanName : '${abbrs.webServerFarms}${resourceToken}'
  functionApp: !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}${resourceToken}'
}

var generatedPackageContainerName = toLower('app-package-${take(names.functionApp, 32)}-${take(uniqueString(names.functionApp, resourceToken), 7)}')
var packageContainerName = !empty(deploymentContainerName) ? deploymentContainerName : generatedPackageContainerName

// The Functions host creates <queue>-poison on first failure; creating it up front lets the dead-letter API list it at once.
var queueNames = [
  eventsQueueName
  '${eventsQueueName}-poison'
  enrichedQueueName
  alertsQueueName
  syncQueueName
]

module identity 'modules/identity.bicep' = {
  name: 'identity'
  params: {
    name: names.identity
    location: location
    tags: allTags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    name: names.storage
    location: location
    tags: allTags
    skuName: storageSkuName
    queueNames: queueNames
    tableNames: tableNames
    payloadContainerName: payloadContainerName
    deploymentContainerName: packageContainerName
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    name: names.keyVault
    location: location
    tags: allTags
    publicNetworkAccess: keyVaultPublicNetworkAccess
    softDeleteRetentionInDays: keyVaultSoftDeleteRetentionInDays
    createMode: keyVaultCreateMode
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: allTags
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  params: {
    principalId: identity.outputs.principalId
    principalType: 'ServicePrincipal'
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    deployerPrincipalId: deployerId
    deployerPrincipalType: deployerPrincipalType
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  // Roles first, so the host's first start can already reach storage, Key Vault and App Insights.
  dependsOn: [
    rbac
  ]
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: allTags
    appTags: union(allTags, { 'azd-service-name': 'api' })
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageAccountName: storage.outputs.name
    deploymentContainerName: storage.outputs.deploymentContainerName
    keyVaultUri: keyVault.outputs.uri
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    eventsQueueName: eventsQueueName
    enrichedQueueName: enrichedQueueName
    alertsQueueName: alertsQueueName
    syncQueueName: syncQueueName
    maxDequeueCount: maxDequeueCount
    payloadContainerName: storage.outputs.payloadContainerName
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    additionalAppSettings: additionalAppSettings
  }
}

module alerts 'modules/alerts.bicep' = if (enableAlerts) {
  name: 'alerts'
  params: {
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    location: location
    tags: allTags
    actionGroupId: actionGroupId
    alertEmail: alertReceiver
    namePrefix: names.functionApp
    eventsQueueName: eventsQueueName
  }
}

module workbook 'modules/workbook.bicep' = if (enableAlerts) {
  name: 'workbook'
  params: {
    applicationInsightsId: monitoring.outputs.applicationInsightsId
    location: location
    tags: allTags
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = resourceGroup().name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output FUNCTION_APP_URL string = functionApp.outputs.url
output WEBHOOK_BASE_URL string = '${functionApp.outputs.url}/api/webhooks/gitlab'
output ADMIN_API_URL string = '${functionApp.outputs.url}/api/connections'
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_URI string = keyVault.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_MANAGED_IDENTITY_NAME string = identity.outputs.name
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output AZURE_LOG_ANALYTICS_NAME string = monitoring.outputs.logAnalyticsName
