using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;

namespace Udmoentning.Web.Ledger;

/// <summary>One labelled row of amounts per budget year (1.000 kr.) from the ledger, as a document shows it.</summary>
public sealed record LedgerRow(string Label, IReadOnlyDictionary<int, long> Amounts)
{
    public long In(int year) => Amounts.GetValueOrDefault(year);
}

/// <summary>
/// What a plan's latest extract shows for some items (a committee's extract, a round's items), as rows for a document:
/// what the items have in the budget, the same for each target's counted items, and each capital project's spending
/// and available amount. The label names the extract.
/// </summary>
public sealed record LedgerFigures(string Label, IReadOnlyList<LedgerRow> Rows)
{
    public string Heading => $"Realiseret fra {Label}";

    public static LedgerFigures Of(PlanLedger ledger, IReadOnlyList<PlanItem> items, IReadOnlyDictionary<int, IReadOnlyList<AccountLine>> lines,
        IEnumerable<Domain.Economy.EconomicTarget> targets, IReadOnlyList<int> years)
    {
        var figures = items.Where(i => lines.ContainsKey(i.Id)).Select(i => (Item: i, Ledger: ledger.For(i, lines[i.Id]))).ToList();
        LedgerRow Sum(string label, IEnumerable<(PlanItem Item, ItemLedger Ledger)> some)
        {
            var list = some.ToList();
            return new LedgerRow(label, years.ToDictionary(y => y, y => list.Sum(f => f.Ledger.InBudgetIn(y))));
        }

        var rows = new List<LedgerRow> { Sum("Indarbejdet i budgettet, punkter med konti", figures) };
        rows.AddRange(targets.Select(t => Sum($"Heraf indarbejdet af målets punkter: {Domain.DisplayText.Safe(t.Name)}", figures.Where(f => t.Counts(f.Item.Id)))));
        foreach (var (item, figure) in figures.Where(f => f.Ledger.IsCapitalProject).OrderBy(f => f.Item.Code, StringComparer.Ordinal))
        {
            var code = Domain.DisplayText.Safe(item.Code);
            rows.Add(new LedgerRow($"Anlæg {code}: forbrug", years.ToDictionary(y => y, y => figure.In(y)?.SpentThousands ?? 0)));
            rows.Add(new LedgerRow($"Anlæg {code}: rådighedsbeløb", years.ToDictionary(y => y, y => figure.In(y)?.AvailableThousands ?? 0)));
        }

        return new LedgerFigures(ledger.Label, rows);
    }
}
