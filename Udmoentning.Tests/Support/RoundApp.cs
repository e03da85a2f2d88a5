using System.Security.Claims;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rounds;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Data.Providers;
using Udmoentning.Web.Rounds;

namespace Udmoentning.Tests.Support;

/// <summary>
/// The real app on its own SQLite file, for the follow-up round tests: opens rounds and reads rounds, items and records
/// back. <see cref="BeforeNextReportSave"/> runs once just before a report in a round is written, to let a test change
/// the item between the report's read and its save.
/// </summary>
public sealed class RoundApp : AppFactory
{
    private readonly SaveHook _hook = new();

    public Func<Task>? BeforeNextReportSave
    {
        set => _hook.Next = value;
    }

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public PlanAdministration Administration => Services.GetRequiredService<PlanAdministration>();

    public PlanItemService Items => Services.GetRequiredService<PlanItemService>();

    public RoundReader Reader => Services.GetRequiredService<RoundReader>();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task<ClaimsPrincipal>> _users = new();

    /// <summary>The user's principal; made once, as nothing in the round tests changes a user's roles.</summary>
    public Task<ClaimsPrincipal> UserAsync(string name) => _users.GetOrAdd(name, n => TestUsers.PrincipalAsync(Services, n));

    public static string Name(string demoUser) => DemoUsers.All.Single(d => d.UserName == demoUser).DisplayName;

    /// <summary>Opens a round with a unique name; <paramref name="committee"/> is a short code, or null for the whole plan.</summary>
    public async Task<FollowUpRound> OpenAsync(string? committee = null, DateOnly? deadline = null)
    {
        var coordinator = await UserAsync(TestUsers.Coordinator);
        var committeeId = committee is null ? (int?)null : await CommitteeIdAsync(committee);
        var opened = await Administration.OpenRoundAsync(coordinator, 1, new RoundForm($"Runde {Guid.NewGuid():N}"[..20], deadline ?? new DateOnly(2026, 12, 31), committeeId), Token);
        Assert.True(opened.Succeeded, opened.Message);
        return await RoundAsync(opened.Value);
    }

    public async Task<FollowUpRound> RoundAsync(int roundId)
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await db.Rounds.AsNoTracking().Include(r => r.Items).SingleAsync(r => r.Id == roundId, Token);
    }

    public async Task<RoundItem> EntryAsync(int roundId, string code)
    {
        var item = await ItemAsync(code);
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await db.RoundItems.AsNoTracking().SingleAsync(e => e.RoundId == roundId && e.ItemId == item.Id, Token);
    }

    public async Task<PlanItem> ItemAsync(string code)
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await db.Items.AsNoTracking().SingleAsync(i => i.Code == code && i.PlanId == 1, Token);
    }

    public async Task<int> CommitteeIdAsync(string code)
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await db.Committees.Where(c => c.ShortCode == code).Select(c => c.Id).SingleAsync(Token);
    }

    /// <summary>Every record: item records of the round kind and administration records of rounds.</summary>
    public async Task<(int Reports, int Administration)> RecordsAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return (await db.History.CountAsync(h => h.Kind == PlanItemService.ReportedKind, Token),
            await db.AdministrationHistory.CountAsync(h => h.Subject == PlanAdministration.RoundSubject, Token));
    }

    public async Task<ItemHistoryEntry> LastReportRecordAsync(int itemId)
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await db.History.AsNoTracking().Where(h => h.ItemId == itemId).OrderByDescending(h => h.Id).FirstAsync(Token);
    }

    public async Task<AdministrationEntry> LastAdministrationRecordAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await db.AdministrationHistory.AsNoTracking().OrderByDescending(h => h.Id).FirstAsync(Token);
    }

    public async Task<int> CountRoundsAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync(Token);
        return await db.Rounds.CountAsync(Token);
    }

    public IDbContextFactory<PlanDbContext> Contexts => Services.GetRequiredService<IDbContextFactory<PlanDbContext>>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.ConfigureDbContext<SqlitePlanDbContext>(options => options.AddInterceptors(_hook)));
    }

    /// <summary>Runs the hook once, before the first save that writes a report in a round.</summary>
    private sealed class SaveHook : SaveChangesInterceptor
    {
        private Func<Task>? _next;

        public Func<Task>? Next
        {
            set => Volatile.Write(ref _next, value);
        }

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            var reporting = eventData.Context?.ChangeTracker.Entries<RoundItem>().Any(e => e.State == EntityState.Modified) == true
                && eventData.Context.ChangeTracker.Entries<ItemHistoryEntry>().Any();
            if (reporting && Interlocked.Exchange(ref _next, null) is { } next)
            {
                await next();
            }

            return result;
        }
    }
}

/// <summary>The round tests share one app: one start-up for the services, the access matrix and the readers.</summary>
[CollectionDefinition(Name)]
public sealed class RoundsCollection : ICollectionFixture<RoundApp>
{
    public const string Name = "Follow-up rounds";
}
