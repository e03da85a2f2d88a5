using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Tests.EndToEnd;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Integration;

/// <summary>
/// A move takes committees and themes from the shared copy of the plan (<see cref="PlanCache"/>) instead of asking the
/// database each time; the item, the plan's archived state and the cell still come from the database. On the real app on
/// Kestrel, a real SQLite file and a real hub client.
/// </summary>
public sealed class MoveFromSharedCopyTests : IAsyncLifetime
{
    private const string AuItem = "AU-D6";
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(10);

    // The user's rights are read once and reused for a while, as before; this test looks at what the move itself reads.
    private readonly LiveApp _app = new() { Settings = new Dictionary<string, string> { ["Access:CacheSeconds"] = "10" } };
    private PlanItemService _items = null!;
    private PlanSnapshot _board = null!;
    private System.Security.Claims.ClaimsPrincipal _coordinator = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _app.InitializeAsync();
        _items = _app.Services.GetRequiredService<PlanItemService>();
        _coordinator = await TestUsers.PrincipalAsync(_app.Services, TestUsers.Coordinator);
        // A board is open: the node holds the plan in memory.
        _board = (await _app.Services.GetRequiredService<PlanCache>().GetAsync(cancellationToken: Token))!;
    }

    public async ValueTask DisposeAsync() => await ((IAsyncDisposable)_app).DisposeAsync();

    [Fact]
    public async Task AMoveAsksTheDatabaseNeitherForCommitteesNorThemesNorMeetings()
    {
        var item = await ItemAsync(AuItem);
        await _app.Services.GetRequiredService<CurrentUsers>().ActorAsync(_coordinator, Token);
        using var sql = new SqlRecorder();

        var outcome = await sql.RecordAsync(() => _items.MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token));

        Assert.Equal(ChangeStatus.Saved, outcome.Status);
        Assert.NotEmpty(sql.Commands);
        Assert.DoesNotContain(sql.Commands, c => c.Contains("\"Committees\"", StringComparison.Ordinal));
        Assert.DoesNotContain(sql.Commands, c => c.Contains("\"MainThemes\"", StringComparison.Ordinal));
        Assert.DoesNotContain(sql.Commands, c => c.Contains("\"CommitteeMeetings\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMoveRightAfterACommitteeIsRenamedReachesTheHubClientsOfItsNewName()
    {
        var au = _board.Committees.Single(c => c.ShortCode == "AU");
        var renamed = await _app.Services.GetRequiredService<PlanAdministration>().EditCommitteeAsync(_coordinator, au.Id, au.Version, au.Name, "AMU", "amu", Token);
        Assert.True(renamed.Succeeded, renamed.Message);
        await using var amu = await HubListener.FollowAsync(_app, _board.Plan.Id, "amu");
        var item = await ItemAsync(AuItem);

        var outcome = await _items.MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token);

        Assert.Equal(ChangeStatus.Saved, outcome.Status);
        var message = await amu.WaitForAsync(AuItem, _timeout);
        Assert.Equal("AMU", message.GetProperty("committee").GetString());
    }

    [Fact]
    public async Task AMoveOfAnItemInACommitteeThisNodeHasNotHeardOfStillNamesTheCommittee()
    {
        // Another node made the committee and gave it the item; its message has not arrived here, so the copy lags.
        var item = await ItemAsync(AuItem);
        await using (var db = await ContextAsync())
        {
            var committee = new Committee("Teknik- og miljøudvalget", "TMU", "tmu");
            db.Committees.Add(committee);
            await db.SaveChangesAsync(Token);
            await db.Items.Where(i => i.Id == item.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.CommitteeId, committee.Id), Token);
        }

        await using var wholePlan = await HubListener.FollowAsync(_app, _board.Plan.Id, null);

        var outcome = await _items.MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token);

        Assert.Equal(ChangeStatus.Saved, outcome.Status);
        var message = await wholePlan.WaitForAsync(AuItem, _timeout);
        Assert.Equal("TMU", message.GetProperty("committee").GetString());
    }

    [Fact]
    public async Task AMoveIsRefusedAtOnceInAPlanAnotherNodeJustArchived()
    {
        // Archived on another node: this node's copy still shows the plan open.
        await using (var db = await ContextAsync())
        {
            await db.Plans.Where(p => p.Id == _board.Plan.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.Stage, PlanStage.Archived), Token);
        }

        var item = await ItemAsync(AuItem);

        var outcome = await _items.MoveAsync(_coordinator, new MoveRequest(item.Id, item.Version, ItemStatus.InProgress), Token);

        Assert.Equal(ChangeStatus.Refused, outcome.Status);
        Assert.Contains("arkiveret", outcome.Message);
        Assert.Equal(item.Version, (await ItemAsync(AuItem)).Version);
    }

    private async Task<PlanItem> ItemAsync(string code)
    {
        await using var db = await ContextAsync();
        return await db.Items.AsNoTracking().SingleAsync(i => i.PlanId == _board.Plan.Id && i.Code == code, Token);
    }

    private Task<PlanDbContext> ContextAsync() => _app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);

    /// <summary>The SQL that EF Core sends while <see cref="RecordAsync{T}"/> runs, and only from that call (not from the app's background work).</summary>
    private sealed class SqlRecorder : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly AsyncLocal<bool> _recording = new();
        private readonly List<IDisposable> _subscriptions = [];
        private readonly List<string> _commands = [];

        public SqlRecorder() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

        public IReadOnlyList<string> Commands
        {
            get
            {
                lock (_commands)
                {
                    return [.. _commands];
                }
            }
        }

        public async Task<T> RecordAsync<T>(Func<Task<T>> action)
        {
            _recording.Value = true;
            try
            {
                return await action();
            }
            finally
            {
                _recording.Value = false;
            }
        }

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(listener.Subscribe(this));
                }
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (_recording.Value && value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data)
            {
                lock (_commands)
                {
                    _commands.Add(data.Command.CommandText);
                }
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
            }
        }
    }
}
