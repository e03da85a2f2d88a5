using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
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

    /// <summary>
    /// The day every test app's sample plan is placed around: one on which it is exactly as written (budget 2025-2028),
    /// so tests can name its dates. Seeded on any other day it moves with the day (<c>SampleCalendar</c>).
    /// </summary>
    public const string SampleDate = "2025-06-01";

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
        builder.UseSetting("Database:SampleDate", SampleDate);
        // Tests sign in, move and download far faster than people do; a test of the limits sets its own.
        foreach (var limit in (string[])["RateLimits:SignInPerIp", "RateLimits:SignInPerAccount", "RateLimits:ChangesPerUser", "RateLimits:DownloadsPerUser", "RateLimits:HubCallsPerSecond", "RateLimits:HubCallBurst", "Circuits:MaxPerUser"])
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
        var sample = StartsFromTheSample();
        var template = sample ? StartedSample.Template : null;
        if (template is not null)
        {
            File.Copy(template, DatabaseFile);
        }

        var host = base.CreateHost(builder);
        if (sample && template is null)
        {
            StartedSample.Keep(DatabaseFile);
        }

        return host;
    }

    /// <summary>
    /// Whether this app's database, once started, is the same as every other such app's: the plain app in Development with
    /// the sample plan, and no setting that changes what start-up writes. Those start from a copy of the first one's file,
    /// which start-up then finds prepared. Apps of their own kind (a subclass, another environment, a first administrator,
    /// database settings) prepare their database from empty, as do the tests of start-up itself.
    /// </summary>
    private bool StartsFromTheSample() =>
        (GetType() == typeof(AppFactory) || GetType() == typeof(LiveApp)) && Environment == "Development" && ItemCount == 0 &&
        !Settings.Keys.Any(k => k.StartsWith("Database:", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Access:", StringComparison.OrdinalIgnoreCase) ||
            k.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A copy of the first plain app's database as its start-up left it (migrated, roles and demo users, the sample plan,
    /// a data-protection key). The suite starts about two hundred apps in its process; copying instead of migrating and
    /// seeding took BoardPageTests (14 apps) from 12 s to 9 s.
    /// </summary>
    private static class StartedSample
    {
        private static readonly Lock _keeping = new();

        public static string? Template { get; private set; }

        public static void Keep(string startedFile)
        {
            lock (_keeping)
            {
                if (Template is not null)
                {
                    return;
                }

                var file = TestDatabases.NewSqliteFile();
                using (var source = new SqliteConnection(TestDatabases.SqliteConnectionString(startedFile)))
                using (var copy = new SqliteConnection(TestDatabases.SqliteConnectionString(file)))
                {
                    source.Open();
                    copy.Open();
                    source.BackupDatabase(copy);
                }

                Template = file;
            }
        }
    }
}
