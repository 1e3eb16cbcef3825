using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GitLabConnector.Hosting;

/// <summary>
/// Functions mode: the host invokes queue and timer functions as <c>POST /{functionName}</c> (AZURE.md §1.2).
/// 200 completes the invocation; any other status fails it, so the host retries the message and eventually
/// moves it to <c>&lt;queue&gt;-poison</c>.
/// </summary>
public static class FunctionInvocationEndpoints
{
    public const string InvocationIdHeader = "X-Azure-Functions-InvocationId";

    /// <summary>
    /// Maps <c>POST /{functionName}</c>. Dispatches to the registered function of that name, reading the trigger
    /// binding named in <see cref="FunctionCatalog"/> (or the only Data entry for functions outside it).
    /// </summary>
    public static IEndpointRouteBuilder MapFunctionInvocations(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/{functionName}", async Task<IResult> (string functionName, HttpContext context, FunctionRegistry registry, ILoggerFactory loggers) =>
            {
                var logger = loggers.CreateLogger(typeof(FunctionInvocationEndpoints).FullName!);
                var known = FunctionCatalog.TryGet(functionName, out var definition);
                if (registry.FindQueueFunction(functionName) is { } queueFunction)
                {
                    return await InvokeQueueAsync(queueFunction, known ? definition.TriggerBindingName : FunctionCatalog.QueueTriggerBinding, context, logger);
                }

                if (registry.FindTimerFunction(functionName) is { } timerFunction)
                {
                    return await InvokeTimerAsync(timerFunction, known ? definition.TriggerBindingName : FunctionCatalog.TimerTriggerBinding, context, logger);
                }

                var invocationId = InvocationId(context);
                if (known && definition.Trigger != FunctionTriggerKind.Http)
                {
                    HostingLog.InvocationWithoutHandler(logger, functionName, invocationId);
                    return TypedResults.Problem(title: "No handler", detail: $"no handler is registered for {functionName}", statusCode: StatusCodes.Status500InternalServerError);
                }

                return TypedResults.Problem(title: "Unknown function", detail: $"'{functionName}' is not a queue or timer function", statusCode: StatusCodes.Status404NotFound);
            })
            .ExcludeFromDescription();
        return endpoints;
    }

    private static Task<IResult> InvokeQueueAsync(IQueueFunction function, string bindingName, HttpContext context, ILogger logger) =>
        InvokeAsync(function.FunctionName, context, logger, async (body, invocationId, cancellationToken) =>
        {
            if (!FunctionInvocationReader.TryReadQueueMessage(body, bindingName, invocationId, out var message, out var error))
            {
                return error;
            }

            await function.HandleAsync(message!, cancellationToken);
            return null;
        });

    private static Task<IResult> InvokeTimerAsync(ITimerFunction function, string bindingName, HttpContext context, ILogger logger) =>
        InvokeAsync(function.FunctionName, context, logger, async (body, _, cancellationToken) =>
        {
            if (!FunctionInvocationReader.TryReadTimer(body, bindingName, out var timer, out var error))
            {
                return error;
            }

            await function.RunAsync(timer!, cancellationToken);
            return null;
        });

    /// <summary>Parses the body and runs <paramref name="invoke"/>, which returns a reason when the body is malformed.</summary>
    private static async Task<IResult> InvokeAsync(
        string functionName, HttpContext context, ILogger logger, Func<JsonElement, string?, CancellationToken, Task<string?>> invoke)
    {
        var invocationId = InvocationId(context);
        var cancellationToken = context.RequestAborted;
        HostingLog.InvocationReceived(logger, functionName, invocationId);

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return Malformed(logger, functionName, invocationId, "body is not JSON");
        }

        using (document)
        {
            try
            {
                return await invoke(document.RootElement, invocationId, cancellationToken) is { } reason
                    ? Malformed(logger, functionName, invocationId, reason)
                    : TypedResults.Ok(new FunctionInvocationResult(new Dictionary<string, object?>(), [$"{functionName}: invocation {invocationId} completed"], null));
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                HostingLog.InvocationFailed(logger, ex, functionName, invocationId);

                // The exception text may carry request data; the host only needs "failed".
                return TypedResults.Problem(
                    title: "Invocation failed",
                    detail: $"{functionName} failed; see the application logs for invocation {invocationId}",
                    statusCode: StatusCodes.Status500InternalServerError);
            }
        }
    }

    private static string? InvocationId(HttpContext context) => context.Request.Headers[InvocationIdHeader].FirstOrDefault();

    private static ProblemHttpResult Malformed(ILogger logger, string functionName, string? invocationId, string reason)
    {
        HostingLog.InvocationMalformed(logger, functionName, invocationId, reason);
        return TypedResults.Problem(title: "Malformed invocation", detail: reason, statusCode: StatusCodes.Status400BadRequest);
    }
}
