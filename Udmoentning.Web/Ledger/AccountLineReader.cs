using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;
using Udmoentning.Web.Access;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Ledger;

/// <summary>
/// An item's kontering as a viewer sees it: its lines, its amounts per year, and whether the viewer may change it (the
/// Danish reason when not). <see cref="Problem"/> says why there is nothing to show.
/// </summary>
public sealed record ItemAccountsView(
    IReadOnlyList<AccountLine> Lines, IReadOnlyList<YearlyEffect> Effects, string? RefusalToChange, int FirstYear, int LastYear, string? Problem)
{
    /// <summary>What the plan's latest ledger extract shows for the item, and the extract's label; null when none is imported.</summary>
    public (string Label, ItemLedger Figures)? Ledger { get; init; }

    /// <summary>What is placed, in words (<see cref="AccountLines.Describe"/>).</summary>
    public string Description => AccountLines.Describe(Effects, Lines);

    public static ItemAccountsView Nothing(string problem) => new([], [], problem, 0, 0, problem);
}

/// <summary>Reads an item's kontering for a signed-in viewer; readers read it too.</summary>
public sealed class AccountLineReader(IDbContextFactory<PlanDbContext> contexts, CurrentUsers currentUsers, LedgerReader ledgers)
{
    public async Task<ItemAccountsView> ItemAsync(ClaimsPrincipal user, int itemId, CancellationToken cancellationToken = default)
    {
        var actor = await currentUsers.ActorAsync(user, cancellationToken);
        if (!AccessRules.CanView(actor))
        {
            return ItemAccountsView.Nothing(AccessRules.NotSignedIn);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.Id == itemId, cancellationToken);
        if (item is null)
        {
            return ItemAccountsView.Nothing("Punktet findes ikke (længere).");
        }

        var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == item.PlanId, cancellationToken);
        var lines = await LinesAsync(db, itemId, cancellationToken);
        var ledger = await ledgers.LatestAsync(plan.Id, cancellationToken);
        return new ItemAccountsView(
            lines, item.Effects, AccessRules.RefusalToChange(actor, item) ?? plan.ReadOnlyReason, plan.FirstBudgetYear, plan.LastBudgetYear, null)
        {
            Ledger = ledger is null ? null : (ledger.Label, ledger.For(item, lines)),
        };
    }

    /// <summary>
    /// The kontering of every item of a plan that has one, by item id, for a page that already decided what the viewer may
    /// see (the economy page's items).
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<AccountLine>>> PlanAsync(int planId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await PlanLinesAsync(db, planId, cancellationToken);
    }

    /// <summary>The plan's lines by item id, on a context the caller has.</summary>
    public static async Task<IReadOnlyDictionary<int, IReadOnlyList<AccountLine>>> PlanLinesAsync(PlanDbContext db, int planId, CancellationToken cancellationToken)
    {
        var rows = await db.AccountLines.AsNoTracking().Where(l => l.PlanId == planId).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ItemId).ToDictionary(g => g.Key, g => (IReadOnlyList<AccountLine>)[.. g.Select(r => r.ToLine())]);
    }

    /// <summary>An item's lines as stored, in account and year order.</summary>
    public static async Task<IReadOnlyList<AccountLine>> LinesAsync(PlanDbContext db, int itemId, CancellationToken cancellationToken) =>
        AccountLines.InOrder((await db.AccountLines.AsNoTracking().Where(l => l.ItemId == itemId).ToListAsync(cancellationToken)).Select(l => l.ToLine()));
}
