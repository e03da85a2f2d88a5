using Microsoft.EntityFrameworkCore;
using Udmoentning.Benchmarks.Harness;
using Udmoentning.Tests.Support;

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
            ("ConnectionStrings__Postgres", $"Host=127.0.0.1;Port={FreePorts.Next()};Database=udm;Username=udm;Timeout=3"));

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
    public async Task ANodeThatMayNotMigrateRefusesADatabaseThatIsBehindAndNamesTheCommand()
    {
        var file = TestDatabases.NewSqliteFile();

        var (exitCode, output) = await RunAppAsync(
            ("ConnectionStrings__Sqlite", TestDatabases.SqliteConnectionString(file)),
            ("Database__MigrateAtStartup", "false"));

        await using var db = TestDatabases.Sqlite(TestDatabases.SqliteConnectionString(file))();
        var migrations = db.Database.GetMigrations().ToList();
        Assert.Equal(1, exitCode);
        Assert.Contains($"The database is {migrations.Count} migrations behind ({string.Join(", ", migrations)}).", output);
        Assert.Contains("Run `dotnet Udmoentning.Web.dll migrate` with the same settings once, then start the nodes (or set Database:MigrateAtStartup=true on one node only).", output);
        Assert.DoesNotContain("   at ", output);
    }

    [Fact]
    public async Task ANodeThatMayNotMigrateRefusesADatabaseWithoutRoles()
    {
        var connectionString = TestDatabases.SqliteConnectionString(TestDatabases.NewSqliteFile());
        await using (var db = TestDatabases.Sqlite(connectionString)())
        {
            await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        }

        var (exitCode, output) = await RunAppAsync(("ConnectionStrings__Sqlite", connectionString), ("Database__MigrateAtStartup", "false"));

        Assert.Equal(1, exitCode);
        Assert.Contains("The database has not been prepared: the roles Reader, Editor, Coordinator, Administrator are missing. Run `dotnet Udmoentning.Web.dll migrate`", output);
    }

    [Fact]
    public async Task TheMigrateCommandOnAnUnreachableDatabaseExitsWithTheClearMessage()
    {
        var (exitCode, output) = await AppProcess.RunAsync(
            ["migrate"],
            ("Database__Provider", "Postgres"),
            ("ConnectionStrings__Postgres", $"Host=127.0.0.1;Port={FreePorts.Next()};Database=udm;Username=udm;Timeout=3"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Udmøntning cannot prepare the database: Cannot open or migrate the Postgres database", output);
        Assert.Contains("ConnectionStrings:Postgres", output);
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

    private static Task<(int ExitCode, string Output)> RunAppAsync(params (string Name, string Value)[] environment) =>
        AppProcess.RunAsync(["--urls", "http://127.0.0.1:0"], environment);
}
