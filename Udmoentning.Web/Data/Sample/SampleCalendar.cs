using System.Globalization;
using System.Text.RegularExpressions;
using Udmoentning.Domain.Items;

namespace Udmoentning.Web.Data.Sample;

/// <summary>
/// Where the sample plan is placed in time. It is written for budget 2025-2028 as it stood in 2025 (<see cref="SamplePlanData"/>).
/// Seeded on another day, every year, date, quarter and year in its texts moves by whole years, so that the plan's first
/// budget year is the year of the seeding day (in January, the year before), and a demo always has meetings behind it and
/// ahead: from July on, the next year's meetings are added. Meetings keep their weekday.
/// </summary>
public sealed partial record SampleCalendar(int Years, bool WithNextYearsMeetings)
{
    public const int WrittenFor = SamplePlanData.FirstBudgetYear;

    /// <summary>The plan exactly as written (budget 2025-2028), for tests that check its figures.</summary>
    public static SampleCalendar AsWritten { get; } = new(0, false);

    /// <summary>The placement for seeding on <paramref name="day"/>.</summary>
    public static SampleCalendar For(DateOnly day)
    {
        var year = day.Month == 1 ? day.Year - 1 : day.Year;
        return new(year - WrittenFor, day >= new DateOnly(year, 7, 1));
    }

    public int FirstBudgetYear => SamplePlanData.FirstBudgetYear + Years;

    public int LastBudgetYear => SamplePlanData.LastBudgetYear + Years;

    public string PlanName => $"Udmøntningsplan {FirstBudgetYear}-{LastBudgetYear}";

    public DateOnly AdoptedOn => SamplePlanData.AdoptedOn.AddYears(Years);

    /// <summary>The committees' meetings: the written year's calendar moved, and from July the next year's too.</summary>
    public IReadOnlyList<(string Committee, DateOnly Date)> Meetings =>
    [
        .. SamplePlanData.Meetings.Select(m => (m.Committee, Moved(m.Date, Years))),
        .. WithNextYearsMeetings ? SamplePlanData.Meetings.Select(m => (m.Committee, Moved(m.Date, Years + 1))) : [],
    ];

    public IReadOnlyDictionary<int, int> TargetAmounts => SamplePlanData.TargetAmounts.ToDictionary(p => p.Key + Years, p => p.Value);

    /// <summary>A meeting date of the written calendar as it is placed.</summary>
    public DateOnly Meeting(DateOnly written) => Moved(written, Years);

    public Quarter? Quarter(Quarter? written) => written is { } q ? new Quarter(q.Year + Years, q.Number) : null;

    /// <summary>A text with its years moved ("Budgetoverholdelse 2025", "budget 2026-2029").</summary>
    public string? Text(string? written) =>
        Years == 0 || written is null ? written : YearInText().Replace(written, m => (int.Parse(m.Value, CultureInfo.InvariantCulture) + Years).ToString(CultureInfo.InvariantCulture));

    /// <summary>The same weekday as <paramref name="date"/>, nearest to it <paramref name="years"/> later.</summary>
    private static DateOnly Moved(DateOnly date, int years)
    {
        var moved = date.AddYears(years);
        var days = ((int)date.DayOfWeek - (int)moved.DayOfWeek + 7) % 7;
        return moved.AddDays(days > 3 ? days - 7 : days);
    }

    [GeneratedRegex(@"(?<!\d)20[2-4]\d(?!\d)")]
    private static partial Regex YearInText();
}
