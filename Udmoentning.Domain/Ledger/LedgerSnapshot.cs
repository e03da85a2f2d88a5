namespace Udmoentning.Domain.Ledger;

/// <summary>
/// An imported ledger extract, kept as it was on its date: who imported it and when, from which file, and its balances
/// (<see cref="LedgerBalanceRow"/>). The plan's realised figures come from its latest extract; earlier ones stay.
/// </summary>
public sealed class LedgerSnapshot
{
    public const int FileNameLength = 200;

    private LedgerSnapshot()
    {
        FileName = string.Empty;
        ImportedBy = string.Empty;
    }

    public LedgerSnapshot(int planId, DateOnly takenOn, DateTime importedAt, string importedBy, string fileName, int postings)
    {
        PlanId = planId;
        TakenOn = takenOn;
        ImportedAt = importedAt;
        ImportedBy = importedBy;
        FileName = fileName.Length <= FileNameLength ? fileName : fileName[..FileNameLength];
        Postings = postings;
    }

    public int Id { get; private set; }
    public int PlanId { get; private set; }

    /// <summary>The date the extract shows the ledger on (its "pr. 30.09.2027"), chosen at import.</summary>
    public DateOnly TakenOn { get; private set; }

    /// <summary>When it was imported (UTC).</summary>
    public DateTime ImportedAt { get; private set; }

    public string ImportedBy { get; private set; }
    public string FileName { get; private set; }

    /// <summary>The postings read; the balances are their sums per account, year and item reference.</summary>
    public int Postings { get; private set; }

    /// <summary>The newest extract first: by its date, then by when it was imported.</summary>
    public static IOrderedQueryable<LedgerSnapshot> NewestFirst(IQueryable<LedgerSnapshot> snapshots) =>
        snapshots.OrderByDescending(s => s.TakenOn).ThenByDescending(s => s.Id);
}

/// <summary>A stored <see cref="LedgerBalance"/> of a snapshot.</summary>
public sealed class LedgerBalanceRow
{
    private LedgerBalanceRow()
    {
        Account = string.Empty;
    }

    public LedgerBalanceRow(int snapshotId, LedgerBalance balance)
    {
        SnapshotId = snapshotId;
        Account = balance.Account;
        Year = balance.Year;
        Reference = balance.Reference;
        Budget = balance.Budget;
        Spent = balance.Spent;
    }

    public long Id { get; private set; }
    public int SnapshotId { get; private set; }
    public string Account { get; private set; }
    public int Year { get; private set; }
    public string? Reference { get; private set; }
    public decimal Budget { get; private set; }
    public decimal Spent { get; private set; }

    public LedgerBalance ToBalance() => new(Account, Year, Reference, Budget, Spent);
}
