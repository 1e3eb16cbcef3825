using System.Globalization;
using System.Text;
using GitLabConnector.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace GitLabConnector.Bench.Ingest;

/// <summary>
/// The baseline: a bare Kestrel minimal app whose one route reads the body and makes the same single
/// <see cref="IQueueService.SendMessageAsync"/> the connector makes, with a message of the same size (the body padded by
/// the envelope's overhead) to the same Azurite. No authentication, validation, logging or metrics.
/// Settings: <c>--urls</c>, <c>--queue</c>, <c>--extra-chars</c>; storage from <c>AzureWebJobsStorage</c>.
/// </summary>
public static class BaselineServer
{
    public const string Route = "/ingest";

    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Services.AddStorage(builder.Configuration);
        var queue = builder.Configuration["queue"] ?? throw new InvalidOperationException("--queue is required");
        var padding = new string('x', int.Parse(builder.Configuration["extra-chars"] ?? "0", CultureInfo.InvariantCulture));

        var app = builder.Build();
        var queues = app.Services.GetRequiredService<IQueueService>();
        await queues.CreateQueueIfNotExistsAsync(queue, CancellationToken.None);

        app.MapGet("/", () => TypedResults.Ok());
        app.MapPost(Route, async (HttpContext context) =>
        {
            // Straight from Kestrel's pipe with no intermediate copy buffer: the leanest read, as a baseline should be.
            var reader = context.Request.BodyReader;
            var read = await reader.ReadAsync(context.RequestAborted);
            while (!read.IsCompleted)
            {
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                read = await reader.ReadAsync(context.RequestAborted);
            }

            var text = string.Concat(Encoding.UTF8.GetString(read.Buffer), padding);
            reader.AdvanceTo(read.Buffer.End);
            await queues.SendMessageAsync(queue, text, null, context.RequestAborted);
            return TypedResults.Accepted((string?)null);
        });
        await app.RunAsync();
    }
}
