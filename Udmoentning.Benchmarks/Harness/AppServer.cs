using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Udmoentning.Benchmarks.Circuits;

namespace Udmoentning.Benchmarks.Harness;

/// <summary>
/// The app as its own process: the Release build published once, started on a free 127.0.0.1 port with a
/// fresh SQLite file (or PostgreSQL) and a generated plan of the requested size. Development, for the demo users.
/// </summary>
public sealed class AppServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataFolder;

    private AppServer(Process process, Uri baseUri, string dataFolder)
    {
        _process = process;
        BaseUri = baseUri;
        _dataFolder = dataFolder;
    }

    public Uri BaseUri { get; }

    public int ProcessId => _process.Id;

    /// <summary>
    /// Waits until the app has settled after a load step (e.g. opening hundreds of viewers): right after one it spends
    /// seconds compiling the code it just ran to its faster tier (measured: about 1.5 s of JIT time per 2 s, at 300
    /// viewers), which would be timed with the next step. Settled: under 60 % of one core, and no longer falling, over a
    /// second. Returns how long it took (at most <paramref name="longest"/>).
    /// </summary>
    public async Task<TimeSpan> SettleAsync(TimeSpan longest)
    {
        var started = Stopwatch.GetTimestamp();
        var previous = double.MaxValue;
        var before = CpuTime();
        while (Stopwatch.GetElapsedTime(started) < longest)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var now = CpuTime();
            var share = (now - before).TotalSeconds;
            before = now;
            if (share < 0.6 && share >= previous - 0.05)
            {
                break;
            }

            previous = share;
        }

        return Stopwatch.GetElapsedTime(started);
    }

    /// <summary>The CPU time the app's process has used so far (user and system, all threads).</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Publishes Udmoentning.Web in Release to <paramref name="output"/> (once per harness run).</summary>
    public static async Task PublishAsync(string repositoryRoot, string output)
    {
        Console.WriteLine("Publishing Udmoentning.Web (Release)...");
        var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", Path.Combine(repositoryRoot, "Udmoentning.Web"), "-c", "Release", "-o", output, "-nologo", "-v", "q"])
        {
            RedirectStandardOutput = true,
        })!;
        await publish.StandardOutput.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException("dotnet publish failed.");
        }
    }

    /// <summary>
    /// The day the benchmark's sample plan is placed around: always the same, so runs on different days measure the same
    /// plan (seeded on the day, it moves in time and gains the next year's meetings from July). On 6 December 2026 three
    /// runs seeded on the day gave PostgreSQL saves through the hub a p95 of 113–132 ms, two runs pinned 96 and 105 ms.
    /// </summary>
    public const string SampleDate = "2025-06-01";

    /// <summary>Starts the app; with <paramref name="redis"/> it is one of several nodes sharing changes through that Redis.</summary>
    /// <param name="appCircuitDefaults">
    /// Keep the app's own limits on disconnected circuits (<c>Circuits:DisconnectedMaxRetained</c> and retention) instead of
    /// the harness's 1,000: for scenarios about reconnecting, where that limit is what is measured.
    /// </param>
    public static async Task<AppServer> StartAsync(string publishFolder, int items, string? postgres = null, string? redis = null, bool appCircuitDefaults = false)
    {
        var port = FreePorts.Next();
        var data = Directory.CreateTempSubdirectory("udm-bench-").FullName;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(publishFolder, "Udmoentning.Web.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = publishFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Database__SampleItemCount"] = items.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Database__SampleDate"] = SampleDate;
        start.Environment["Diagnostics__Enabled"] = "true";
        // Hundreds of viewers as one demo user and 16 writers as another: far above what people do, on purpose.
        start.Environment["RateLimits__SignInPerIp"] = "1000000";
        start.Environment["RateLimits__ChangesPerUser"] = "1000000";
        start.Environment["RateLimits__DownloadsPerUser"] = "1000000";
        start.Environment["RateLimits__HubCallsPerSecond"] = "1000000";
        start.Environment["RateLimits__HubCallBurst"] = "1000000";
        start.Environment["Circuits__MaxPerUser"] = "1000000";
        if (!appCircuitDefaults)
        {
            start.Environment["Circuits__DisconnectedMaxRetained"] = "1000";
        }

        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning";
        if (postgres is null)
        {
            start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(data, "bench.db")}";
        }
        else
        {
            start.Environment["Database__Provider"] = "Postgres";
            start.Environment["ConnectionStrings__Postgres"] = postgres;
        }

        if (redis is not null)
        {
            start.Environment["Realtime__Redis"] = redis;
        }

        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var server = new AppServer(process, new Uri($"http://127.0.0.1:{port}/"), data);
        await server.WaitUntilUpAsync();
        return server;
    }

    public async Task<MemoryReading> MemoryAsync(CookieContainer adminCookies)
    {
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = adminCookies }) { BaseAddress = BaseUri };
        return await http.GetFromJsonAsync<MemoryReading>("diagnostics/memory") ?? throw new InvalidDataException("No memory reading.");
    }

    /// <summary>What the app's JIT has compiled so far (methods, and its time).</summary>
    public async Task<JitReading> JitAsync(CookieContainer adminCookies)
    {
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = adminCookies }) { BaseAddress = BaseUri };
        return await http.GetFromJsonAsync<JitReading>("diagnostics/jit") ?? throw new InvalidDataException("No JIT reading.");
    }

    public Task<CookieContainer> SignInAsync(string demoUser) => DemoSignIn.SignInAsync(BaseUri, demoUser, CancellationToken.None);

    private async Task WaitUntilUpAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app stopped with exit code {_process.ExitCode}.");
            }

            try
            {
                if ((await http.GetAsync("konto/log-ind")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet: seeding a large plan takes a while.
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The app did not start within 3 minutes.");
    }

    /// <summary>Kills the app's process at once, as a node that crashes: its connections drop, nothing is saved or said.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_dataFolder, recursive: true);
    }
}

/// <summary>What <c>/diagnostics/memory</c> reports.</summary>
public sealed record MemoryReading(long ManagedBytes, long WorkingSetBytes, int LiveBoards);

/// <summary>What <c>/diagnostics/jit</c> reports.</summary>
public sealed record JitReading(long CompiledMethods, double CompilationMilliseconds)
{
    /// <summary>Two processes' readings together (two web nodes).</summary>
    public JitReading Plus(JitReading other) => new(CompiledMethods + other.CompiledMethods, CompilationMilliseconds + other.CompilationMilliseconds);
}
