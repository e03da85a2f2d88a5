using System.Globalization;
using Udmoentning.Domain;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rounds;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Annex;
using Udmoentning.Web.Changes;

namespace Udmoentning.Web.Rounds;

/// <summary>
/// A closed follow-up round's report: every item as the round froze it (its status text, traffic light, timing and
/// amounts) under the committee that owned it, and what changed since the plan's previous closed round. Built once from
/// the round's snapshot, so it never changes after the close, and rendered as a print page and as .xlsx, so both say the
/// same. Every text from users has passed <see cref="DisplayText.Safe"/>.
/// </summary>
public sealed record RoundReport(
    int PlanId,
    int RoundId,
    string? Slug,
    string PlanName,
    string BudgetPeriod,
    string RoundName,
    string Scope,
    DateOnly ClosedOn,
    string ClosedByName,
    DateOnly Deadline,
    int Ready,
    int ItemCount,
    IReadOnlyList<int> Years,
    IReadOnlyList<ReportCommittee> Committees,
    IReadOnlyList<long> Total,
    string? PreviousRoundName,
    IReadOnlyList<YearChange> TotalChanges)
{
    public const string Title = "Rapport fra opfølgningsrunde";
    public const string NoStatusText = "Ingen statustekst";
    public const string NewInRound = "Ny i runden";
    public const string Unchanged = "Uændret";
    public const string FirstRound = "Første runde: intet at sammenligne med.";
    public const string ChangedHeading = "Ændret siden forrige runde";
    public const string TotalLabel = "I alt";

    /// <summary>The grand total's label, naming what it adds up: "I alt, hele planen" or "I alt, udsnit for Arbejdsmarkedsudvalget".</summary>
    public string TotalLine => Slug is null ? $"{TotalLabel}, hele planen" : $"{TotalLabel}, udsnit for {Scope}";

    /// <summary>Says what a committee's report holds: its extract as the agenda annex shows it, as the round froze it.</summary>
    public const string ExtractNote =
        "Udvalgets udsnit som i bilaget til dagsordenen: egne punkter, punkter udvalget behandler politisk, og de tværgående punkter og råderumsforslag i runden.";

    private static readonly CultureInfo _danish = CultureInfo.GetCultureInfo("da-DK");
    private static readonly StringComparer _nameOrder = StringComparer.Create(_danish, CompareOptions.None);

    public bool IsFirstRound => PreviousRoundName is null;

    /// <summary>
    /// What the newest ledger extract dated on or before the close shows for the report's items (their kontering as it is
    /// now); null when none was imported by then.
    /// </summary>
    public Ledger.LedgerFigures? Ledger { get; init; }

    /// <summary>The items the report holds (the plan's, or the committee's extract of them), by id.</summary>
    public IReadOnlySet<int> ItemIds { get; init; } = new HashSet<int>();

    /// <summary>"Lukket 3. jul. 2026 af Karin Koordinator (direktionen)".</summary>
    public string ClosedLine => $"Lukket {AgendaAnnex.DateText(ClosedOn)} af {ClosedByName}";

    /// <summary>"Frist 30. jun. 2026".</summary>
    public string DeadlineLine => $"Frist {AgendaAnnex.DateText(Deadline)}";

    /// <summary>"12 af 14 punkter var klar".</summary>
    public string ReadyLine => $"{Ready} af {ItemCount} punkter var klar";

    /// <summary>"Sammenlignet med runden "Budgetopfølgning pr. 31. marts 2026"", or that there was none.</summary>
    public string ComparisonLine => PreviousRoundName is { } previous ? $"{ChangedHeading}: sammenlignet med runden \"{previous}\"." : FirstRound;

    /// <param name="round">The closed round with its items.</param>
    /// <param name="state">The round's snapshot (with the status texts).</param>
    /// <param name="previous">The plan's previous closed round's name and snapshot, or null for the first round.</param>
    /// <param name="committee">The committee whose extract to show, or null for the whole plan.</param>
    public static RoundReport Build(Plan plan, FollowUpRound round, FollowUpState state, (string Name, FollowUpState State)? previous, Committee? committee)
    {
        var years = state.Years;
        bool Included(FrozenItem item) => committee is null || item.InExtractOf(committee.Id);
        var items = state.Items.Where(Included).ToList();
        var comparison = previous is { } p ? SnapshotComparison.Between(p.State, state) : null;
        var before = previous?.State.Items.Where(Included).ToList();

        // The whole plan by owning committee; a committee's extract in the order of its meetings (own, treated, cross-cutting).
        var committees = (committee is null
                ? items.GroupBy(i => i.CommitteeId)
                    .Select(g => (Name: DisplayText.Safe(g.First().Committee), Items: g.OrderBy(i => i.Code, ItemCodes.Order).ToList()))
                    .OrderBy(g => g.Name, _nameOrder)
                : items.Select(i => (Group: i.GroupIn(committee.Id)!.Value, Item: i))
                    .InMeetingOrder(x => x.Group, x => plan.Themes.FirstOrDefault(t => t.Id == x.Item.ThemeId)?.Position ?? int.MaxValue, x => x.Item.Code)
                    .GroupBy(x => x.Group)
                    .Select(g => (Name: g.Key.Name(), Items: g.Select(x => x.Item).ToList())))
            .Select(g => new ReportCommittee(g.Name, [.. g.Items.Select(i => Row(i, years, comparison))], Totals(g.Items, years)))
            .ToList();
        var ids = items.Select(i => i.ItemId).ToHashSet();
        var total = Totals(items, years);

        return new RoundReport(
            plan.Id,
            round.Id,
            committee?.Slug,
            DisplayText.Safe(plan.Name),
            plan.BudgetPeriod,
            DisplayText.Safe(round.Name),
            DisplayText.Safe(committee?.Name) ?? PlanAdministration.WholePlan,
            DanishTime.DayOf(round.ClosedAt ?? round.OpenedAt),
            DisplayText.Safe(round.ClosedByName ?? string.Empty),
            round.Deadline,
            round.Items.Count(e => ids.Contains(e.ItemId) && e.IsReady),
            items.Count,
            years,
            committees,
            total,
            previous is { } named ? DisplayText.Safe(named.Name) : null,
            before is null ? [] : [.. years.Select((y, index) => new YearChange(y, before.Sum(i => i.AmountIn(y)), total[index]))])
        {
            ItemIds = ids,
        };
    }

    /// <summary>"X Afsluttet" for completed items, as the annex writes it; the status's name otherwise.</summary>
    public static string StatusName(string name) => name == ItemStatus.Completed.Name() ? $"X {name}" : name;

    /// <summary>"-250" or "+1.250": a change in 1.000 kr. with its sign.</summary>
    public static string Change(long thousands) => thousands > 0 ? "+" + Amounts.Format(thousands) : Amounts.Format(thousands);

    private static ReportRow Row(FrozenItem item, IReadOnlyList<int> years, SnapshotComparison? comparison)
    {
        var text = DisplayText.Safe(item.StatusText);
        return new ReportRow(
            DisplayText.Safe(item.Code),
            DisplayText.Safe(item.Title),
            string.IsNullOrWhiteSpace(text) ? null : text,
            item.Health,
            AgendaAnnex.TimingText(item.Timing, item.BaselineTiming),
            item.Timing is { } now && item.BaselineTiming is { } was ? now.QuartersAfter(was) : 0,
            [.. years.Select(item.AmountIn)],
            Changes(item, comparison));
    }

    /// <summary>"Status: I gang → X Afsluttet; Tilstand: Grøn → Gul", "Ny i runden", "Uændret", or empty for a first round.</summary>
    private static string Changes(FrozenItem item, SnapshotComparison? comparison)
    {
        if (comparison is null)
        {
            return string.Empty;
        }

        if (comparison.Added.Any(a => a.ItemId == item.ItemId))
        {
            return NewInRound;
        }

        var difference = comparison.Changed.FirstOrDefault(c => c.After.ItemId == item.ItemId);
        return difference is null
            ? Unchanged
            : string.Join("; ", difference.Changes.Select(c => $"{FieldName(c.Field)}: {Value(c.Field, c.Old)} → {Value(c.Field, c.New)}"));
    }

    private static string FieldName(string field) => field == SnapshotComparison.TimingField ? "Tidspunkt" : field;

    private static string Value(string field, string? value) => value switch
    {
        null or "" => "ingen",
        _ when field == SnapshotComparison.StatusField => StatusName(value),
        _ => value,
    };

    private static IReadOnlyList<long> Totals(IReadOnlyList<FrozenItem> items, IReadOnlyList<int> years) => [.. years.Select(y => items.Sum(i => i.AmountIn(y)))];
}

/// <summary>One committee's items in the report, and their totals per year (following <see cref="RoundReport.Years"/>).</summary>
public sealed record ReportCommittee(string Name, IReadOnlyList<ReportRow> Rows, IReadOnlyList<long> Total);

/// <summary>An item as the round froze it; <see cref="Amounts"/> follow <see cref="RoundReport.Years"/>.</summary>
public sealed record ReportRow(
    string Code,
    string Title,
    string? StatusText,
    Health Health,
    string Timing,
    int Slippage,
    IReadOnlyList<long> Amounts,
    string Changed)
{
    /// <summary>The round's status text, or "Ingen statustekst" when nobody wrote one.</summary>
    public string StatusTextShown => StatusText ?? RoundReport.NoStatusText;

    /// <summary>The health as a word, so it reads in black and white: "Grøn", "Gul", "Rød".</summary>
    public string HealthText => Health.Name();
}
