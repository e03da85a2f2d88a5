using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Tests.Support;

namespace Udmoentning.Tests.Data;

/// <summary>
/// The app's SQLite settings (WAL, synchronous=NORMAL, foreign keys, a busy timeout) hold on every connection a context
/// opens: on a new one, and on one the pool hands out again, where they are not set a second time.
/// </summary>
public sealed class SqlitePragmasTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AConnectionFromThePoolStillHasTheSettings()
    {
        var contexts = TestDatabases.Sqlite(TestDatabases.SqliteConnectionString(TestDatabases.NewSqliteFile(), pooling: true));
        object firstHandle;
        await using (var first = contexts())
        {
            await first.Database.MigrateAsync(Token);
            await first.Database.OpenConnectionAsync(Token);
            Assert.Equal(Expected, await SettingsAsync(first));
            firstHandle = ((SqliteConnection)first.Database.GetDbConnection()).Handle!;
        }

        await using var second = contexts();
        await second.Database.OpenConnectionAsync(Token);
        Assert.Same(firstHandle, ((SqliteConnection)second.Database.GetDbConnection()).Handle);
        Assert.Equal(Expected, await SettingsAsync(second));
        SqliteConnection.ClearPool((SqliteConnection)second.Database.GetDbConnection());
    }

    [Fact]
    public async Task EveryNewConnectionGetsTheSettings()
    {
        var contexts = TestDatabases.Sqlite(TestDatabases.SqliteConnectionString(TestDatabases.NewSqliteFile()));
        await using (var first = contexts())
        {
            await first.Database.MigrateAsync(Token);
        }

        for (var i = 0; i < 3; i++)
        {
            await using var db = contexts();
            await db.Database.OpenConnectionAsync(Token);
            Assert.Equal(Expected, await SettingsAsync(db));
        }
    }

    private static readonly string[] Expected = ["wal", "1", "1", "5000"];

    private static async Task<string[]> SettingsAsync(Web.Data.PlanDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        var values = new List<string>();
        foreach (var pragma in new[] { "journal_mode", "synchronous", "foreign_keys", "busy_timeout" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA {pragma};";
            values.Add(Convert.ToString(await command.ExecuteScalarAsync(Token), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return [.. values];
    }
}
