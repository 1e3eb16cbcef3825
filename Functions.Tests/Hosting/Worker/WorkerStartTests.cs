using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using GitLabConnector.Tests.Fixtures;

namespace GitLabConnector.Tests.Hosting.Worker;

/// <summary>
/// No Functions host can be installed here, so the worker is started the way the host starts it (its arguments and
/// environment) against a loopback listener standing in for the host's gRPC endpoint: it must dial it with HTTP/2.
/// </summary>
public class WorkerStartTests
{
    private static readonly byte[] Http2Preface = Encoding.ASCII.GetBytes("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n");

    [Fact]
    public async Task Started_as_the_host_starts_it_the_worker_dials_the_host_endpoint_over_http2()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var data = Directory.CreateTempSubdirectory("connector-worker-");
        using var worker = Process.Start(HostStartInfo(port, data.FullName))!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        worker.OutputDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        worker.ErrorDataReceived += (_, e) => output.Enqueue(e.Data ?? string.Empty);
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var accept = listener.AcceptTcpClientAsync(timeout.Token).AsTask();
            var exited = worker.WaitForExitAsync(timeout.Token);
            Assert.True(await Task.WhenAny(accept, exited) == accept, "The worker exited before dialling the host:\n" + string.Join('\n', output));
            using var client = await accept;
            var received = new byte[Http2Preface.Length];
            await client.GetStream().ReadExactlyAsync(received, timeout.Token);
            Assert.Equal(Encoding.ASCII.GetString(Http2Preface), Encoding.ASCII.GetString(received));
        }
        finally
        {
            worker.Kill(entireProcessTree: true);
            await worker.WaitForExitAsync();
            data.Delete(recursive: true);
        }
    }

    /// <summary>What the host passes a dotnet-isolated worker (worker.config.json's executable, the worker arguments) and the app settings it sets.</summary>
    private static ProcessStartInfo HostStartInfo(int port, string dataDirectory)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = WorkerBuildOutput.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            WorkerBuildOutput.WorkerAssemblyPath,
            "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--workerId", "test-worker", "--requestId", "test-request", "--grpcMaxMessageLength", "2147483647",
            "--functions-uri", $"http://127.0.0.1:{port}/", "--functions-worker-id", "test-worker",
            "--functions-request-id", "test-request", "--functions-grpc-max-message-length", "2147483647",
        })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        info.Environment["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        info.Environment["Connector__LocalSecretsPath"] = Path.Combine(dataDirectory, "secrets.json");
        info.Environment["Connector__PublicBaseUrl"] = "https://connector.example";
        info.Environment["CONNECTOR_EVENTS_QUEUE"] = "gitlab-events";
        info.Environment["CONNECTOR_TOKENS_SCHEDULE"] = "0 0 */6 * * *";
        info.Environment["CONNECTOR_SYNC_QUEUE"] = "gitlab-sync";
        info.Environment["CONNECTOR_SYNC_SCHEDULE"] = "0 15 * * * *";
        return info;
    }
}
