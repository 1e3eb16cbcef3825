using System.Text.Json;
using System.Text.RegularExpressions;
using GitLabConnector.Configuration;
using GitLabConnector.Storage;
using GitLabConnector.Webhooks;

namespace GitLabConnector.Tests.Infra;

/// <summary>
/// Textual invariants of <c>infra/**/*.bicep</c>, pinning what a review would check — identity-only access, the Flex
/// dotnet-isolated runtime, least-privilege roles, and settings the app needs — on every test run, with no Bicep CLI.
/// (<see cref="CompiledTemplateTests"/> checks the compiled template where scripts/bicep.sh has built it.)
/// Every failure message names the invariant and the file (and line) that broke it.
/// </summary>
public partial class BicepInvariantTests
{
    private const string Main = "infra/main.bicep";
    private const string FunctionApp = "infra/modules/function-app.bicep";
    private const string RoleAssignmentType = "Microsoft.Authorization/roleAssignments";

    /// <summary>Built-in role definition ids (AZURE.md §3.2, verified entries) and their names.</summary>
    private static readonly Dictionary<string, string> BuiltInRoles = new(StringComparer.OrdinalIgnoreCase)
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["19e7f393-937e-4f77-808e-94535e297925"] = "Storage Queue Data Reader",
        ["8a0f0c08-91a1-4084-bc3d-661d67233fed"] = "Storage Queue Data Message Processor",
        ["c6a89b2d-59bc-44d0-9896-0f6e12d7b80a"] = "Storage Queue Data Message Sender",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["b86a8fe4-44ce-4948-aee5-eccb2c155cd7"] = "Key Vault Secrets Officer",
        ["00482a5a-887f-4fb3-b363-3b7fe8e74483"] = "Key Vault Administrator",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
    };

    /// <summary>Roles the app identity must hold (host storage, queues, tables, secrets incl. rotation, AAD telemetry).</summary>
    private static readonly string[] RequiredAppRoles =
    [
        "Storage Blob Data Owner",
        "Storage Queue Data Contributor",
        "Storage Table Data Contributor",
        "Key Vault Secrets Officer",
        "Monitoring Metrics Publisher",
    ];

    private static InfraTree Infra => InfraTree.Current;

    [Fact]
    public void Function_app_sets_every_setting_required_in_Azure()
    {
        var file = Infra.File(FunctionApp);
        var settings = AppSettingNames(file);

        var missing = SettingNames.RequiredInAzure.Where(name => !settings.Contains(name, StringComparer.Ordinal)).ToList();

        Assert.True(missing.Count == 0,
            $"Invariant 'every SettingNames.RequiredInAzure setting is deployed' broken in {file.RelativePath} (var appSettings): missing {string.Join(", ", missing)}");
    }

    [Fact]
    public void App_settings_are_applied_to_the_function_app()
    {
        var file = Infra.File(FunctionApp);
        var config = BicepText.Resources(file.Code, "Microsoft.Web/sites/config")
            .FirstOrDefault(r => r.Body.Contains("name: 'appsettings'", StringComparison.Ordinal));

        Assert.True(config is not null,
            $"Invariant 'app settings are deployed' broken in {file.RelativePath}: no Microsoft.Web/sites/config resource named 'appsettings'");
        Assert.True(Regex.IsMatch(config.Body, @"properties:\s*union\([^)]*\bappSettings\)"),
            $"Invariant 'app settings are deployed' broken at {file.RelativePath}:{config.Line}: the appsettings resource does not apply var appSettings last (union(additionalAppSettings, appSettings))");
    }

    [Fact]
    public void Storage_is_reached_only_with_the_managed_identity()
    {
        var file = Infra.File(FunctionApp);
        var appSettings = AppSettingsObject(file);

        Assert.True(Regex.IsMatch(appSettings, @"\bAzureWebJobsStorage__credential:\s*'managedidentity'"),
            $"Invariant 'identity-based AzureWebJobsStorage' broken in {file.RelativePath}: AzureWebJobsStorage__credential is not 'managedidentity'");
        Assert.DoesNotContain("AzureWebJobsStorage", BicepText.TopLevelKeys(appSettings));
        Assert.True(file.Code.Contains("type: 'UserAssignedIdentity'", StringComparison.Ordinal),
            $"Invariant 'deployment package read with the managed identity' broken in {file.RelativePath}: functionAppConfig.deployment.storage.authentication.type is not 'UserAssignedIdentity'");
    }

    [Fact]
    public void No_storage_key_or_connection_string_anywhere()
    {
        string[] forbidden = ["AccountKey=", "listKeys(", "DefaultEndpointsProtocol", "StorageAccountConnectionString", "SharedAccessSignature"];
        var violations = new List<string>();
        foreach (var file in Infra.Files)
        {
            foreach (var token in forbidden)
            {
                violations.AddRange(IndexesOf(file.Code, token, StringComparison.OrdinalIgnoreCase)
                    .Select(i => $"{file.Where(i)} contains '{token}'"));
            }

            // Application Insights' connection string is not a credential (local auth is disabled); any other is.
            violations.AddRange(IndexesOf(file.Code, "connectionString", StringComparison.OrdinalIgnoreCase)
                .Where(i => !Line(file.Code, i).Contains("applicationInsights", StringComparison.OrdinalIgnoreCase))
                .Select(i => $"{file.Where(i)} uses a connection string that is not Application Insights'"));
        }

        Assert.True(violations.Count == 0,
            $"Invariant 'no storage keys or connection strings' broken: {string.Join("; ", violations)}");
    }

    [Theory]
    [InlineData("infra/modules/storage.bicep", "allowSharedKeyAccess", "false")]
    [InlineData("infra/modules/storage.bicep", "allowBlobPublicAccess", "false")]
    [InlineData("infra/modules/storage.bicep", "minimumTlsVersion", "'TLS1_2'")]
    [InlineData("infra/modules/storage.bicep", "supportsHttpsTrafficOnly", "true")]
    [InlineData("infra/modules/keyvault.bicep", "enableRbacAuthorization", "true")]
    [InlineData("infra/modules/keyvault.bicep", "enableSoftDelete", "true")]
    [InlineData("infra/modules/keyvault.bicep", "enablePurgeProtection", "true")]
    [InlineData("infra/modules/monitoring.bicep", "disableLocalAuth", "true")]
    [InlineData(FunctionApp, "httpsOnly", "true")]
    [InlineData(FunctionApp, "minTlsVersion", "'1.2'")]
    public void Security_and_hosting_property_is_pinned(string path, string property, string value)
    {
        var file = Infra.File(path);

        // Case-insensitive on the name: ARM spells some properties differently (Application Insights' DisableLocalAuth).
        var declarations = Regex.Matches(file.Code, $@"^[ \t]*{Regex.Escape(property)}[ \t]*:[ \t]*(?<value>[^\r\n]*?)[ \t]*$",
            RegexOptions.Multiline | RegexOptions.IgnoreCase);

        Assert.True(declarations.Count > 0,
            $"Invariant '{property}: {value}' broken in {path}: {property} is not set");
        foreach (Match declaration in declarations)
        {
            Assert.True(string.Equals(declaration.Groups["value"].Value, value, StringComparison.Ordinal),
                $"Invariant '{property}: {value}' broken at {file.Where(declaration.Index)}: found '{declaration.Groups["value"].Value}'");
        }
    }

    [Fact]
    public void Function_app_is_a_linux_app_on_a_flex_consumption_plan()
    {
        var file = Infra.File(FunctionApp);
        var plan = BicepText.Resources(file.Code, "Microsoft.Web/serverfarms").SingleOrDefault();
        var site = BicepText.Resources(file.Code, "Microsoft.Web/sites").SingleOrDefault();

        Assert.True(plan is not null, $"Invariant 'Flex Consumption plan' broken in {file.RelativePath}: no single Microsoft.Web/serverfarms resource");
        Assert.True(Regex.IsMatch(plan.Body, @"\bname:\s*'FC1'") && Regex.IsMatch(plan.Body, @"\btier:\s*'FlexConsumption'"),
            $"Invariant 'Flex Consumption plan' broken at {file.RelativePath}:{plan.Line}: sku is not {{ tier: 'FlexConsumption', name: 'FC1' }}");
        Assert.True(Regex.IsMatch(plan.Body, @"\breserved:\s*true\b"),
            $"Invariant 'Linux plan' broken at {file.RelativePath}:{plan.Line}: properties.reserved is not true");
        Assert.True(site is not null, $"Invariant 'Linux function app' broken in {file.RelativePath}: no single Microsoft.Web/sites resource");
        Assert.True(Regex.IsMatch(site.Body, @"^\s*kind:\s*'functionapp,linux'", RegexOptions.Multiline),
            $"Invariant 'Linux function app' broken at {file.RelativePath}:{site.Line}: kind is not 'functionapp,linux'");
    }

    [Fact]
    public void Function_app_runs_the_dotnet_isolated_10_runtime()
    {
        var file = Infra.File(FunctionApp);
        var at = file.Code.IndexOf("runtime:", StringComparison.Ordinal);
        Assert.True(at >= 0, $"Invariant 'runtime dotnet-isolated 10.0' broken in {file.RelativePath}: functionAppConfig.runtime is missing");

        var runtime = BicepText.ObjectAt(file.Code, at)?.Body ?? string.Empty;

        Assert.True(Regex.IsMatch(runtime, @"\bname:\s*'dotnet-isolated'") && Regex.IsMatch(runtime, @"\bversion:\s*'10\.0'"),
            $"Invariant 'runtime dotnet-isolated 10.0' broken at {file.Where(at)}: expected {{ name: 'dotnet-isolated', version: '10.0' }}, found {runtime}");
    }

    [Fact]
    public void Flex_app_sets_nothing_that_functionAppConfig_replaces()
    {
        string[] replaced = ["FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE", "linuxFxVersion"];
        var violations = Infra.Files
            .SelectMany(file => replaced.SelectMany(name =>
                IndexesOf(file.Code, name, StringComparison.OrdinalIgnoreCase).Select(i => $"{file.Where(i)} sets {name}")))
            .ToList();

        Assert.True(violations.Count == 0,
            $"Invariant 'no settings replaced by functionAppConfig on Flex' broken: {string.Join("; ", violations)}");
    }

    [Fact]
    public void Every_role_guid_is_a_known_built_in_role_named_on_its_line()
    {
        var violations = new List<string>();
        foreach (var file in Infra.Files)
        {
            for (var n = 0; n < file.RawLines.Length; n++)
            {
                foreach (Match guid in Guid().Matches(file.RawLines[n]))
                {
                    var where = $"{file.RelativePath}:{n + 1}";
                    if (!BuiltInRoles.TryGetValue(guid.Value, out var role))
                    {
                        violations.Add($"{where} has {guid.Value}, which is not a known built-in role id");
                    }
                    else if (!BicepText.LineComment(file.RawLines[n]).Contains(role, StringComparison.Ordinal))
                    {
                        violations.Add($"{where} has {guid.Value} ({role}) without a trailing comment naming '{role}'");
                    }
                }
            }
        }

        Assert.True(violations.Count == 0,
            $"Invariant 'role ids are known built-in roles, named in a comment' broken: {string.Join("; ", violations)}");
    }

    [Fact]
    public void App_identity_holds_every_required_role()
    {
        var assignments = RoleAssignments().ToList();
        var assignedToApp = assignments
            .Where(a => string.Equals(a.Principal, "principalId", StringComparison.Ordinal))
            .Select(a => a.Role)
            .ToHashSet(StringComparer.Ordinal);

        var missing = RequiredAppRoles.Where(role => !assignedToApp.Contains(role)).ToList();

        Assert.True(missing.Count == 0,
            $"Invariant 'the app identity holds the required roles' broken: no {RoleAssignmentType} resource in infra/**/*.bicep assigns " +
            $"{string.Join(", ", missing)} to principalId (the app's managed identity). Assignments found: " +
            string.Join("; ", assignments.Select(a => $"{a.Where} {a.Role} -> {a.Principal}")));
    }

    [Fact]
    public void Role_assignments_have_deterministic_names_and_a_principal_type()
    {
        var violations = new List<string>();
        foreach (var file in Infra.Files)
        {
            foreach (var assignment in BicepText.Resources(file.Code, RoleAssignmentType))
            {
                var where = $"{file.RelativePath}:{assignment.Line} ({assignment.Symbol})";
                if (!Regex.IsMatch(assignment.Body, @"^\s*name:\s*guid\(", RegexOptions.Multiline))
                {
                    violations.Add($"{where} name is not guid(scope.id, principalId, roleId)");
                }

                if (!Regex.IsMatch(assignment.Body, @"^\s*principalType:", RegexOptions.Multiline))
                {
                    violations.Add($"{where} has no principalType");
                }

                if (!Regex.IsMatch(assignment.Body, @"^\s*scope:", RegexOptions.Multiline))
                {
                    violations.Add($"{where} has no scope (it would grant the role on the whole resource group)");
                }
            }
        }

        Assert.True(violations.Count == 0, $"Invariant 'role assignment shape' broken: {string.Join("; ", violations)}");
    }

    [Fact]
    public void Every_module_main_references_exists()
    {
        var main = Infra.File(Main);
        var modules = BicepText.Modules(main.Code);

        var missing = modules
            .Where(m => !File.Exists(Path.Combine(Infra.InfraDirectory, m.Path)))
            .Select(m => $"{Main}:{m.Line} module {m.Symbol} -> '{m.Path}'")
            .ToList();

        Assert.NotEmpty(modules);
        Assert.True(missing.Count == 0, $"Invariant 'modules referenced by main.bicep exist' broken: {string.Join("; ", missing)}");
    }

    [Fact]
    public void Every_module_file_is_used_by_main()
    {
        var referenced = BicepText.Modules(Infra.File(Main).Code)
            .Select(m => "infra/" + m.Path)
            .ToHashSet(StringComparer.Ordinal);

        var unused = Infra.Files
            .Where(f => f.RelativePath.StartsWith("infra/modules/", StringComparison.Ordinal) && !referenced.Contains(f.RelativePath))
            .Select(f => f.RelativePath)
            .ToList();

        Assert.True(unused.Count == 0, $"Invariant 'every module is deployed' broken: {string.Join(", ", unused)} not referenced by {Main}");
    }

    [Fact]
    public void Parameters_file_matches_main_parameters()
    {
        var main = Infra.File(Main);
        var parameters = BicepText.Parameters(main.Code);
        var path = Path.Combine(Infra.InfraDirectory, "main.parameters.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        var supplied = json.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToList();

        var unsupplied = parameters.Where(p => p.DefaultValue is null && !supplied.Contains(p.Name, StringComparer.Ordinal))
            .Select(p => $"{p.Name} ({Main}:{p.Line})")
            .ToList();
        var unknown = supplied.Where(name => !parameters.Any(p => string.Equals(p.Name, name, StringComparison.Ordinal))).ToList();

        Assert.True(unsupplied.Count == 0,
            $"Invariant 'every parameter without a default is in main.parameters.json' broken: {string.Join(", ", unsupplied)}");
        Assert.True(unknown.Count == 0,
            $"Invariant 'main.parameters.json names only parameters of main.bicep' broken: infra/main.parameters.json has {string.Join(", ", unknown)}");
    }

    [Theory]
    [InlineData("eventsQueueName", "Events")]
    [InlineData("enrichedQueueName", "Enriched")]
    [InlineData("alertsQueueName", "Alerts")]
    [InlineData("payloadContainerName", "PayloadContainer")]
    public void Infra_default_names_match_the_app_defaults(string parameter, string option)
    {
        var main = Infra.File(Main);
        var declared = BicepText.Parameters(main.Code).SingleOrDefault(p => string.Equals(p.Name, parameter, StringComparison.Ordinal));
        var appDefault = option == "PayloadContainer"
            ? new WebhookOptions().PayloadContainer
            : (string)typeof(QueueOptions).GetProperty(option)!.GetValue(new QueueOptions())!;

        Assert.True(declared is not null, $"Invariant 'infra names match app defaults' broken: {Main} has no param {parameter}");
        Assert.True(string.Equals(declared.DefaultValue, $"'{appDefault}'", StringComparison.Ordinal),
            $"Invariant 'infra names match app defaults' broken at {Main}:{declared.Line}: {parameter} defaults to {declared.DefaultValue}, the app to '{appDefault}'");
    }

    private static string AppSettingsObject(BicepFile file)
    {
        var at = file.Code.IndexOf("var appSettings =", StringComparison.Ordinal);
        Assert.True(at >= 0, $"Invariant 'app settings are declared' broken in {file.RelativePath}: no 'var appSettings = {{ … }}'");
        return BicepText.ObjectAt(file.Code, at)?.Body ?? string.Empty;
    }

    private static IReadOnlyList<string> AppSettingNames(BicepFile file) => BicepText.TopLevelKeys(AppSettingsObject(file));

    private static IEnumerable<(string Where, string Role, string Principal)> RoleAssignments()
    {
        foreach (var file in Infra.Files)
        {
            var roleVariables = RoleVariable().Matches(file.Code)
                .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["guid"].Value, StringComparer.Ordinal);

            foreach (var assignment in BicepText.Resources(file.Code, RoleAssignmentType))
            {
                var definition = RoleDefinitionId().Match(assignment.Body);
                var guid = definition.Groups["guid"].Success
                    ? definition.Groups["guid"].Value
                    : roleVariables.GetValueOrDefault(definition.Groups["key"].Value);
                var role = guid is not null && BuiltInRoles.TryGetValue(guid, out var name) ? name : $"unresolved role '{definition.Value}'";
                var principal = PrincipalId().Match(assignment.Body).Groups["principal"].Value;
                yield return ($"{file.RelativePath}:{assignment.Line} ({assignment.Symbol})", role, principal);
            }
        }
    }

    private static IEnumerable<int> IndexesOf(string text, string value, StringComparison comparison)
    {
        for (var i = text.IndexOf(value, comparison); i >= 0; i = text.IndexOf(value, i + value.Length, comparison))
        {
            yield return i;
        }
    }

    private static string Line(string text, int index)
    {
        var start = text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1;
        var end = text.IndexOf('\n', index);
        return text[start..(end < 0 ? text.Length : end)];
    }

    [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")]
    private static partial Regex Guid();

    [GeneratedRegex(@"^[ \t]*(?<key>\w+)[ \t]*:[ \t]*'(?<guid>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})'", RegexOptions.Multiline)]
    private static partial Regex RoleVariable();

    [GeneratedRegex(@"roleDefinitionId:\s*subscriptionResourceId\(\s*'Microsoft\.Authorization/roleDefinitions'\s*,\s*(?:'(?<guid>[0-9a-fA-F-]{36})'|\w+\.(?<key>\w+))\s*\)")]
    private static partial Regex RoleDefinitionId();

    [GeneratedRegex(@"^[ \t]*principalId:[ \t]*(?<principal>[^\r\n]+?)[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex PrincipalId();
}
