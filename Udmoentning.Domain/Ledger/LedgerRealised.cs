using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.Ledger;

/// <summary>
/// One budget year of an item as the ledger shows it, in kroner: the item's amount; <see cref="InBudget"/>, the budget
/// postings on the item's accounts that carry its code; and for a capital project the available amount (every budget
/// posting on its accounts, the rådighedsbeløb) and what has been spent on them.
/// </summary>
public sealed record LedgerYear(int Year, long AmountKroner, decimal InBudget, decimal Available, decimal Spent)
{
    public long AmountThousands => AmountKroner / 1000;

    public long InBudgetThousands => LedgerRealised.Thousands(InBudget);

    public long AvailableThousands => LedgerRealised.Thousands(Available);

    public long SpentThousands => LedgerRealised.Thousands(Spent);

    /// <summary>"indarbejdet 4.800 af 5.800", in 1.000 kr. as the plan's amounts.</summary>
    public string InBudgetText => $"indarbejdet {Amounts.Format(InBudgetThousands)} af {Amounts.Format(AmountThousands)}";

    /// <summary>"forbrug 1.200 af 3.000 (rådighedsbeløb)".</summary>
    public string SpentText => $"forbrug {Amounts.Format(SpentThousands)} af {Amounts.Format(AvailableThousands)} (rådighedsbeløb)";
}

/// <summary>An item as the ledger shows it: per year of its amounts or its kontering (<see cref="LedgerYear"/>).</summary>
public sealed record ItemLedger(int ItemId, string Code, bool IsCapitalProject, IReadOnlyList<LedgerYear> Years)
{
    public LedgerYear? In(int year) => Years.FirstOrDefault(y => y.Year == year);

    /// <summary>The budget postings carrying the item's code in <paramref name="year"/>, in 1.000 kr.; 0 when none.</summary>
    public long InBudgetIn(int year) => In(year)?.InBudgetThousands ?? 0;
}

/// <summary>
/// An extract's balances, looked up by account and year: what <see cref="LedgerRealised"/> needs for each item.
/// </summary>
public sealed class LedgerBalances
{
    private readonly Dictionary<(string Account, int Year), (decimal Budget, decimal Spent)> _all = [];
    private readonly Dictionary<(string Account, int Year, string Reference), decimal> _referenced = [];

    public LedgerBalances(IEnumerable<LedgerBalance> balances)
    {
        foreach (var balance in balances)
        {
            var key = (balance.Account, balance.Year);
            var sum = _all.GetValueOrDefault(key);
            _all[key] = (sum.Budget + balance.Budget, sum.Spent + balance.Spent);
            if (balance.Reference is { } reference)
            {
                var referenced = (balance.Account, balance.Year, reference.ToUpperInvariant());
                _referenced[referenced] = _referenced.GetValueOrDefault(referenced) + balance.Budget;
            }
        }
    }

    /// <summary>Budget postings on the account in the year that carry the code.</summary>
    public decimal BudgetFor(string account, int year, string code) => _referenced.GetValueOrDefault((account, year, code.ToUpperInvariant()));

    /// <summary>Every budget posting on the account in the year (the rådighedsbeløb of an anlæg account).</summary>
    public decimal Budget(string account, int year) => _all.GetValueOrDefault((account, year)).Budget;

    public decimal Spent(string account, int year) => _all.GetValueOrDefault((account, year)).Spent;
}

/// <summary>
/// Realised from the ledger. <b>In the budget</b>: per item and year, the budget postings that carry the item's code on
/// the accounts of its kontering that year, against the item's amount ("indarbejdet 4.800 af 5.800"). <b>Spent</b>: for a
/// capital project, the spending to date on those accounts against every budget posting on them (the rådighedsbeløb).
/// Postings on other accounts, or without the code, are not the item's; nothing is guessed.
/// </summary>
public static class LedgerRealised
{
    public static ItemLedger Of(PlanItem item, IReadOnlyCollection<AccountLine> lines, LedgerBalances balances)
    {
        var years = item.Effects.Select(e => e.Year).Concat(lines.Select(l => l.Year)).Distinct().Order();
        return new ItemLedger(item.Id, item.Code, item.Kind == ItemKind.CapitalProject, [.. years.Select(year =>
        {
            var accounts = lines.Where(l => l.Year == year).Select(l => l.Account).Distinct(StringComparer.Ordinal).ToList();
            return new LedgerYear(
                year,
                item.EffectIn(year) * 1000L,
                accounts.Sum(a => balances.BudgetFor(a, year, item.Code)),
                accounts.Sum(a => balances.Budget(a, year)),
                accounts.Sum(a => balances.Spent(a, year)));
        })]);
    }

    /// <summary>Kroner as whole 1.000 kr., rounded half away from zero, as every amount in the plan.</summary>
    public static long Thousands(decimal kroner) => (long)Math.Round(kroner / 1000m, MidpointRounding.AwayFromZero);

    /// <summary>The label of figures from an extract: "kontoudtræk 30.09.2027".</summary>
    public static string Label(DateOnly takenOn) => $"kontoudtræk {takenOn:dd.MM.yyyy}";
}
