using System.Diagnostics;
using System.Net.Sockets;
using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Tests.Support;

/// <summary>
/// A real redis-server on a free 127.0.0.1 port, owned by one test (so it can stop and start it), or the shared one
/// that ./test.sh starts (<see cref="Variable"/>), started here on first use when the tests run without ./test.sh.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string Variable = "UDM_TEST_REDIS";

    private static readonly SemaphoreSlim SharedLock = new(1, 1);
    private static string? _shared;
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    /// <summary>A StackExchange.Redis connection string for this server.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false,connectTimeout=2000";

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The Redis server every test may share: the one ./test.sh started, or one started for this test run.</summary>
    public static async Task<string> SharedAsync()
    {
        if (Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } fromScript)
        {
            return fromScript;
        }

        await SharedLock.WaitAsync();
        try
        {
            if (_shared is null)
            {
                // Lives as long as the test process, and is stopped when it ends.
                var server = await StartNewAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAsync().GetAwaiter().GetResult();
                _shared = server.ConnectionString;
            }

            return _shared;
        }
        finally
        {
            SharedLock.Release();
        }
    }

    /// <summary>A new server of this test's own.</summary>
    public static async Task<RedisServer> StartNewAsync()
    {
        var server = new RedisServer(FreePorts.Next());
        await server.StartAsync();
        return server;
    }

    /// <summary>Starts (again) on the same port, and waits until it answers.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var binary = File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server";
        var start = new ProcessStartInfo(binary, ["--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            _process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed. Run the tests with ./test.sh, which installs it.", e);
        }

        _ = _process.StandardOutput.ReadToEndAsync();
        _ = _process.StandardError.ReadToEndAsync();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with code {_process.ExitCode} on port {Port}.");
            }

            if (await AnswersAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"redis-server did not answer on port {Port} within 20 s.");
    }

    /// <summary>Stops the server at once, as a crash would.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process?.Dispose();
    }

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return read > 0 && buffer[0] == (byte)'+';
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }
}
