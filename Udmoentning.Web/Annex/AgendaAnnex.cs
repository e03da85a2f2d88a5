using System.Globalization;
using Udmoentning.Domain;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Components.Shared;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Annex;

/// <summary>
/// A committee's annex to its agenda item ("udsnit af udmøntningsplanen"): the committee's extract of the plan by main
/// theme, with the texts already written as the annex shows them. Built once, rendered as a print page and as .xlsx,
/// so both say the same. Every text from the plan has passed <see cref="DisplayText.Safe"/>.
/// </summary>
public sealed record AgendaAnnex(
    int PlanId,
    string Slug,
    string BudgetPeriod,
    string CommitteeName,
    string CommitteeCode,
    string PlanName,
    DateOnly Date,
    DateOnly? NextMeeting,
    IReadOnlyList<int> Years,
    IReadOnlyList<AnnexTheme> Themes,
    YearTotals Total)
{
    public const string Title = "Udsnit af udmøntningsplanen";
    public const string AmountNote = "Beløb i 1.000 kr. (- = mindreudgift, + = merudgift)";
    public const string EconomyHeading = "Økonomi";

    /// <summary>The committee's own economy: its extract's savings and expansions apart, and its part of each plan target.</summary>
    public required AnnexEconomy Economy { get; init; }

    /// <summary>What the plan's latest ledger extract shows for the extract's items; null when none is imported.</summary>
    public Ledger.LedgerFigures? Ledger { get; init; }

    private static readonly CultureInfo _danish = CultureInfo.GetCultureInfo("da-DK");

    public int ItemCount => Themes.Sum(t => t.Rows.Count);

    /// <summary>"Arbejdsmarkedsudvalget (AU)".</summary>
    public string Committee => $"{CommitteeName} ({CommitteeCode})";

    /// <summary>"Pr. 23. jan. 2026 · næste møde 15. maj 2026".</summary>
    public string DateLine => NextMeeting is { } meeting ? $"Pr. {DateText(Date)} · næste møde {DateText(meeting)}" : $"Pr. {DateText(Date)}";

    /// <summary>The committee's extract of the plan as it stands on <paramref name="date"/>.</summary>
    public static AgendaAnnex Build(PlanSnapshot snapshot, Committee committee, DateOnly date)
    {
        var years = snapshot.Plan.BudgetYears.ToList();
        var extract = CommitteeExtract.For(committee, snapshot.Items).ToList();
        var themes = snapshot.Sections(extract, item => CommitteeExtract.GroupOf(committee.Id, item))
            .Select(section => new AnnexTheme(
                section.Group,
                section.Theme.Position,
                DisplayText.Safe(section.Theme.Name),
                [.. section.Items.Select(item => Row(item, snapshot, years))],
                PlanTotals.PerYear(section.Items, years)))
            .ToList();
        var nextMeeting = snapshot.Meetings.Values
            .Where(m => m.CommitteeId == committee.Id && !m.IsCancelled && m.Date >= date)
            .Select(m => (DateOnly?)m.Date)
            .Min();

        return new AgendaAnnex(
            snapshot.Plan.Id,
            committee.Slug,
            snapshot.Plan.BudgetPeriod,
            DisplayText.Safe(committee.Name),
            DisplayText.Safe(committee.ShortCode),
            DisplayText.Safe(snapshot.Plan.Name),
            date,
            nextMeeting,
            years,
            themes,
            PlanTotals.PerYear(extract, years))
        {
            Economy = AnnexEconomy.Of(snapshot, extract, years),
        };
    }

    /// <summary>"23. jan. 2025".</summary>
    public static string DateText(DateOnly date) => date.ToString("d. MMM yyyy", _danish);

    /// <summary>"Q3 2026 (oprindeligt Q1 2026, +2 kvt.)", or just "Q3 2026" when it has not moved.</summary>
    public static string TimingText(PlanItem item) => TimingText(item.Timing, item.BaselineTiming);

    /// <summary>The same for a timing and its baseline as a follow-up froze them.</summary>
    public static string TimingText(Quarter? timing, Quarter? baseline) => (timing, baseline) switch
    {
        (null, _) => string.Empty,
        ({ } now, { } was) when now.QuartersAfter(was) != 0 => $"{now} (oprindeligt {was}, {Format.Slippage(now.QuartersAfter(was))})",
        ({ } now, _) => now.ToString(),
    };

    private static AnnexRow Row(PlanItem item, PlanSnapshot snapshot, IReadOnlyList<int> years) => new(
        DisplayText.Safe(item.Code),
        DisplayText.Safe(item.Title),
        item.Kind.Name(),
        DisplayText.Safe(snapshot.Committee(item.CommitteeId)?.ShortCode ?? string.Empty),
        item.IsCompleted,
        item.IsCompleted ? $"X {item.Status.Name()}" : item.Status.Name(),
        item.Health,
        TimingText(item),
        item.Slippage,
        Treatment(item, snapshot),
        Flags(item),
        [.. years.Select(item.EffectIn)]);

    /// <summary>"AU 15. maj 2026": the committee that treats the item politically, and at which meeting.</summary>
    private static string Treatment(PlanItem item, PlanSnapshot snapshot)
    {
        if (snapshot.Committee(item.TreatmentCommitteeId) is not { } committee)
        {
            return string.Empty;
        }

        var code = DisplayText.Safe(committee.ShortCode);
        return snapshot.Meeting(item.TreatmentMeetingId) switch
        {
            { IsCancelled: true } meeting => $"{code} {DateText(meeting.Date)} (aflyst)",
            { } meeting => $"{code} {DateText(meeting.Date)}",
            null => code,
        };
    }

    private static string Flags(PlanItem item) => string.Join(", ", new[]
    {
        item.IsCrossCutting ? "Tværgående" : null,
        item.RequiresMedInvolvement ? "MED" : null,
    }.OfType<string>());
}

/// <summary>One main theme of the annex: its items in the extract, and their totals per year.</summary>
public sealed record AnnexTheme(ExtractGroup Group, int Position, string Name, IReadOnlyList<AnnexRow> Rows, YearTotals Total)
{
    /// <summary>"3. Sociale investeringer, ...", as the agreement numbers its main themes.</summary>
    public string Heading => $"{Position}. {Name}";
}

/// <summary>One item as the annex writes it; <see cref="Amounts"/> follow <see cref="AgendaAnnex.Years"/>.</summary>
public sealed record AnnexRow(
    string Code,
    string Title,
    string Kind,
    string Committee,
    bool IsCompleted,
    string Status,
    Health Health,
    string Timing,
    int Slippage,
    string Treatment,
    string Flags,
    IReadOnlyList<int> Amounts)
{
    /// <summary>The health as a word, so it reads in black and white: "Grøn", "Gul", "Rød".</summary>
    public string HealthText => Health.Name();
}

/// <summary>
/// The economy section of the annex, from the same calculations as the plan's: <see cref="PlanTotals.SavingsAndExpansions"/>
/// over the extract, and for each target <see cref="TargetProgress"/> over the extract's items only (the committee's part).
/// </summary>
public sealed record AnnexEconomy(YearTotals Savings, YearTotals Expansions, IReadOnlyList<AnnexTarget> Targets)
{
    public const string SavingsLabel = "Mindreudgifter (besparelser)";
    public const string ExpansionsLabel = "Merudgifter (udvidelser)";
    public const string NetLabel = "I alt, netto";

    public static AnnexEconomy Of(PlanSnapshot snapshot, IReadOnlyList<PlanItem> extract, IReadOnlyList<int> years)
    {
        var (savings, expansions) = PlanTotals.SavingsAndExpansions(extract, years);
        return new AnnexEconomy(savings, expansions, [.. snapshot.Targets.Select(target => new AnnexTarget(
            DisplayText.Safe(target.Name),
            extract.Count(i => target.Counts(i.Id)),
            TargetProgress.Of(target, extract, years)))]);
    }
}

/// <summary>A plan target in the annex: the whole plan's target per year, and what the committee's counted items plan and have realised.</summary>
public sealed record AnnexTarget(string Name, int CountedItems, TargetProgress Progress)
{
    public string Heading => $"Mål: {Name}";

    public const string TargetLabel = "Målet for hele planen";

    public string PlannedLabel => $"Planlagt af udvalgets {CountedItems} tællende punkter";

    public const string RealisedLabel = "Heraf realiseret (afsluttede punkter)";

    public long TargetIn(int year) => Progress.In(year)?.Target ?? 0;

    public long PlannedIn(int year) => Progress.In(year)?.Planned ?? 0;

    public long RealisedIn(int year) => Progress.In(year)?.Realised ?? 0;
}
