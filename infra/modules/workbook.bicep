// Azure Monitor workbook over the connector's telemetry (charts: deliveries by outcome, enrichment lag, GitLab
// rate-limit headroom, token days left per connection, queue depth, ingest latency). The queries live in
// workbook.json; every name they use is listed in Functions/Telemetry/TelemetryNames.cs (AlertInvariantTests).

@description('Resource id of the Application Insights component the workbook reads.')
param applicationInsightsId string

@description('Azure region.')
param location string

@description('Tags.')
param tags object = {}

@description('Display name in the portal.')
param displayName string = 'GitLab connector'

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  // A workbook's name must be a GUID; derived so redeployments update the same one.
  name: guid(resourceGroup().id, applicationInsightsId, 'gitlab-connector-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: applicationInsightsId
    serializedData: loadTextContent('workbook.json')
    version: 'Notebook/1.0'
  }
}

output id string = workbook.id
