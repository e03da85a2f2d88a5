namespace Udmoentning.Domain.Items;

/// <summary>An indicative timing (vejledende tidspunkt) such as "Q2 2025"; read from text by <see cref="Input.DanishTiming"/>.</summary>
public readonly record struct Quarter : IComparable<Quarter>
{
    public Quarter(int year, int number)
    {
        if (year < Limits.EarliestYear || year > Limits.LatestYear)
        {
            throw new PlanRuleException($"Året i tidspunktet skal ligge mellem {Limits.EarliestYear} og {Limits.LatestYear}.");
        }

        if (number is < 1 or > 4)
        {
            throw new PlanRuleException("Kvartalet skal være 1, 2, 3 eller 4.");
        }

        Year = year;
        Number = number;
    }

    public int Year { get; }
    public int Number { get; }

    /// <summary>Quarters from <paramref name="baseline"/> to this one; positive means later.</summary>
    public int QuartersAfter(Quarter baseline) => (Year * 4 + Number) - (baseline.Year * 4 + baseline.Number);

    public int CompareTo(Quarter other) => QuartersAfter(other);

    /// <summary>A compact, sortable number (20252 for Q2 2025) used for storage.</summary>
    public int ToSortable() => Year * 10 + Number;

    public static Quarter FromSortable(int value) => new(value / 10, value % 10);

    public override string ToString() => $"Q{Number} {Year}";

    public static bool operator <(Quarter left, Quarter right) => left.CompareTo(right) < 0;
    public static bool operator >(Quarter left, Quarter right) => left.CompareTo(right) > 0;
    public static bool operator <=(Quarter left, Quarter right) => left.CompareTo(right) <= 0;
    public static bool operator >=(Quarter left, Quarter right) => left.CompareTo(right) >= 0;
}
