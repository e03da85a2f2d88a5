using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Udmoentning.Benchmarks.Harness;

/// <summary>A private redis-server on a free 127.0.0.1 port, when it is installed (./test.sh installs it).</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RedisProcess(Process process, int port)
    {
        _process = process;
        ConnectionString = $"127.0.0.1:{port},abortConnect=false";
    }

    public string ConnectionString { get; }

    public static async Task<RedisProcess?> TryStartAsync()
    {
        if (!File.Exists("/usr/bin/redis-server"))
        {
            return null;
        }

        var port = FreePorts.Next();
        var process = Process.Start(new ProcessStartInfo("/usr/bin/redis-server", ["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        for (var attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new RedisProcess(process, port);
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        process.Kill();
        throw new InvalidOperationException($"redis-server did not listen on port {port}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
