using System.Collections.Concurrent;
using System.Diagnostics;
using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Tests.Support;

/// <summary>
/// The app as a process of its own, as one web node behind a load balancer is: <c>dotnet Udmoentning.Web.dll</c> from the
/// web project's build output, on a free 127.0.0.1 port, with the settings given as environment variables. Development,
/// for the demo users; the caller names the database and Redis.
/// </summary>
public sealed class AppNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private AppNode(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += (_, e) => Keep(e.Data);
        _process.ErrorDataReceived += (_, e) => Keep(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public int Port => BaseAddress.Port;

    public bool HasExited => _process.HasExited;

    public Uri Url(string path) => new(BaseAddress, path);

    /// <summary>What the node wrote to its console, for the message of a failing test.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>Settings every test node has: far higher limits than people reach, and quiet logs.</summary>
    public static Dictionary<string, string> TestSettings() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Database__SampleDate"] = AppFactory.SampleDate,
        ["RateLimits__SignInPerIp"] = "1000000",
        ["RateLimits__SignInPerAccount"] = "1000000",
        ["RateLimits__ChangesPerUser"] = "1000000",
        ["RateLimits__DownloadsPerUser"] = "1000000",
        ["RateLimits__HubCallsPerSecond"] = "1000000",
        ["RateLimits__HubCallBurst"] = "1000000",
        ["Circuits__MaxPerUser"] = "1000000",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };

    /// <summary>Starts a node; returns once it serves the sign-in page.</summary>
    public static async Task<AppNode> StartAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        var node = Launch(name, settings);
        await node.WaitUntilServingAsync();
        return node;
    }

    /// <summary>Starts a node without waiting for it (to start several at once); wait with <see cref="WaitUntilServingAsync"/>.</summary>
    public static AppNode Launch(string name, IReadOnlyDictionary<string, string> settings)
    {
        var web = WebOutput();
        var port = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(web, "Udmoentning.Web.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            // The content root is the project folder, as with `dotnet run`: appsettings and static assets are found there.
            WorkingDirectory = Path.Combine(RepositoryRoot(), "Udmoentning.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        AppStarts.Record("process");
        return new AppNode(name, Process.Start(start)!, new Uri($"http://127.0.0.1:{port}/"));
    }

    public async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Node {Name} stopped with exit code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await http.GetAsync("konto/log-ind", TestContext.Current.CancellationToken)).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException($"Node {Name} did not serve the sign-in page within 2 minutes:\n{Output}");
    }

    /// <summary>Ends the node at once, as a crash or a pulled cable would: no graceful shutdown.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 400)
        {
            _output.TryDequeue(out _);
        }
    }

    /// <summary>The web project's build output of the same configuration as this test run.</summary>
    private static string WebOutput()
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var folder = Path.Combine(RepositoryRoot(), "Udmoentning.Web", "bin", configuration, "net10.0");
        return File.Exists(Path.Combine(folder, "Udmoentning.Web.dll"))
            ? folder
            : throw new FileNotFoundException($"Udmoentning.Web is not built in {configuration}: {folder}. Build the solution first (./test.sh does).");
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Udmoentning.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Udmoentning.slnx above {AppContext.BaseDirectory}.");
    }
}
