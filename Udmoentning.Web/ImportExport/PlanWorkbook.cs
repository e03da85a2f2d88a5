using System.Globalization;
using Udmoentning.Domain;
using Udmoentning.Domain.Import;
using Udmoentning.Domain.Items;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.ImportExport;

/// <summary>
/// Writes a plan as an .xlsx workbook in the layout the import reads: title lines, a header row, a heading row per
/// main theme with its items, and a total row. Exporting and importing a plan changes nothing.
/// </summary>
public static class PlanWorkbook
{
    public const string SheetName = "Udmøntningsplan";
    public const string AmountNote = "Beløb i 1.000 kr. (- = mindreudgift, + = merudgift)";

    private const int TitleLineCount = 4;
    private static readonly CultureInfo _danish = CultureInfo.GetCultureInfo("da-DK");

    private static readonly string[] _before =
    [
        "Nr.", "Titel", "Beskrivelse", "Type", "Udvalg", "Ansvarlig", "Tværgående", "MED",
        "Vejledende tidspunkt", "Oprindeligt tidspunkt", "Politisk behandling",
    ];

    private static readonly string[] _after = ["Status", "Tilstand", "Sagsnummer", "Bemærkninger"];

    public static byte[] Export(PlanSnapshot snapshot)
    {
        var plan = snapshot.Plan;
        var years = plan.BudgetYears.ToList();
        var layout = new Layout(years);
        var rows = new List<Dictionary<string, object?>>
        {
            layout.Line(plan.Name),
            layout.Line($"Godkendt af Kommunalbestyrelsen den {plan.AdoptedOn.ToString("d. MMMM yyyy", _danish)}"),
            layout.Line(AmountNote),
            layout.Line(null),
            layout.Header(),
        };

        foreach (var theme in snapshot.Themes.OrderBy(t => t.Position))
        {
            rows.Add(layout.Line($"{theme.Position}. {theme.Name}"));
            foreach (var item in snapshot.Items.Where(i => i.ThemeId == theme.Id).OrderBy(i => i.Status).ThenBy(i => i.Position).ThenBy(i => i.Code, StringComparer.Ordinal))
            {
                rows.Add(layout.Item(item, snapshot));
            }
        }

        rows.Add(layout.Total(snapshot.Items));
        return Save(rows);
    }

    /// <summary>An empty workbook with only the header row, to fill in and import ("Hent skabelon").</summary>
    public static byte[] Template(IEnumerable<int> budgetYears) => Save([new Layout([.. budgetYears]).Header()]);

    /// <summary>The plan's items as the comparer sees them, with every field present.</summary>
    public static IReadOnlyList<WorkbookItem> ItemsOf(PlanSnapshot snapshot)
    {
        var all = Enum.GetValues<ImportField>().Where(f => f != ImportField.Ignore).ToHashSet();
        return [.. snapshot.Items.Select(item => new WorkbookItem
        {
            Sheet = SheetName,
            Row = 0,
            Code = item.Code,
            Title = item.Title,
            Description = item.Description,
            Kind = item.Kind,
            Theme = snapshot.Theme(item.ThemeId)?.Name ?? string.Empty,
            Committee = snapshot.Committee(item.CommitteeId)?.ShortCode ?? string.Empty,
            ResponsibleUnit = item.ResponsibleUnit,
            IsCrossCutting = item.IsCrossCutting,
            RequiresMedInvolvement = item.RequiresMedInvolvement,
            Timing = item.Timing,
            BaselineTiming = item.BaselineTiming,
            TreatmentCommittee = snapshot.Committee(item.TreatmentCommitteeId)?.ShortCode,
            TreatmentMeeting = snapshot.Meeting(item.TreatmentMeetingId)?.Date,
            Status = item.Status,
            Health = item.Health,
            CaseNumber = item.CaseNumber,
            Notes = item.Notes,
            Amounts = item.Effects.Where(e => e.AmountThousands != 0).ToDictionary(e => e.Year, e => e.AmountThousands),
            Present = all,
        })];
    }

    private static byte[] Save(List<Dictionary<string, object?>> rows) =>
        ReportSheet.Save(rows, SheetName, rows.Count > TitleLineCount ? TitleLineCount + 1 : 1);

    /// <summary>The columns of the sheet, keyed A, B, C ... as MiniExcel writes them.</summary>
    private sealed class Layout(IReadOnlyList<int> years)
    {
        private readonly string[] _headers =
            [.. _before, .. years.Select(y => y.ToString(CultureInfo.InvariantCulture)), .. _after];

        public Dictionary<string, object?> Header() => Row(_headers);

        public Dictionary<string, object?> Line(string? text) => Row([text]);

        public Dictionary<string, object?> Item(PlanItem item, PlanSnapshot snapshot)
        {
            var treatment = snapshot.Committee(item.TreatmentCommitteeId)?.ShortCode;
            if (treatment is not null && snapshot.Meeting(item.TreatmentMeetingId) is { } meeting)
            {
                treatment += " " + meeting.Date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
            }

            return Row(
            [
                item.Code,
                DisplayText.Safe(item.Title),
                DisplayText.Safe(item.Description),
                item.Kind.Name(),
                snapshot.Committee(item.CommitteeId)?.ShortCode,
                DisplayText.Safe(item.ResponsibleUnit),
                item.IsCrossCutting ? "x" : null,
                item.RequiresMedInvolvement ? "x" : null,
                item.Timing?.ToString(),
                item.BaselineTiming?.ToString(),
                treatment,
                .. years.Select(year => (object?)item.EffectIn(year)),
                item.Status == ItemStatus.Completed ? "X" : item.Status.Name(),
                item.Health.Name(),
                item.CaseNumber,
                DisplayText.Safe(item.Notes),
            ]);
        }

        public Dictionary<string, object?> Total(IReadOnlyList<PlanItem> items)
        {
            var cells = new object?[_headers.Length];
            cells[0] = "I alt";
            for (var y = 0; y < years.Count; y++)
            {
                cells[_before.Length + y] = items.Sum(i => (long)i.EffectIn(years[y]));
            }

            return Row(cells);
        }

        private Dictionary<string, object?> Row(object?[] cells) => ReportSheet.Row(_headers.Length, cells);
    }
}
