using System.Diagnostics;

namespace Udmoentning.Tests.Integration;

/// <summary>Start-up stops with one clear message when a setting or the database is wrong.</summary>
public class StartupTests
{
    [Fact]
    public async Task AnUnknownProviderStopsStartUpAndListsTheAllowedValues()
    {
        var (exitCode, output) = await RunAppAsync(("Database__Provider", "Oracle"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Unknown database provider 'Oracle' in the setting Database:Provider. Allowed values: Sqlite, SqlServer, Postgres.", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task AMissingConnectionStringNamesTheSettingToFix()
    {
        var (exitCode, output) = await RunAppAsync(("Database__Provider", "Postgres"));

        Assert.Equal(1, exitCode);
        Assert.Contains("ConnectionStrings:Postgres is missing", output);
    }

    [Fact]
    public async Task AnUnreachableDatabaseServerNamesTheConnectionString()
    {
        var (exitCode, output) = await RunAppAsync(
            ("Database__Provider", "Postgres"),
            ("ConnectionStrings__Postgres", $"Host=127.0.0.1;Port={ClosedPort()};Database=udm;Username=udm;Timeout=3"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Cannot open or migrate the Postgres database", output);
        Assert.Contains("ConnectionStrings:Postgres", output);
    }

    [Fact]
    public async Task AFirstAdministratorWithoutAPasswordStopsStartUp()
    {
        var (exitCode, output) = await RunAppAsync(
            ("ConnectionStrings__Sqlite", $"Data Source={Path.Combine(Path.GetTempPath(), $"udm-{Guid.NewGuid():N}.db")}"),
            ("Access__Administrator__UserName", "it-admin"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Access:Administrator:Password is missing", output);
        Assert.Contains("there is no default password", output);
    }

    [Fact]
    public async Task AMalformedRedisConnectionStringNamesTheSetting()
    {
        var (exitCode, output) = await RunAppAsync(
            ("ConnectionStrings__Sqlite", $"Data Source={Path.Combine(Path.GetTempPath(), $"udm-{Guid.NewGuid():N}.db")}"),
            ("Realtime__Redis", "127.0.0.1:6379,nonsense=yes"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Realtime:Redis is not a valid StackExchange.Redis connection string", output);
        Assert.DoesNotContain("   at ", output);
    }

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<(int ExitCode, string Output)> RunAppAsync(params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Udmoentning.Web.dll"), "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Directory.CreateTempSubdirectory("udm-startup").FullName,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The app did not stop; it should have refused to start.");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
