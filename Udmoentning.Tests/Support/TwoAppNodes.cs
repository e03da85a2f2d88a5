using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Items;
using Udmoentning.Web.Data;

namespace Udmoentning.Tests.Support;

/// <summary>
/// Two web nodes of the app as separate processes, on one new PostgreSQL database and one Redis server, started at the
/// same moment on the empty database as a deploy to two servers would start them.
/// </summary>
public sealed class TwoAppNodes : IAsyncDisposable
{
    private TwoAppNodes(AppNode a, AppNode b, string database)
    {
        A = a;
        B = b;
        Database = database;
    }

    public AppNode A { get; }

    public AppNode B { get; }

    /// <summary>The PostgreSQL connection string both nodes use.</summary>
    public string Database { get; }

    public static async Task<TwoAppNodes> StartAsync(string redis, IReadOnlyDictionary<string, string>? settings = null)
    {
        var database = await TestDatabases.NewPostgresDatabaseAsync();
        var environment = AppNode.TestSettings();
        environment["Database__Provider"] = "Postgres";
        environment["ConnectionStrings__Postgres"] = database;
        environment["Realtime__Redis"] = redis;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var a = AppNode.Launch("A", environment);
        var b = AppNode.Launch("B", environment);
        var nodes = new TwoAppNodes(a, b, database);
        try
        {
            await Task.WhenAll(a.WaitUntilServingAsync(), b.WaitUntilServingAsync());
            await Task.WhenAll(WarmUpAsync(a), WarmUpAsync(b));
        }
        catch
        {
            await nodes.DisposeAsync();
            throw;
        }

        return nodes;
    }

    /// <summary>
    /// A signed-in first render of the board on a fresh process compiles most of what a browser then needs, so a test's
    /// browser is not the one that waits for a cold process on a busy machine.
    /// </summary>
    private static async Task WarmUpAsync(AppNode node)
    {
        var cookies = await Udmoentning.Benchmarks.Circuits.DemoSignIn.SignInAsync(node.BaseAddress, TestUsers.Reader, TestContext.Current.CancellationToken);
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = node.BaseAddress };
        (await http.GetAsync("/", TestContext.Current.CancellationToken)).EnsureSuccessStatusCode();
    }

    /// <summary>A context on the nodes' database, to read what they stored.</summary>
    public PlanDbContext OpenDatabase() => TestDatabases.Postgres(Database)();

    /// <summary>The one plan the nodes seeded, and an item of it that is not started, by id and code.</summary>
    public async Task<(int PlanId, int ItemId, string Code)> PlanAndItemAsync()
    {
        await using var db = OpenDatabase();
        var plan = await db.Plans.SingleAsync(TestContext.Current.CancellationToken);
        var item = await db.Items.Where(i => i.PlanId == plan.Id && i.Status == ItemStatus.NotStarted)
            .OrderBy(i => i.Id).FirstAsync(TestContext.Current.CancellationToken);
        return (plan.Id, item.Id, item.Code);
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
