using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace GitLabConnector.Bench.ColdStart;

/// <summary>
/// One worker start as the Functions host does it: the host's worker arguments (its gRPC endpoint as --functions-uri)
/// and environment, with a loopback listener standing in for the host's gRPC server. Times process start → the worker's
/// connection accepted → the HTTP/2 client preface received (the gRPC channel is up; the host would now answer with
/// its init request). The listener never answers, so the worker then idles, waiting for the host.
/// </summary>
internal static class WorkerStartRun
{
    private static readonly byte[] Http2Preface = Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

    public sealed record Result(double AcceptMs, double PrefaceMs, double ResidentMegabytes);

    public static async Task<Result> MeasureAsync(string executable, IReadOnlyDictionary<string, string> settings, TimeSpan rssSettle, CancellationToken cancellationToken)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        var workerId = Guid.NewGuid().ToString();
        var requestId = Guid.NewGuid().ToString();
        string[] arguments =
        [
            "--host", "127.0.0.1", "--port", port, "--workerId", workerId, "--requestId", requestId, "--grpcMaxMessageLength", "2147483647",
            "--functions-uri", $"http://127.0.0.1:{port}/", "--functions-worker-id", workerId, "--functions-request-id", requestId,
            "--functions-grpc-max-message-length", "2147483647",
        ];
        var environment = new Dictionary<string, string>(settings, StringComparer.Ordinal) { ["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated" };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var clock = Stopwatch.StartNew();
        using var worker = PackageProcess.Start(executable, arguments, environment);
        try
        {
            var accept = listener.AcceptTcpClientAsync(timeout.Token).AsTask();
            var exited = worker.WaitForExitAsync(timeout.Token);
            if (await Task.WhenAny(accept, exited) != accept)
            {
                throw worker.Failure("the worker exited before dialling the host");
            }

            using var connection = await accept;
            var acceptMs = clock.Elapsed.TotalMilliseconds;
            var received = new byte[Http2Preface.Length];
            await connection.GetStream().ReadExactlyAsync(received, timeout.Token);
            var prefaceMs = clock.Elapsed.TotalMilliseconds;
            if (!received.AsSpan().SequenceEqual(Http2Preface))
            {
                throw worker.Failure($"the worker's first bytes were not the HTTP/2 preface: {Encoding.ASCII.GetString(received)}");
            }

            var rss = await worker.ResidentMegabytesAfterAsync(rssSettle, cancellationToken);
            return new Result(acceptMs, prefaceMs, rss);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
        {
            throw worker.Failure($"worker start failed: {e.Message}", e);
        }
    }
}
