using Azure.Core;
using Azure.Core.Pipeline;

namespace GitLabConnector.Storage;

/// <summary>Builds the Azure.Core pipeline for one storage service: retries from the options, then SharedKey or Entra signing.</summary>
public static class StoragePipelineFactory
{
    public static HttpPipeline Create(StorageConnection connection, StorageServiceKind service, StorageClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(options);

        HttpPipelinePolicy authentication;
        if (options.Credential is { } overrideCredential)
        {
            authentication = new BearerTokenAuthenticationPolicy(overrideCredential, StorageConnection.TokenScope);
        }
        else if (connection.SharedKey is { } sharedKey)
        {
            authentication = service == StorageServiceKind.Table
                ? new TableSharedKeyLitePolicy(sharedKey)
                : new SharedKeyCredentialPolicy(sharedKey);
        }
        else if (connection.TokenCredential is { } credential)
        {
            authentication = new BearerTokenAuthenticationPolicy(credential, StorageConnection.TokenScope);
        }
        else
        {
            throw new InvalidOperationException("The storage connection has neither an account key nor a token credential.");
        }

        return HttpPipelineBuilder.Build(options, [], [authentication], new ResponseClassifier());
    }
}
