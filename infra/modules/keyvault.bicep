// Key Vault for GitLab tokens and webhook secrets. RBAC only (no access policies); soft delete + purge protection
// so a deleted secret (a live GitLab token) can be recovered and cannot be destroyed early.

@description('Key Vault name: 3-24 letters, digits and hyphens, globally unique.')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Tags for the vault.')
param tags object = {}

@description('Public network access. Disabled needs private endpoints and a VNet-integrated app, which this template does not create.')
@allowed([
  'Enabled'
  'Disabled'
])
param publicNetworkAccess string = 'Enabled'

@description('Days a deleted vault or secret is kept (and, with purge protection, the vault name stays reserved).')
@minValue(7)
@maxValue(90)
param softDeleteRetentionInDays int = 90

@description('\'recover\' re-attaches a soft-deleted vault of the same name (after a teardown and redeploy); \'default\' creates a new one.')
@allowed([
  'default'
  'recover'
])
param createMode string = 'default'

resource vault 'Microsoft.KeyVault/vaults@2026-05-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    createMode: createMode
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    publicNetworkAccess: publicNetworkAccess
    networkAcls: {
      bypass: 'AzureServices'
      defaultAction: publicNetworkAccess == 'Enabled' ? 'Allow' : 'Deny'
    }
  }
}

output id string = vault.id
output name string = vault.name
output uri string = vault.properties.vaultUri
