using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GitLabConnector.Admin;
using GitLabConnector.Connections;

namespace GitLabConnector.Tests.Admin;

/// <summary>The admin key is checked before any body is read, and admin bodies have a size limit.</summary>
public sealed class AdminBodyTests
{
    [Theory]
    [InlineData("POST", "/api/connections")]
    [InlineData("PUT", "/api/connections/abc/token")]
    [InlineData("POST", "/api/deadletter/replay")]
    public async Task Without_the_key_a_body_that_is_not_even_JSON_is_refused_401_unread(string method, string path)
    {
        await using var host = await new AdminApiHost().StartAsync();
        host.Client.DefaultRequestHeaders.Remove(AdminKeyFilter.HeaderName);

        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = Json("{") };
        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task With_the_key_a_body_that_is_not_JSON_is_400()
    {
        await using var host = await new AdminApiHost().StartAsync();

        using var response = await host.Client.PostAsync("/api/connections", Json("{"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("POST", "/api/connections")]
    [InlineData("PUT", "/api/connections/abc/token")]
    [InlineData("POST", "/api/deadletter/replay")]
    public async Task With_the_key_a_body_over_the_limit_is_413(string method, string path)
    {
        await using var host = await new AdminApiHost().StartAsync();

        using var request = new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = Json("{\"name\":\"" + new string('a', AdminRequestBody.MaxBytes) + "\"}"),
        };
        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
