using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Domain.Ledger;

/// <summary>
/// One line of an item's kontering: an amount in 1.000 kr. of one budget year placed on one account string. Negative is a
/// saving, as in the item's amounts.
/// </summary>
public sealed record AccountLine(string Account, int Year, int AmountThousands);

/// <summary>What is not yet placed on accounts in one budget year: the item's amount less the lines' sum.</summary>
/// <param name="Missing">Positive or negative: the amount still to place (a saving still to place is negative); never 0.</param>
public sealed record YearGap(int Year, int Missing);

/// <summary>
/// The rules of an item's kontering. Per budget year the lines must add up to the item's amount; when they do not (the
/// item's amount changed after it was placed, or the placing is not done), the gap is shown, never rebalanced: which
/// account absorbs a change is the finance staff's decision.
/// </summary>
public static class AccountLines
{
    /// <summary>Most lines on one item: more than any budget change needs, few enough for one form.</summary>
    public const int MaxLines = 60;

    public const string Placed = "Fuldt udmøntet på konti";

    public const string NothingToPlace = "Intet beløb at placere på konti";

    /// <summary>Per year with a difference, what is still to place: the item's amount less the sum of its lines that year.</summary>
    public static IReadOnlyList<YearGap> Gaps(IEnumerable<YearlyEffect> effects, IEnumerable<AccountLine> lines)
    {
        var placed = lines.GroupBy(l => l.Year).ToDictionary(g => g.Key, g => g.Sum(l => (long)l.AmountThousands));
        var amounts = effects.GroupBy(e => e.Year).ToDictionary(g => g.Key, g => g.Sum(e => (long)e.AmountThousands));
        return amounts.Keys.Union(placed.Keys).Order()
            .Select(year => new YearGap(year, (int)(amounts.GetValueOrDefault(year) - placed.GetValueOrDefault(year))))
            .Where(g => g.Missing != 0)
            .ToList();
    }

    /// <summary>
    /// The item's kontering in words: "Fuldt udmøntet på konti", "Mangler 200 på konti i 2027", "Mangler -1.250 på konti i
    /// 2026 og 300 i 2027"; more placed than the amount reads "300 for meget på konti i 2027".
    /// </summary>
    public static string Describe(IReadOnlyCollection<YearlyEffect> effects, IReadOnlyCollection<AccountLine> lines)
    {
        var gaps = Gaps(effects, lines);
        if (gaps.Count == 0)
        {
            return effects.All(e => e.AmountThousands == 0) && lines.Count == 0 ? NothingToPlace : Placed;
        }

        var parts = gaps.Select(g => (g.Year, Text: Describe(g, effects))).ToList();
        var missing = parts.Where(p => p.Text.Missing).Select(p => (p.Year, p.Text.Amount)).ToList();
        var over = parts.Where(p => !p.Text.Missing).Select(p => (p.Year, p.Text.Amount)).ToList();
        var sentences = new List<string>();
        if (missing.Count > 0)
        {
            sentences.Add($"Mangler {Years(missing)}");
        }

        if (over.Count > 0)
        {
            sentences.Add(Years(over, " for meget"));
        }

        return string.Join("; ", sentences);
    }

    /// <summary>
    /// Whether a gap is an amount still missing (it goes the amount's way: less of a saving placed than the saving) or one
    /// placed beyond the item's amount, and how much, signed as the lines are.
    /// </summary>
    private static (bool Missing, int Amount) Describe(YearGap gap, IEnumerable<YearlyEffect> effects)
    {
        var amount = effects.Where(e => e.Year == gap.Year).Sum(e => (long)e.AmountThousands);
        var missing = amount != 0 && Math.Sign(gap.Missing) == Math.Sign(amount);
        return (missing, missing ? gap.Missing : -gap.Missing);
    }

    /// <summary>"-200 på konti i 2026", "-200 på konti i 2026 og 300 i 2028"; <paramref name="what"/> follows the first amount.</summary>
    private static string Years(IReadOnlyList<(int Year, int Amount)> gaps, string what = "")
    {
        var parts = gaps.Select((g, i) => i == 0 ? $"{Amounts.Format(g.Amount)}{what} på konti i {g.Year}" : $"{Amounts.Format(g.Amount)} i {g.Year}").ToList();
        return parts.Count == 1 ? parts[0] : $"{string.Join(", ", parts.Take(parts.Count - 1))} og {parts[^1]}";
    }

    /// <summary>
    /// The errors of a kontering as a person wrote it, each on its line's field (<c>Line{i}.Account</c>, <c>.Year</c>,
    /// <c>.Amount</c>): an account string that does not fit the layout, a year outside the plan, 0, the same account twice in
    /// a year, more than <see cref="MaxLines"/> lines. Empty when it may be saved.
    /// </summary>
    public static IReadOnlyList<FieldError> Check(AccountStringLayout layout, IReadOnlyList<AccountLine> lines, int firstYear, int lastYear)
    {
        var errors = new List<FieldError>();
        if (lines.Count > MaxLines)
        {
            errors.Add(new FieldError("Lines", $"Et punkt kan højst have {MaxLines} konteringslinjer (har {lines.Count})."));
            return errors;
        }

        var seen = new HashSet<(string, int)>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var reading = layout.Read(line.Account);
            if (!reading.IsOk)
            {
                errors.Add(new FieldError(Field(i, "Account"), reading.Error!));
            }
            else if (!seen.Add((reading.Account!, line.Year)))
            {
                errors.Add(new FieldError(Field(i, "Account"), $"Kontoen {reading.Account} står allerede på en linje i {line.Year}. Læg beløbene sammen på én linje."));
            }

            if (line.Year < firstYear || line.Year > lastYear)
            {
                errors.Add(new FieldError(Field(i, "Year"), $"Vælg et budgetår i planen ({firstYear}-{lastYear})."));
            }

            if (line.AmountThousands == 0)
            {
                errors.Add(new FieldError(Field(i, "Amount"), "Et beløb på 0 skal ikke stå på en konto. Skriv beløbet, eller slet linjen."));
            }
            else if (Math.Abs((long)line.AmountThousands) > Limits.MaxAmountThousands)
            {
                errors.Add(new FieldError(Field(i, "Amount"), $"Beløbet må højst være {Amounts.Format(Limits.MaxAmountThousands)} (1.000 kr.)."));
            }
        }

        return errors;
    }

    /// <summary>The lines as they are stored: account strings as the layout writes them, <see cref="InOrder"/>.</summary>
    public static IReadOnlyList<AccountLine> Normalise(AccountStringLayout layout, IEnumerable<AccountLine> lines) =>
        InOrder(lines.Select(l => l with { Account = layout.Read(l.Account).Account ?? l.Account }));

    /// <summary>The one order of an item's lines, on its tab, in its record and in the budget-change file: by account, then year.</summary>
    public static IReadOnlyList<AccountLine> InOrder(IEnumerable<AccountLine> lines) =>
        [.. lines.OrderBy(l => l.Account, StringComparer.Ordinal).ThenBy(l => l.Year)];

    /// <summary>The field a line's error belongs to in the form.</summary>
    public static string Field(int line, string part) => $"Line{line}.{part}";

    /// <summary>One year's lines as the history records them: "3.22.01-1-4.0: -200; 3.22.02-1-4.0: -100", or "Ingen".</summary>
    public static string Record(IEnumerable<AccountLine> lines, int year)
    {
        var inYear = InOrder(lines.Where(l => l.Year == year));
        return inYear.Count == 0 ? "Ingen" : string.Join("; ", inYear.Select(l => $"{l.Account}: {Amounts.Format(l.AmountThousands)}"));
    }
}
