using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data.Providers;

namespace Udmoentning.Tests.Integration;

/// <summary>
/// Saves to one SQLite file take turns in the process (<see cref="SqliteWriteGate"/>) instead of sleeping in SQLite's busy
/// handler. On a real SQLite file in WAL, as the app configures it: many writers at once all save, and a save inside an
/// explicit transaction is not held up by a writer that is itself waiting for that transaction's lock.
/// </summary>
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(20);
    private readonly string _connectionString = TestDatabases.SqliteConnectionString(TestDatabases.NewSqliteFile());
    private Func<Web.Data.PlanDbContext> _contexts = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _contexts = TestDatabases.Sqlite(_connectionString);
        await using var db = _contexts();
        await db.Database.MigrateAsync(Token);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task SixteenWritersSavingAtOnceAllSaveAndNothingIsLost()
    {
        var writers = Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await using var db = _contexts();
                db.DataProtectionKeys.Add(Key($"writer {writer} save {i}"));
                await db.SaveChangesAsync(Token);
            }
        }, Token));

        await Task.WhenAll(writers).WaitAsync(_timeout, Token);

        await using var check = _contexts();
        Assert.Equal(320, await check.DataProtectionKeys.CountAsync(Token));
        Assert.False(SqliteWriteGate.IsTaken(_connectionString), "Every writer gave its turn back.");
    }

    [Fact]
    public async Task ASaveInsideATransactionGoesAheadOfAWriterWaitingForThatTransaction()
    {
        await using var first = _contexts();
        await using var transaction = await first.Database.BeginTransactionAsync(Token);
        first.DataProtectionKeys.Add(Key("first, before"));
        await first.SaveChangesAsync(Token); // holds SQLite's write lock until the commit

        // A second writer takes its turn and waits in SQLite for the lock the open transaction holds.
        var second = Task.Run(async () =>
        {
            await using var db = _contexts();
            db.DataProtectionKeys.Add(Key("second"));
            await db.SaveChangesAsync(Token);
        }, Token);
        Assert.True(await Poll.UntilAsync(() => SqliteWriteGate.IsTaken(_connectionString), _timeout), "The second writer never took its turn.");

        // Had the transaction's own save waited for the second writer's turn, each would wait for the other until the
        // gate gave up waiting (5 s): well past this bound, which only a save that does not wait for a turn meets.
        first.DataProtectionKeys.Add(Key("first, after"));
        await first.SaveChangesAsync(Token).WaitAsync(TimeSpan.FromSeconds(3), Token);
        Assert.False(second.IsCompleted, "The second writer waits for the transaction.");
        await transaction.CommitAsync(Token);
        await second.WaitAsync(_timeout, Token);

        await using var check = _contexts();
        Assert.Equal(["first, after", "first, before", "second"], (await check.DataProtectionKeys.Select(k => k.FriendlyName!).ToListAsync(Token)).Order());
    }

    private static DataProtectionKey Key(string name) => new() { FriendlyName = name, Xml = "<key />" };
}
