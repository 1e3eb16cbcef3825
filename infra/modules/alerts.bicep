// Azure Monitor alert rules over the connector's own telemetry in Application Insights, in the fields the Azure Monitor
// OpenTelemetry exporter writes (AzureMonitorExportShapeTests): the LoggerMessage event id is traces.customDimensions.EventId,
// counters and gauges are customMetrics.value, spans keep their names (ingest is a dependency). Every metric name, log event
// id and span name below is listed in Functions/Telemetry/TelemetryNames.cs (checked by AlertInvariantTests).
// What each alert means and what to check first: docs/operations.md.

@description('Resource id of the Application Insights component the app sends telemetry to.')
param applicationInsightsId string

@description('Azure region of the alert rules.')
param location string

@description('Tags for every resource.')
param tags object = {}

@description('Existing action group to notify. Empty = create one here (with alertEmail as its receiver, if given).')
param actionGroupId string = ''

@description('E-mail address for the action group created when actionGroupId is empty. Empty = no receiver.')
param alertEmail string = ''

@description('Name prefix of the alert rules and action group.')
param namePrefix string

@description('Queue of accepted deliveries; its poison queue is <name>-poison.')
param eventsQueueName string

@description('Token expiry warning: alert when a token has at most this many days left.')
param tokenDaysLeftThreshold int = 7

@description('Webhook 401/403 answers per connection in 15 minutes that raise an alert (GitLab disables a hook after 4 consecutive failures).')
param webhookAuthFailureThreshold int = 2

@description('Percentage of failed, malformed or parked events in 15 minutes that raises an alert.')
param enrichmentFailurePercent int = 10

@description('Ingest request p99 latency in milliseconds that raises an alert.')
param ingestP99Milliseconds int = 2000

var createActionGroup = empty(actionGroupId)

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = if (createActionGroup) {
  name: '${namePrefix}-ag'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take('gitlabconn', 12)
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [
      {
        name: 'operator'
        emailAddress: alertEmail
        useCommonAlertSchema: true
      }
    ]
  }
}

var notify = createActionGroup ? actionGroup.id : actionGroupId

// KQL strings use double quotes so the Bicep strings need no escaping.
var rules = [
  {
    name: 'poison-queue'
    displayName: 'GitLab connector: messages in the poison queue'
    description: 'Events failed enrichment MaxDequeueCount times (or were malformed) and wait in ${eventsQueueName}-poison. See docs/operations.md#poison-queue.'
    severity: 1
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'customMetrics | where name == "gitlab_connector.queue.messages" | where tostring(customDimensions.queue) == "${eventsQueueName}-poison" | summarize depth = max(value) by bin(timestamp, 5m)'
    aggregation: 'Maximum'
    measure: 'depth'
    threshold: 0
    dimensions: []
  }
  {
    name: 'token-expiring'
    displayName: 'GitLab connector: token expiring or expired'
    description: 'A connection\'s GitLab token expires within ${tokenDaysLeftThreshold} days, or has expired. See docs/operations.md#token-expiring.'
    severity: 2
    frequency: 'PT1H'
    window: 'P1D'
    query: 'traces | extend logEventId = toint(customDimensions.EventId), daysLeft = toint(customDimensions.DaysLeft), ConnectionId = tostring(customDimensions.ConnectionId) | where (logEventId == 1601 and daysLeft <= ${tokenDaysLeftThreshold}) or logEventId == 1602'
    aggregation: 'Count'
    measure: ''
    threshold: 0
    dimensions: [ 'ConnectionId' ]
  }
  {
    name: 'token-revoked'
    displayName: 'GitLab connector: token revoked or refused'
    description: 'GitLab reports a connection\'s token as revoked, or refuses it (401); its events are parked. See docs/operations.md#token-revoked.'
    severity: 1
    frequency: 'PT15M'
    window: 'PT1H'
    query: 'traces | extend logEventId = toint(customDimensions.EventId), ConnectionId = tostring(customDimensions.ConnectionId) | where logEventId in (1603, 1604)'
    aggregation: 'Count'
    measure: ''
    threshold: 0
    dimensions: [ 'ConnectionId' ]
  }
  {
    name: 'token-rotation-failed'
    displayName: 'GitLab connector: token rotation failed'
    description: 'Automatic rotation failed or its new token could not be stored. See docs/operations.md#token-rotation-failed.'
    severity: 0
    frequency: 'PT15M'
    window: 'PT1H'
    query: 'traces | extend logEventId = toint(customDimensions.EventId), ConnectionId = tostring(customDimensions.ConnectionId) | where logEventId in (1606, 1607)'
    aggregation: 'Count'
    measure: ''
    threshold: 0
    dimensions: [ 'ConnectionId' ]
  }
  {
    name: 'webhook-auth-failures'
    displayName: 'GitLab connector: webhook deliveries refused with 401/403'
    description: 'A GitLab hook sends a wrong token or signature; GitLab disables a hook after 4 consecutive failures. See docs/operations.md#webhook-auth-failures.'
    severity: 1
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'traces | extend logEventId = toint(customDimensions.EventId), ConnectionId = tostring(customDimensions.ConnectionId) | where logEventId == 2003 | summarize failures = count() by ConnectionId'
    aggregation: 'Total'
    measure: 'failures'
    threshold: webhookAuthFailureThreshold - 1
    dimensions: [ 'ConnectionId' ]
  }
  {
    name: 'enrichment-failure-rate'
    displayName: 'GitLab connector: enrichment failure rate'
    description: 'More than ${enrichmentFailurePercent}% of events failed, were malformed or were parked. See docs/operations.md#enrichment-failure-rate.'
    severity: 2
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'customMetrics | where name == "gitlab_connector.enrich.events" | extend outcome = tostring(customDimensions.outcome) | summarize failed = sumif(value, outcome in ("failed", "malformed", "parked")), total = sum(value) | where total > 0 | extend failurePercent = 100.0 * failed / total'
    aggregation: 'Maximum'
    measure: 'failurePercent'
    threshold: enrichmentFailurePercent
    dimensions: []
  }
  {
    name: 'ingest-latency'
    displayName: 'GitLab connector: ingest p99 latency'
    description: 'Webhook answers are slow (p99 over ${ingestP99Milliseconds} ms); GitLab times out deliveries after 10 s. See docs/operations.md#ingest-latency.'
    severity: 2
    frequency: 'PT5M'
    window: 'PT15M'
    query: 'dependencies | where name == "ingest" | summarize p99 = percentile(duration, 99)'
    aggregation: 'Maximum'
    measure: 'p99'
    threshold: ingestP99Milliseconds
    dimensions: []
  }
]

resource alertRules 'Microsoft.Insights/scheduledQueryRules@2026-03-01' = [for rule in rules: {
  name: '${namePrefix}-${rule.name}'
  location: location
  tags: tags
  kind: 'LogAlert'
  properties: {
    displayName: rule.displayName
    description: rule.description
    severity: rule.severity
    enabled: true
    evaluationFrequency: rule.frequency
    windowSize: rule.window
    scopes: [
      applicationInsightsId
    ]
    criteria: {
      allOf: [
        {
          query: rule.query
          timeAggregation: rule.aggregation
          metricMeasureColumn: empty(rule.measure) ? null : rule.measure
          dimensions: [for dimension in rule.dimensions: {
            name: dimension
            operator: 'Include'
            values: [
              '*'
            ]
          }]
          operator: 'GreaterThan'
          threshold: rule.threshold
          failingPeriods: {
            numberOfEvaluationPeriods: 1
            minFailingPeriodsToAlert: 1
          }
        }
      ]
    }
    autoMitigate: true
    actions: {
      actionGroups: [
        notify
      ]
    }
  }
}]

output actionGroupId string = notify
output alertRuleNames array = [for (rule, i) in rules: alertRules[i].name]
