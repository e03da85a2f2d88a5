using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Ledger;

/// <summary>A plan's latest ledger extract: its date and file, and its balances to read items' figures from.</summary>
public sealed record PlanLedger(int SnapshotId, DateOnly TakenOn, string FileName, LedgerBalances Balances)
{
    /// <summary>"kontoudtræk 30.09.2027": what every figure from it is labelled with.</summary>
    public string Label => LedgerRealised.Label(TakenOn);

    public ItemLedger For(PlanItem item, IReadOnlyCollection<AccountLine> lines) => LedgerRealised.Of(item, lines, Balances);
}

/// <summary>An imported extract as the list of a plan's extracts shows it.</summary>
public sealed record LedgerSnapshotSummary(int Id, DateOnly TakenOn, DateTime ImportedAt, string ImportedBy, string FileName, int Postings);

/// <summary>
/// Reads a plan's ledger extracts. A snapshot never changes once imported, so its balances are kept here by id (the few
/// latest), and a page that reads again after every change of the plan reads only which snapshot is the latest.
/// </summary>
public sealed class LedgerReader(IDbContextFactory<PlanDbContext> contexts)
{
    /// <summary>What the plan's latest extract shows for <paramref name="items"/> (<see cref="LedgerFigures"/>); null when none is imported.</summary>
    /// <param name="onOrBefore">The newest extract of that date or earlier (a closed round's report); null for the newest.</param>
    public async Task<LedgerFigures?> FiguresAsync(
        int planId, IReadOnlyList<PlanItem> items, IEnumerable<Domain.Economy.EconomicTarget> targets, IReadOnlyList<int> years,
        CancellationToken cancellationToken = default, DateOnly? onOrBefore = null)
    {
        if (await LatestAsync(planId, cancellationToken, onOrBefore) is not { } ledger)
        {
            return null;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return LedgerFigures.Of(ledger, items, await AccountLineReader.PlanLinesAsync(db, planId, cancellationToken), targets, years);
    }

    private const int Kept = 4;
    private readonly Lock _lock = new();
    private readonly List<(int Id, LedgerBalances Balances)> _kept = [];

    /// <summary>The plan's latest extract, or null when none is imported.</summary>
    public async Task<PlanLedger?> LatestAsync(int planId, CancellationToken cancellationToken = default, DateOnly? onOrBefore = null)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var last = onOrBefore ?? DateOnly.MaxValue;
        var latest = await LedgerSnapshot.NewestFirst(db.LedgerSnapshots.AsNoTracking().Where(s => s.PlanId == planId && s.TakenOn <= last))
            .Select(s => new { s.Id, s.TakenOn, s.FileName })
            .FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }

        return new PlanLedger(latest.Id, latest.TakenOn, latest.FileName, await BalancesAsync(db, latest.Id, cancellationToken));
    }

    /// <summary>Every extract of the plan, newest first.</summary>
    public async Task<IReadOnlyList<LedgerSnapshotSummary>> SnapshotsAsync(int planId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LedgerSnapshot.NewestFirst(db.LedgerSnapshots.AsNoTracking().Where(s => s.PlanId == planId))
            .Select(s => new LedgerSnapshotSummary(s.Id, s.TakenOn, s.ImportedAt, s.ImportedBy, s.FileName, s.Postings))
            .ToListAsync(cancellationToken);
    }

    private async Task<LedgerBalances> BalancesAsync(PlanDbContext db, int snapshotId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (_kept.FirstOrDefault(k => k.Id == snapshotId).Balances is { } kept)
            {
                return kept;
            }
        }

        var rows = await db.LedgerBalances.AsNoTracking().Where(b => b.SnapshotId == snapshotId).ToListAsync(cancellationToken);
        var balances = new LedgerBalances(rows.Select(r => r.ToBalance()));
        lock (_lock)
        {
            _kept.RemoveAll(k => k.Id == snapshotId);
            _kept.Insert(0, (snapshotId, balances));
            if (_kept.Count > Kept)
            {
                _kept.RemoveAt(_kept.Count - 1);
            }
        }

        return balances;
    }
}
