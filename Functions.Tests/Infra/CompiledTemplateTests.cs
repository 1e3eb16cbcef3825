using System.Text.Json.Nodes;
using GitLabConnector.Configuration;

namespace GitLabConnector.Tests.Infra;

/// <summary>
/// Invariants checked on what ARM receives: the template the Bicep CLI compiled from infra/ (module parameters, defaults
/// and nesting resolved), where the textual <see cref="BicepInvariantTests"/> can only read the source.
/// </summary>
public class CompiledTemplateTests
{
    private static readonly Lazy<JsonObject> Template = new(() =>
        JsonNode.Parse(File.ReadAllText(CompiledTemplateFactAttribute.TemplatePath))!.AsObject());

    [CompiledTemplateFact]
    public void Deploys_into_a_resource_group_which_azd_asks_for_or_creates()
    {
        Assert.Equal("https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", (string?)Template.Value["$schema"]);
    }

    [CompiledTemplateFact]
    public void Function_app_runs_dotnet_isolated_10_on_flex_consumption()
    {
        var site = Single("Microsoft.Web/sites");
        var plan = Single("Microsoft.Web/serverfarms");

        Assert.Equal("functionapp,linux", (string?)site["kind"]);
        Assert.Equal("FlexConsumption", (string?)plan["sku"]?["tier"]);
        Assert.Equal("FC1", (string?)plan["sku"]?["name"]);
        Assert.True((bool?)plan["properties"]?["reserved"]);
        var config = site["properties"]?["functionAppConfig"];
        Assert.Equal("dotnet-isolated", (string?)config?["runtime"]?["name"]);
        Assert.Equal("10.0", (string?)config?["runtime"]?["version"]);
        Assert.Equal("UserAssignedIdentity", (string?)config?["deployment"]?["storage"]?["authentication"]?["type"]);
    }

    [CompiledTemplateFact]
    public void Always_ready_instances_go_to_the_http_group_only_when_asked_for()
    {
        var alwaysReady = (string?)Single("Microsoft.Web/sites")["properties"]?["functionAppConfig"]?["scaleAndConcurrency"]?["alwaysReady"];

        Assert.Equal(
            "[if(greater(parameters('alwaysReadyHttpInstances'), 0), createArray(createObject('name', 'http', 'instanceCount', parameters('alwaysReadyHttpInstances'))), createArray())]",
            alwaysReady);
        Assert.Equal(0, (int?)Template.Value["parameters"]?["alwaysReadyHttpInstances"]?["defaultValue"]);
    }

    [CompiledTemplateFact]
    public void App_settings_hold_every_setting_required_in_Azure_and_nothing_Flex_rejects()
    {
        var settings = (string?)Single("Microsoft.Web/sites/config")["properties"] ?? string.Empty;
        var text = Template.Value.ToJsonString();

        var missing = SettingNames.RequiredInAzure.Where(name => !settings.Contains($"'{name}', ", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"Compiled app settings lack {string.Join(", ", missing)}");
        Assert.All(["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "linuxFxVersion"],
            name => Assert.DoesNotContain(name, text, StringComparison.OrdinalIgnoreCase));
    }

    [CompiledTemplateFact]
    public void Storage_Key_Vault_and_telemetry_accept_only_Entra_identities()
    {
        var storage = Single("Microsoft.Storage/storageAccounts")["properties"];
        var vault = Single("Microsoft.KeyVault/vaults")["properties"];
        var insights = Single("Microsoft.Insights/components")["properties"];

        Assert.False((bool?)storage?["allowSharedKeyAccess"]);
        Assert.False((bool?)storage?["allowBlobPublicAccess"]);
        Assert.True((bool?)vault?["enableRbacAuthorization"]);
        Assert.True((bool?)vault?["enablePurgeProtection"]);
        Assert.True((bool?)insights?["DisableLocalAuth"]);
    }

    [CompiledTemplateFact]
    public void Function_app_carries_the_azd_service_tag_of_azure_yaml()
    {
        var tags = (string?)Module("function-app")["properties"]?["parameters"]?["appTags"]?["value"];

        Assert.Equal($"[union(variables('allTags'), createObject('azd-service-name', '{AzdLayoutTests.ServiceName}'))]", tags);
    }

    /// <summary>Every resource of the template and of the modules' nested templates, modules themselves included.</summary>
    private static IEnumerable<JsonObject> Resources(JsonObject template)
    {
        // Bicep writes a list of resources, or (language version 2.0) an object keyed by symbolic name.
        var resources = template["resources"] switch
        {
            JsonArray list => list,
            JsonObject bySymbol => bySymbol.Select(p => p.Value),
            _ => [],
        };
        foreach (var resource in resources.OfType<JsonObject>())
        {
            yield return resource;
            if (resource["properties"] is JsonObject properties && properties["template"] is JsonObject nested)
            {
                foreach (var inner in Resources(nested))
                {
                    yield return inner;
                }
            }
        }
    }

    private static JsonObject Single(string type)
    {
        var matches = Resources(Template.Value).Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(matches.Count == 1, $"Expected one {type} in the compiled template, found {matches.Count}");
        return matches[0];
    }

    private static JsonObject Module(string name) =>
        Resources(Template.Value).Single(r => (string?)r["type"] == "Microsoft.Resources/deployments" && (string?)r["name"] == name);
}
