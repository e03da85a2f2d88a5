using System.Data.Common;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data.Providers;
using Udmoentning.Web.History;
using Udmoentning.Web.Meetings;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Meetings;

/// <summary>
/// Everyone who follows a meeting reads an item's history when the item changes, and the summary's when it is shown. The
/// followers of one change share one read of the database; the next change is read anew, so no follower is shown less.
/// </summary>
public sealed class MeetingHistoryTests : IAsyncLifetime
{
    private const int Followers = 30;

    private readonly HistoryApp _app = new();
    private PlanItemService _items = null!;
    private MeetingHistory _history = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _items = _app.Services.GetRequiredService<PlanItemService>();
        _history = _app.Services.GetRequiredService<MeetingHistory>();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ThirtyFollowersOfAChangeShareOneReadOfTheItemsHistoryAndTheNextChangeIsReadAnew()
    {
        var item = await ItemAsync(ItemStatus.NotStarted);
        var since = DateTime.UtcNow.AddMinutes(-1);

        await MoveAsync(item.Id, ItemStatus.InProgress);
        var reads = _app.HistoryReads;
        var seen = await Task.WhenAll(Enumerable.Range(0, Followers).Select(_ => Task.Run(() => _history.ForItemSinceAsync(item.Id, since, Token))));
        Assert.All(seen, entries => Assert.Equal([PlanItemService.MovedKind], entries.Select(e => e.Kind)));
        Assert.Equal(1, _app.HistoryReads - reads);

        await MoveAsync(item.Id, ItemStatus.NotStarted);
        seen = await Task.WhenAll(Enumerable.Range(0, Followers).Select(_ => Task.Run(() => _history.ForItemSinceAsync(item.Id, since, Token))));
        Assert.All(seen, entries => Assert.Equal([PlanItemService.MovedKind, PlanItemService.MovedKind], entries.Select(e => e.Kind)));
        Assert.Equal(2, _app.HistoryReads - reads);
    }

    [Fact]
    public async Task ThirtyFollowersOfAMeetingsSummaryShareOneReadAndSeeTheNextChange()
    {
        var snapshot = await SnapshotAsync();
        var scope = MeetingScope.For(snapshot, "oeu")!;
        var item = snapshot.Items.First(i => scope.Includes(i) && i.Status == ItemStatus.NotStarted);
        var since = DateTime.UtcNow.AddMinutes(-1);

        await MoveAsync(item.Id, ItemStatus.InProgress);
        var reads = _app.HistoryReads;
        var seen = await Task.WhenAll(Enumerable.Range(0, Followers).Select(_ => Task.Run(() => _history.SinceAsync(snapshot, scope, since, Token))));
        Assert.All(seen, entries => Assert.Equal([item.Id], entries.Select(e => e.ItemId)));
        Assert.Equal(1, _app.HistoryReads - reads);

        var other = snapshot.Items.First(i => scope.Includes(i) && i.Status == ItemStatus.NotStarted && i.Id != item.Id);
        await MoveAsync(other.Id, ItemStatus.InProgress);
        seen = await Task.WhenAll(Enumerable.Range(0, Followers).Select(_ => Task.Run(() => _history.SinceAsync(snapshot, scope, since, Token))));
        Assert.All(seen, entries => Assert.Equal([item.Id, other.Id], entries.Select(e => e.ItemId)));
        Assert.Equal(2, _app.HistoryReads - reads);
    }

    private async Task<PlanSnapshot> SnapshotAsync() =>
        await _app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token) ?? throw new InvalidOperationException("No sample plan.");

    private async Task<PlanItem> ItemAsync(ItemStatus status) => (await SnapshotAsync()).Items.First(i => i.Status == status);

    private async Task MoveAsync(int itemId, ItemStatus to)
    {
        var user = await TestUsers.PrincipalAsync(_app.Services, TestUsers.Coordinator);
        var current = (await SnapshotAsync()).Items.Single(i => i.Id == itemId);
        var outcome = await _items.MoveAsync(user, new MoveRequest(itemId, current.Version, to), Token);
        Assert.True(outcome.Succeeded, outcome.Message);
    }

    /// <summary>The app, counting the queries the history reader makes (not the resync's own look at missed changes).</summary>
    private sealed class HistoryApp : AppFactory
    {
        private readonly HistoryQueries _queries = new();

        public int HistoryReads => _queries.Count;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.ConfigureDbContext<SqlitePlanDbContext>(options => options.AddInterceptors(_queries)));
        }
    }

    private sealed class HistoryQueries : DbCommandInterceptor
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM \"ItemHistory\"", StringComparison.Ordinal) && Environment.StackTrace.Contains(nameof(HistoryReader), StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _count);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
