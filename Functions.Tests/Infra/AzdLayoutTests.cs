using System.Text.Json;
using System.Text.RegularExpressions;

namespace GitLabConnector.Tests.Infra;

/// <summary>
/// <c>azure.yaml</c> and <c>infra/</c> fit together the way <c>azd up</c> needs: one function service built from
/// <c>Functions/</c>, the function app tagged with that service's name, and the environment name supplied by azd.
/// </summary>
public partial class AzdLayoutTests
{
    public const string ServiceName = "api";

    private static string Root => InfraTree.FindRepositoryRoot();

    [Fact]
    public void Azure_yaml_defines_one_dotnet_function_service_built_from_the_Functions_project()
    {
        var yaml = File.ReadAllText(Path.Combine(Root, "azure.yaml"));

        var service = ServiceBlock().Match(yaml);
        Assert.True(service.Success, "azure.yaml has no 'services:' entry");
        Assert.Equal(ServiceName, service.Groups["name"].Value);
        Assert.Matches(@"(?m)^\s+project:\s*\./Functions/?\s*$", service.Value);
        Assert.Matches(@"(?m)^\s+language:\s*dotnet\s*$", service.Value);
        Assert.Matches(@"(?m)^\s+host:\s*function\s*$", service.Value);
        Assert.True(File.Exists(Path.Combine(Root, "Functions", "Functions.csproj")), "azure.yaml's project has no Functions.csproj");
    }

    [Fact]
    public void Function_app_is_tagged_with_the_service_name_and_everything_with_the_environment()
    {
        var main = InfraTree.Current.File("infra/main.bicep").Code;

        Assert.Contains($"union(allTags, {{ 'azd-service-name': '{ServiceName}' }})", main, StringComparison.Ordinal);
        Assert.Contains("union(tags, { 'azd-env-name': environmentName })", main, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_file_takes_the_environment_name_from_azd()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "infra", "main.parameters.json")));

        var environmentName = json.RootElement.GetProperty("parameters").GetProperty("environmentName").GetProperty("value").GetString();

        Assert.Equal("${AZURE_ENV_NAME}", environmentName);
    }

    [Theory]
    [InlineData("deployerPrincipalId", "deployerId")]
    [InlineData("alertEmail", "alertReceiver")]
    public void Optional_azd_placeholders_left_unsubstituted_count_as_not_given(string parameter, string variable)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "infra", "main.parameters.json")));
        var main = InfraTree.Current.File("infra/main.bicep").Code;

        Assert.Matches(@"^\$\{[A-Z_]+=\}$", json.RootElement.GetProperty("parameters").GetProperty(parameter).GetProperty("value").GetString()!);
        Assert.Contains($"var {variable} = contains({parameter}, '$') ? '' : {parameter}", main, StringComparison.Ordinal);
        Assert.DoesNotMatch($@"(?m)^\s*\w+:\s*{parameter}\s*$", main);
    }

    [Fact]
    public void Every_output_azd_stores_is_documented_in_deploy_md()
    {
        var main = InfraTree.Current.File("infra/main.bicep").Code;
        var deployDoc = File.ReadAllText(Path.Combine(Root, "docs", "deploy.md"));

        var outputs = Output().Matches(main).Select(m => m.Groups["name"].Value).ToList();

        Assert.NotEmpty(outputs);
        var undocumented = outputs.Where(o => !deployDoc.Contains($"`{o}`", StringComparison.Ordinal)).ToList();
        Assert.True(undocumented.Count == 0, $"docs/deploy.md does not list the outputs {string.Join(", ", undocumented)}");
    }

    [GeneratedRegex(@"(?m)^output\s+(?<name>\w+)\s")]
    private static partial Regex Output();

    [GeneratedRegex(@"(?m)^services:\s*\n\s+(?<name>[\w-]+):\s*\n(?<body>(?:\s{4,}.*\n?)*)")]
    private static partial Regex ServiceBlock();
}
