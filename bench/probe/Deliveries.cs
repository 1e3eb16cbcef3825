using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace GitLabConnector.Probe;

/// <summary>The probe's one connection (token and Standard Webhooks signing both accepted) and the requests it sends.</summary>
internal sealed class Deliveries(HttpClient http, Uri baseAddress, string connectionId, string webhookSecret, byte[] signingKey)
{
    public const string PushBody = """{"object_kind":"push","event_name":"push","ref":"refs/heads/main","checkout_sha":null,"project_id":1,"commits":[],"total_commits_count":0}""";

    public string ConnectionId => connectionId;

    public static async Task<Deliveries> ConnectAsync(HttpClient http, Uri baseAddress, Uri gitLab)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(baseAddress, "/api/connections"))
        {
            Content = JsonContent.Create(new { name = "probe", gitlabUrl = gitLab.ToString(), token = "glpat-probe-token-000000", signing = "accept" }),
        };
        request.Headers.Add("x-functions-key", Instance.AdminKey);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"connect answered {(int)response.StatusCode}: {text}");
        }

        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;
        var signing = root.GetProperty("signingToken").GetString()!;
        return new Deliveries(http, baseAddress, root.GetProperty("id").GetString()!, root.GetProperty("webhookSecret").GetString()!,
            Convert.FromBase64String(signing["whsec_".Length..]));
    }

    /// <summary>The same connection on a restarted connector (which listens on a new port).</summary>
    public Deliveries At(Uri address) => new(http, address, connectionId, webhookSecret, signingKey);

    public Uri Url(string id) => new(baseAddress, $"/api/webhooks/gitlab/{id}");

    /// <summary>An authentic token delivery.</summary>
    public Task<int> SendGenuineAsync() => SendAsync(Token(webhookSecret, Encoding.UTF8.GetBytes(PushBody)));

    /// <summary>An authentic signed delivery.</summary>
    public Task<int> SendGenuineSignedAsync()
    {
        var body = Encoding.UTF8.GetBytes(PushBody);
        return SendAsync(Signed(body, key: signingKey));
    }

    public HttpRequestMessage Token(string token, byte[] body, string? id = null)
    {
        var request = Post(body, id);
        request.Headers.Add("X-Gitlab-Token", token);
        return request;
    }

    /// <summary>Well-formed Standard Webhooks headers; signed with <paramref name="key"/>, or with a random signature when null.</summary>
    public HttpRequestMessage Signed(byte[] body, byte[]? key = null)
    {
        var request = Post(body, null);
        var webhookId = "msg_" + Guid.NewGuid().ToString("N");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        string signature;
        if (key is null)
        {
            signature = "v1," + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        }
        else
        {
            var content = Encoding.UTF8.GetBytes($"{webhookId}.{timestamp}.").Concat(body).ToArray();
            signature = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
        }

        request.Headers.Add("webhook-id", webhookId);
        request.Headers.Add("webhook-timestamp", timestamp);
        request.Headers.Add("webhook-signature", signature);
        return request;
    }

    public async Task<int> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            try
            {
                using var response = await http.SendAsync(request);
                return (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                return -1;
            }
        }
    }

    private HttpRequestMessage Post(byte[] body, string? id)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, Url(id ?? connectionId)) { Content = content };
        request.Headers.Add("X-Gitlab-Event", "Push Hook");
        return request;
    }
}
