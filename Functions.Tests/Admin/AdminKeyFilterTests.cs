using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitLabConnector.Admin;
using GitLabConnector.Connections;

namespace GitLabConnector.Tests.Admin;

public sealed class AdminKeyFilterTests
{
    [Fact]
    public async Task Missing_key_is_401_with_a_problem()
    {
        await using var host = await new AdminApiHost().StartAsync();
        host.Client.DefaultRequestHeaders.Remove(AdminKeyFilter.HeaderName);

        var response = await host.Client.GetAsync("/api/connections");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Wrong_key_is_403()
    {
        await using var host = await new AdminApiHost().StartAsync();
        host.Client.DefaultRequestHeaders.Remove(AdminKeyFilter.HeaderName);
        host.Client.DefaultRequestHeaders.Add(AdminKeyFilter.HeaderName, "not-the-key");

        var response = await host.Client.GetAsync("/api/connections");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Right_key_is_let_through()
    {
        await using var host = await new AdminApiHost().StartAsync();

        var response = await host.Client.GetAsync("/api/connections");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Without_a_configured_key_the_admin_api_is_disabled_even_for_a_matching_empty_header()
    {
        var host = new AdminApiHost();
        host.Options.AdminKey = null;
        await using var _ = await host.StartAsync();
        host.Client.DefaultRequestHeaders.Remove(AdminKeyFilter.HeaderName);
        host.Client.DefaultRequestHeaders.TryAddWithoutValidation(AdminKeyFilter.HeaderName, string.Empty);

        var response = await host.Client.PostAsJsonAsync("/api/connections", new { name = "x", gitlabUrl = "https://gitlab.example.com", token = AdminApiHost.GitLabToken });
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("admin-api-disabled", problem.GetProperty("reason").GetString());
        Assert.Empty(host.Secrets.AllValues());
    }

    [Fact]
    public async Task Functions_mode_does_not_check_the_key_because_the_host_does()
    {
        var host = new AdminApiHost { FunctionsMode = true };
        host.Options.AdminKey = null;
        await using var _ = await host.StartAsync();
        host.Client.DefaultRequestHeaders.Remove(AdminKeyFilter.HeaderName);

        var response = await host.Client.GetAsync("/api/deadletter");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
