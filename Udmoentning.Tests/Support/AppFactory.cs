using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Udmoentning.Tests.Support;

/// <summary>The real app on a fresh SQLite file of its own, with the sample plan seeded at start-up.</summary>
public class AppFactory : WebApplicationFactory<Program>
{
    /// <summary>How many items to seed; above the sample's 87, variations are added (large boards).</summary>
    public int ItemCount { get; init; }

    public string Environment { get; init; } = "Development";

    /// <summary>Further settings, e.g. the first administrator.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    public string DatabaseFile { get; } = TestDatabases.NewSqliteFile();

    /// <summary>What the app logged at warning level or above, for a failing test's output.</summary>
    public ServerProblems Problems { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Sqlite", TestDatabases.SqliteConnectionString(DatabaseFile));
        builder.UseSetting("Database:SampleItemCount", ItemCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // Tests sign in, move and download far faster than people do; a test of the limits sets its own.
        foreach (var limit in (string[])["RateLimits:SignInPerIp", "RateLimits:SignInPerAccount", "RateLimits:ChangesPerUser", "RateLimits:DownloadsPerUser", "Circuits:MaxPerUser"])
        {
            builder.UseSetting(limit, "1000000");
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(Problems));
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        AppStarts.Record("in-process");
        return base.CreateHost(builder);
    }
}
