using Udmoentning.Domain;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;

namespace Udmoentning.Web.Ledger;

/// <summary>One labelled row of amounts per budget year (1.000 kr.) from the ledger, as a document shows it.</summary>
public sealed record LedgerRow(string Label, IReadOnlyDictionary<int, long> Amounts)
{
    public long In(int year) => Amounts.GetValueOrDefault(year);
}

/// <summary>A target beside what its counted items have in the budget.</summary>
public sealed record LedgerTarget(EconomicTarget Target, LedgerRow InBudget);

/// <summary>
/// What a plan's latest extract shows for some items (the economy page's, a committee's extract, a round's items): what
/// they have in the budget per year, the same for each target's counted items beside the target, and each capital
/// project's spending and available amount. The one calculation the economy page, the annex and the round report show;
/// <see cref="Rows"/> is how the documents write it. The label names the extract.
/// </summary>
public sealed record LedgerFigures(string Label, LedgerRow InBudget, IReadOnlyList<LedgerTarget> Targets, IReadOnlyList<(PlanItem Item, ItemLedger Ledger)> CapitalProjects)
{
    public string Heading => $"Realiseret fra {Label}";

    /// <summary>The figures as rows of a document: in the budget, each target's part, each capital project's spending and available amount.</summary>
    public IEnumerable<LedgerRow> Rows(IReadOnlyList<int> years) =>
    [
        InBudget,
        .. Targets.Select(t => t.InBudget with { Label = $"Heraf indarbejdet af målets punkter: {DisplayText.Safe(t.Target.Name)}" }),
        .. CapitalProjects.SelectMany(p => new[]
        {
            new LedgerRow($"Anlæg {DisplayText.Safe(p.Item.Code)}: forbrug", years.ToDictionary(y => y, y => p.Ledger.In(y)?.SpentThousands ?? 0)),
            new LedgerRow($"Anlæg {DisplayText.Safe(p.Item.Code)}: rådighedsbeløb", years.ToDictionary(y => y, y => p.Ledger.In(y)?.AvailableThousands ?? 0)),
        }),
    ];

    public static LedgerFigures Of(PlanLedger ledger, IReadOnlyList<PlanItem> items, IReadOnlyDictionary<int, IReadOnlyList<AccountLine>> lines,
        IEnumerable<EconomicTarget> targets, IReadOnlyList<int> years)
    {
        var figures = items.Where(i => lines.ContainsKey(i.Id)).Select(i => (Item: i, Ledger: ledger.For(i, lines[i.Id]))).ToList();
        LedgerRow Sum(string label, IEnumerable<(PlanItem Item, ItemLedger Ledger)> some)
        {
            var list = some.ToList();
            return new LedgerRow(label, years.ToDictionary(y => y, y => list.Sum(f => f.Ledger.InBudgetIn(y))));
        }

        return new LedgerFigures(
            ledger.Label,
            Sum("Indarbejdet i budgettet, punkter med konti", figures),
            [.. targets.Select(t => new LedgerTarget(t, Sum("Heraf indarbejdet i budgettet", figures.Where(f => t.Counts(f.Item.Id)))))],
            [.. figures.Where(f => f.Ledger.IsCapitalProject).OrderBy(f => f.Item.Code, StringComparer.Ordinal)]);
    }
}
