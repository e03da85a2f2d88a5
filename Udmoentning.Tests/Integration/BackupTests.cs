using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data.Backup;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Integration;

/// <summary>
/// <c>dotnet Udmoentning.Web.dll backup FILE</c> and <c>restore FILE</c> on the embedded SQLite database: a backup taken
/// while people write is whole, and a restore is refused while the app runs.
/// </summary>
public sealed class BackupTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ABackupTakenDuringASixteenWriterStormRestoresToADatabaseWhoseItemsAndHistoryAgree()
    {
        await using var app = new AppFactory();
        var items = app.Services.GetRequiredService<PlanItemService>();
        var coordinator = await TestUsers.PrincipalAsync(app.Services, TestUsers.Coordinator);
        var plan = (await app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
        var ids = plan.Items.Where(i => i.Status is ItemStatus.NotStarted or ItemStatus.InProgress).Select(i => i.Id).ToList();
        var contexts = app.Services.GetRequiredService<IDbContextFactory<Udmoentning.Web.Data.PlanDbContext>>();
        using var storm = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var saved = 0;

        // Sixteen writers move items between "Ikke påbegyndt" and "I gang" as fast as the database lets them.
        var writers = Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            var random = new Random(writer);
            while (!storm.IsCancellationRequested)
            {
                var id = ids[random.Next(ids.Count)];
                await using var db = await contexts.CreateDbContextAsync(Token);
                var item = await db.Items.AsNoTracking().SingleAsync(i => i.Id == id, Token);
                var to = item.Status == ItemStatus.InProgress ? ItemStatus.NotStarted : ItemStatus.InProgress;
                if ((await items.MoveAsync(coordinator, new MoveRequest(id, item.Version, to, null), Token)).Succeeded)
                {
                    Interlocked.Increment(ref saved);
                }
            }
        }, Token)).ToList();

        Assert.True(await Poll.UntilAsync(() => Volatile.Read(ref saved) >= 40, TimeSpan.FromSeconds(60)), "The writers saved fewer than 40 moves in a minute.");
        var backupFile = Path.Combine(Path.GetTempPath(), $"udm-backup-{Guid.NewGuid():N}.db");
        var backup = SqliteBackup.Create(TestDatabases.SqliteConnectionString(app.DatabaseFile), backupFile);
        Assert.Contains("exists already", Assert.Throws<BackupException>(() => SqliteBackup.Create(TestDatabases.SqliteConnectionString(app.DatabaseFile), backupFile)).Message);
        var savedAtBackup = Volatile.Read(ref saved);
        Assert.True(await Poll.UntilAsync(() => Volatile.Read(ref saved) >= savedAtBackup + 20, TimeSpan.FromSeconds(60)), "The writers stopped at the backup.");
        await storm.CancelAsync();
        await Task.WhenAll(writers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));

        var restoredFile = TestDatabases.NewSqliteFile();
        var restored = SqliteBackup.Restore(TestDatabases.SqliteConnectionString(restoredFile), backupFile);

        Assert.Equal(backup.HistoryRecords, restored.HistoryRecords);
        Assert.Equal(plan.Items.Count, restored.Items);
        await using var copy = TestDatabases.Sqlite(TestDatabases.SqliteConnectionString(restoredFile))();
        await using var live = await contexts.CreateDbContextAsync(Token);
        Assert.True(await live.History.CountAsync(Token) > backup.HistoryRecords, "The writers went on after the backup, so the live database has more history than the copy.");
        var statuses = await copy.Items.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Status.Name(), Token);
        var history = await copy.History.AsNoTracking().OrderBy(h => h.Id).ToListAsync(Token);
        var lastStatus = history.SelectMany(h => h.Changes.Where(c => c.Field == "Status").Select(c => (h.ItemId, c.New)))
            .GroupBy(c => c.ItemId).ToDictionary(g => g.Key, g => g.Last().New);
        Assert.True(lastStatus.Count > 0, "The copy has none of the storm's moves.");
        Assert.All(lastStatus, last => Assert.True(statuses[last.Key] == last.Value, $"Item {last.Key} is \"{statuses[last.Key]}\" in the copy, but its last history record says \"{last.Value}\"."));
    }

    [Fact]
    public async Task TheCommandsBackUpWhileTheAppRunsAndRestoreOnlyWhenItHasStopped()
    {
        var backupFile = Path.Combine(Path.GetTempPath(), $"udm-backup-{Guid.NewGuid():N}.db");
        var app = new AppFactory();
        _ = app.Services;
        (string, string)[] settings = [("ConnectionStrings__Sqlite", TestDatabases.SqliteConnectionString(app.DatabaseFile))];

        var taken = await AppProcess.RunAsync(["backup", backupFile], settings);
        var whileRunning = await AppProcess.RunAsync(["restore", backupFile], settings);
        await app.DisposeAsync();
        var restored = await AppProcess.RunAsync(["restore", backupFile], settings);

        Assert.True(taken.ExitCode == 0, taken.Output);
        Assert.Matches(@"Backed up .+ to .+: \d+ items, \d+ history records\.", taken.Output);
        Assert.Equal(1, whileRunning.ExitCode);
        Assert.Contains("The app is running on", whileRunning.Output);
        Assert.True(restored.ExitCode == 0, restored.Output);
        Assert.Contains("Restored", restored.Output);
    }
}
