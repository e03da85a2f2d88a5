using Microsoft.EntityFrameworkCore;
using Udmoentning.Tests.Support;

namespace Udmoentning.Tests.Integration;

/// <summary>
/// The published app as an operator starts it: from any folder, in Production, with its settings found in its own folder,
/// its SQLite file outside that folder, a migrate step that checks its settings before it changes anything and says only
/// what it did, and a loud warning when nobody could sign in.
/// </summary>
public sealed class RunFromAnywhereTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static readonly (string, string)[] _administrator =
        [("Access__Administrator__UserName", "it-admin"), ("Access__Administrator__Password", "en-lang-adgangskode-til-test")];

    [Fact]
    public async Task StartedFromAnotherFolderTheAppReadsItsOwnSettingsAndKeepsSqliteInTheDataFolder()
    {
        var data = Directory.CreateTempSubdirectory("udm-data").FullName;

        // AppProcess starts the app in an empty folder of its own: no appsettings.json there, no connection string given.
        var (exitCode, output) = await AppProcess.RunAsync(["migrate"], [("Database__DataFolder", data), .. _administrator]);

        Assert.True(exitCode == 0, output);
        var file = Path.Combine(data, "App_Data", "udmoentning.db");
        Assert.True(File.Exists(file), $"No database at {file}:\n{output}");
        await using var db = TestDatabases.Sqlite(TestDatabases.SqliteConnectionString(file))();
        Assert.Equal(1, await db.Users.CountAsync(Token));
    }

    [Fact]
    public async Task WithoutADataFolderProductionUsesTheUsersOwnDataFolderNotTheAppsFolder()
    {
        var home = Directory.CreateTempSubdirectory("udm-home").FullName;

        var (exitCode, output) = await AppProcess.RunAsync(["migrate"], [("XDG_DATA_HOME", home), .. _administrator]);

        Assert.True(exitCode == 0, output);
        Assert.True(File.Exists(Path.Combine(home, "Udmoentning", "App_Data", "udmoentning.db")), output);
        Assert.False(File.Exists(Path.Combine(AppContext.BaseDirectory, "App_Data", "udmoentning.db")));
    }

    [Fact]
    public async Task ASqliteFileInsideTheAppsFolderStopsStartUpAndNamesTheSettings()
    {
        var inside = Path.Combine(AppContext.BaseDirectory, "App_Data", $"{Guid.NewGuid():N}.db");

        var (exitCode, output) = await AppProcess.RunAsync(["migrate"], [("ConnectionStrings__Sqlite", $"Data Source={inside}"), .. _administrator]);

        Assert.Equal(1, exitCode);
        Assert.Contains("which the next deploy replaces", output);
        Assert.Contains("Database:DataFolder", output);
        Assert.False(File.Exists(inside));
    }

    [Fact]
    public async Task MigrateWithAnAdministratorButNoPasswordChangesNothing()
    {
        var file = TestDatabases.NewSqliteFile();

        var (exitCode, output) = await AppProcess.RunAsync(
            ["migrate"], ("ConnectionStrings__Sqlite", TestDatabases.SqliteConnectionString(file)), ("Access__Administrator__UserName", "it-admin"));

        Assert.Equal(1, exitCode);
        Assert.Contains("Access:Administrator:Password is missing", output);
        Assert.DoesNotContain("Applied", output);
        await using var db = TestDatabases.Sqlite(TestDatabases.SqliteConnectionString(file))();
        Assert.Empty(await db.Database.GetAppliedMigrationsAsync(Token));
    }

    [Fact]
    public async Task MigrateSaysWhatItDidWithoutEverySqlCommandUnlessAskedAndWarnsWhenNobodyCanSignIn()
    {
        var quiet = await AppProcess.RunAsync(["migrate"], ("ConnectionStrings__Sqlite", TestDatabases.SqliteConnectionString(TestDatabases.NewSqliteFile())));
        var verbose = await AppProcess.RunAsync(
            ["migrate", "--verbose"], [("ConnectionStrings__Sqlite", TestDatabases.SqliteConnectionString(TestDatabases.NewSqliteFile())), .. _administrator]);

        Assert.True(quiet.ExitCode == 0, quiet.Output);
        Assert.Matches(@"Applied \d+ migrations: ", quiet.Output);
        Assert.DoesNotContain("CREATE TABLE", quiet.Output);
        Assert.DoesNotContain("Executed DbCommand", quiet.Output);
        Assert.Contains("Warning: Nobody can sign in", quiet.Output);
        Assert.Contains("Access:Administrator:UserName", quiet.Output);

        Assert.True(verbose.ExitCode == 0, verbose.Output);
        Assert.Contains("CREATE TABLE", verbose.Output);
        Assert.DoesNotContain("Nobody can sign in", verbose.Output);
    }
}
