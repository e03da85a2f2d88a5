using System.Net;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Tests.Support;

namespace Udmoentning.Tests.Integration;

/// <summary>The migrate step an operator runs once per deploy: `dotnet Udmoentning.Web.dll migrate`.</summary>
public sealed class MigrateCommandTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MigrateTwiceThenANodeThatMayNotMigrateStartsOnThePreparedDatabase()
    {
        var connectionString = TestDatabases.SqliteConnectionString(TestDatabases.NewSqliteFile());
        (string, string)[] settings =
        [
            ("ConnectionStrings__Sqlite", connectionString),
            ("Database__SeedSamplePlan", "true"),
            ("Access__Administrator__UserName", "it-admin"),
            ("Access__Administrator__Password", "en-lang-adgangskode-til-test"),
        ];

        var first = await AppProcess.RunAsync(["migrate"], settings);
        var second = await AppProcess.RunAsync(["migrate"], settings);

        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Matches(@"Applied \d+ migrations: ", first.Output);
        Assert.Contains("Created the roles Reader, Editor, Coordinator, Administrator.", first.Output);
        Assert.Contains("Created the first administrator it-admin.", first.Output);
        Assert.Contains("Seeded the sample plan.", first.Output);
        Assert.Contains("Created a data-protection key in the database, shared by every node.", first.Output);
        Assert.Contains("The database is ready; start the nodes.", first.Output);
        Assert.DoesNotContain("Now listening on", first.Output);

        Assert.True(second.ExitCode == 0, second.Output);
        Assert.Contains("The database schema was up to date.", second.Output);
        Assert.Contains("The roles were in place.", second.Output);
        Assert.Contains("The sample plan was not seeded: the database already has a plan.", second.Output);
        Assert.Contains("A data-protection key is in the database.", second.Output);
        Assert.DoesNotContain("Created", second.Output);

        await using var node = new AppFactory
        {
            Environment = "Production",
            Settings = new Dictionary<string, string> { ["ConnectionStrings:Sqlite"] = connectionString, ["Database:MigrateAtStartup"] = "false" },
        };
        using var http = node.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/konto/log-ind", Token)).StatusCode);

        await using var db = TestDatabases.Sqlite(connectionString)();
        Assert.Equal(1, await db.Plans.CountAsync(Token));
        Assert.Equal(1, await db.Users.CountAsync(Token));
        Assert.Equal(1, await db.DataProtectionKeys.CountAsync(Token));
    }
}
