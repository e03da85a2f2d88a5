using System.Net;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Access;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data;

namespace Udmoentning.Tests.Integration;

/// <summary>Two nodes started at once on one empty database both start, and the database is prepared exactly once.</summary>
public sealed class NodesStartingTogetherTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoNodesStartingTogetherOnAnEmptyPostgresDatabaseBothStartAndSeedOnce()
    {
        var connectionString = await TestDatabases.NewPostgresDatabaseAsync();

        await StartTwoNodesAndCheckAsync(
            new Dictionary<string, string> { ["Database:Provider"] = "Postgres", ["ConnectionStrings:Postgres"] = connectionString },
            TestDatabases.Postgres(connectionString));
    }

    [Fact]
    public async Task TwoNodesStartingTogetherOnAnEmptySqliteFileBothStartAndSeedOnce()
    {
        var connectionString = TestDatabases.SqliteConnectionString(TestDatabases.NewSqliteFile());

        await StartTwoNodesAndCheckAsync(
            new Dictionary<string, string> { ["ConnectionStrings:Sqlite"] = connectionString },
            TestDatabases.Sqlite(connectionString));
    }

    private static async Task StartTwoNodesAndCheckAsync(Dictionary<string, string> database, Func<PlanDbContext> open)
    {
        var settings = new Dictionary<string, string>(database)
        {
            ["Access:Administrator:UserName"] = "it-admin",
            ["Access:Administrator:Password"] = "en-lang-adgangskode-til-test",
        };
        await using var a = new LiveApp { Settings = settings };
        await using var b = new LiveApp { Settings = settings };

        await Task.WhenAll(Task.Run(() => a.InitializeAsync().AsTask(), Token), Task.Run(() => b.InitializeAsync().AsTask(), Token));

        foreach (var node in new[] { a, b })
        {
            // A node whose start-up failed never listens: its address keeps port 0.
            Assert.True(node.BaseAddress.Port != 0, "A node did not start.");
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(node.Url("/konto/log-ind"), Token)).StatusCode);
        }

        await using var db = open();
        Assert.Equal(1, await db.Plans.CountAsync(Token));
        Assert.Equal(Enum.GetNames<Role>().Order(), (await db.Roles.Select(r => r.Name!).ToListAsync(Token)).Order());
        Assert.Equal(1, await db.Users.CountAsync(u => u.UserName == "it-admin", Token));
        Assert.Equal(1, await db.Users.CountAsync(u => u.UserName == TestUsers.Reader, Token));
    }
}
