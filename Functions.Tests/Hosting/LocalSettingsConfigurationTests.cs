using GitLabConnector.Hosting.Standalone;
using Microsoft.Extensions.Configuration;

namespace GitLabConnector.Tests.Hosting;

public sealed class LocalSettingsConfigurationTests : IDisposable
{
    private const string Prefix = "CONNECTOR_TEST_";
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"local.settings.{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public void Reads_values_nested_with_double_underscores_below_environment_variables()
    {
        var key = Guid.NewGuid().ToString("N");
        File.WriteAllText(_path, $$"""
            {
              // comments and trailing commas, as func start accepts
              "IsEncrypted": false,
              "Values": {
                "Connector__Queues__Events": "from-file",
                "Connector__Urls": "http://127.0.0.1:5000",
                "Connector__MaxPayloadBytes": 2048,
                "{{key}}": "from-file",
              },
            }
            """);
        Environment.SetEnvironmentVariable(Prefix + key, "from-environment");
        try
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection([new("Connector:Urls", "from-defaults")])
                .AddEnvironmentVariables(Prefix)
                .AddLocalSettingsFile(_path)
                .Build();

            Assert.Equal("from-file", configuration["Connector:Queues:Events"]);
            Assert.Equal("http://127.0.0.1:5000", configuration["Connector:Urls"]);
            Assert.Equal("2048", configuration["Connector:MaxPayloadBytes"]);
            Assert.Null(configuration["IsEncrypted"]);
            Assert.Equal("from-environment", configuration[key]);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Prefix + key, null);
        }
    }

    [Fact]
    public void A_missing_file_adds_nothing()
    {
        var builder = new ConfigurationBuilder();

        builder.AddLocalSettingsFile(_path);

        Assert.Empty(builder.Sources);
    }
}
