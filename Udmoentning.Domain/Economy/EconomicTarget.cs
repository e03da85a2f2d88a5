using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.Economy;

/// <summary>
/// A named economic target of a plan, e.g. "Effektiviseringsbidrag 0,5 pct.": an amount per budget year in 1.000 kr.
/// (negative: savings to find), and the items that count towards it. A Koordinator keeps it; its progress is
/// <see cref="TargetProgress"/>.
/// </summary>
public sealed class EconomicTarget
{
    public const int NameLength = 120;

    private readonly List<TargetAmount> _amounts = [];
    private readonly List<TargetItem> _items = [];

    private EconomicTarget()
    {
        Name = string.Empty;
    }

    public EconomicTarget(int planId, string name)
    {
        PlanId = planId;
        Name = string.Empty;
        Rename(name);
    }

    public int Id { get; private set; }
    public int PlanId { get; private set; }
    public string Name { get; private set; }

    /// <summary>Concurrency token: renewed on every change.</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public IReadOnlyList<TargetAmount> Amounts => _amounts;

    /// <summary>The items that count towards the target.</summary>
    public IReadOnlyList<TargetItem> Items => _items;

    public long AmountIn(int year) => _amounts.FirstOrDefault(a => a.Year == year)?.AmountThousands ?? 0;

    public bool Counts(int itemId) => _items.Any(i => i.ItemId == itemId);

    public void Rename(string name)
    {
        TextRules.Require(name, NameLength, "Målets navn");
        Name = name.Trim();
        Touch();
    }

    /// <summary>The target's amount per budget year; years not given have none. Amounts follow the items' limits.</summary>
    public void SetAmounts(IReadOnlyDictionary<int, int> amountsByYear)
    {
        foreach (var (year, amount) in amountsByYear)
        {
            if (year < Limits.EarliestYear || year > Limits.LatestYear)
            {
                throw new PlanRuleException($"Budgetåret {year} ligger uden for {Limits.EarliestYear}-{Limits.LatestYear}.");
            }

            if (Math.Abs((long)amount) > Limits.MaxAmountThousands)
            {
                throw new PlanRuleException($"Beløbet for {year} må højst være {Limits.MaxAmountThousands:N0} (1.000 kr.) i hver retning.");
            }
        }

        _amounts.Clear();
        _amounts.AddRange(amountsByYear.Where(a => a.Value != 0).OrderBy(a => a.Key).Select(a => new TargetAmount(a.Key, a.Value)));
        Touch();
    }

    /// <summary>Which items count towards the target.</summary>
    public void CountItems(IEnumerable<int> itemIds)
    {
        _items.Clear();
        _items.AddRange(itemIds.Distinct().Order().Select(id => new TargetItem(id)));
        Touch();
    }

    /// <summary>The sensible first choice of items for a new target: the plan's chosen råderumsforslag.</summary>
    public static IEnumerable<int> DefaultItems(IEnumerable<PlanItem> items) =>
        items.Where(i => i.Kind == ItemKind.FiscalLeewayProposal).Select(i => i.Id);

    private void Touch() => Version = Guid.NewGuid();
}

/// <summary>A target's amount in one budget year, in 1.000 kr.</summary>
public sealed record TargetAmount(int Year, int AmountThousands);

/// <summary>An item that counts towards a target.</summary>
public sealed record TargetItem(int ItemId);
