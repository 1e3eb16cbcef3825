using System.Security.Cryptography;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using GitLabConnector.Storage;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Storage;

public sealed class SharedKeySigningTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 8, 30, 0, TimeSpan.Zero);
    private const string Date = "Mon, 05 Jan 2026 08:30:00 GMT";

    private static readonly StorageSharedKeyCredential Credential =
        new(StorageConnection.DevelopmentAccountName, StorageConnection.DevelopmentAccountKey);

    private static HttpMessage NewMessage(RequestMethod method, string uri)
    {
        var message = HttpPipelineBuilder.Build(new StorageClientOptions()).CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri(uri));
        return message;
    }

    private static string Sign(string stringToSign) =>
        Convert.ToBase64String(HMACSHA256.HashData(Convert.FromBase64String(StorageConnection.DevelopmentAccountKey), Encoding.UTF8.GetBytes(stringToSign)));

    [Fact]
    public void Queue_string_to_sign_has_standard_headers_sorted_ms_headers_and_path_style_resource()
    {
        using var message = NewMessage(RequestMethod.Put, "http://127.0.0.1:10001/devstoreaccount1/events/messages/abc?visibilitytimeout=30&popreceipt=AB%2BC%3D");
        message.Request.Headers.SetValue("x-ms-version", "2021-12-02");
        message.Request.Headers.SetValue("X-MS-Date", Date);
        message.Request.Headers.SetValue("Content-Type", "application/xml");
        message.Request.Content = RequestContent.Create("hello"u8.ToArray());

        var actual = SharedKeyCredentialPolicy.BuildStringToSign(message.Request, "devstoreaccount1");

        const string expected =
            "PUT\n" + "\n" + "\n" + "5\n" + "\n" + "application/xml\n" + "\n" + "\n" + "\n" + "\n" + "\n" + "\n" +
            "x-ms-date:Mon, 05 Jan 2026 08:30:00 GMT\n" +
            "x-ms-version:2021-12-02\n" +
            "/devstoreaccount1/devstoreaccount1/events/messages/abc\n" +
            "popreceipt:AB+C=\n" +
            "visibilitytimeout:30";
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Zero_content_length_and_conditional_headers_are_signed_as_the_spec_says()
    {
        using var message = NewMessage(RequestMethod.Put, "http://127.0.0.1:10000/devstoreaccount1/payloads/a%20b.json");
        message.Request.Headers.SetValue("If-None-Match", "*");
        message.Request.Headers.SetValue("x-ms-blob-type", "BlockBlob");
        message.Request.Headers.SetValue("x-ms-date", Date);
        message.Request.Content = RequestContent.Create(Array.Empty<byte>());

        var actual = SharedKeyCredentialPolicy.BuildStringToSign(message.Request, "devstoreaccount1");

        const string expected =
            "PUT\n\n\n\n\n\n\n\n\n*\n\n\n" +
            "x-ms-blob-type:BlockBlob\n" +
            "x-ms-date:Mon, 05 Jan 2026 08:30:00 GMT\n" +
            "/devstoreaccount1/devstoreaccount1/payloads/a%20b.json";
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Queue_policy_sets_date_and_SharedKey_authorization_over_that_string()
    {
        using var message = NewMessage(RequestMethod.Get, "http://127.0.0.1:10001/devstoreaccount1/events?comp=metadata");
        message.Request.Headers.SetValue("x-ms-version", "2021-12-02");

        new SharedKeyCredentialPolicy(Credential, new FakeTimeProvider(Now)).OnSendingRequest(message);

        Assert.True(message.Request.Headers.TryGetValue("x-ms-date", out var date));
        Assert.Equal(Date, date);
        var expected = "GET\n\n\n\n\n\n\n\n\n\n\n\nx-ms-date:" + Date + "\nx-ms-version:2021-12-02\n/devstoreaccount1/devstoreaccount1/events\ncomp:metadata";
        Assert.True(message.Request.Headers.TryGetValue("Authorization", out var authorization));
        Assert.Equal("SharedKey devstoreaccount1:" + Sign(expected), authorization);
    }

    [Fact]
    public void Table_SharedKeyLite_signs_date_and_resource_only()
    {
        using var message = NewMessage(RequestMethod.Get, "http://127.0.0.1:10002/devstoreaccount1/leases(PartitionKey='a',RowKey='b')?$filter=x");

        new TableSharedKeyLitePolicy(Credential, new FakeTimeProvider(Now)).OnSendingRequest(message);

        var expected = Date + "\n/devstoreaccount1/devstoreaccount1/leases(PartitionKey='a',RowKey='b')";
        Assert.Equal(expected, TableSharedKeyLitePolicy.BuildStringToSign(Date, message.Request.Uri.ToUri(), "devstoreaccount1"));
        Assert.True(message.Request.Headers.TryGetValue("Authorization", out var authorization));
        Assert.Equal("SharedKeyLite devstoreaccount1:" + Sign(expected), authorization);
    }

    [Fact]
    public void Table_SharedKeyLite_keeps_only_the_comp_parameter()
    {
        var actual = TableSharedKeyLitePolicy.BuildStringToSign(Date, new Uri("https://acme.table.core.windows.net/?restype=service&comp=properties"), "acme");

        Assert.Equal(Date + "\n/acme/?comp=properties", actual);
    }
}
