using System.Globalization;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.Import;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;
using Udmoentning.Web.ImportExport;

namespace Udmoentning.Web.Economy.FollowUps;

/// <summary>
/// A follow-up comparison as an .xlsx workbook for the follow-up report: title lines, then one table with a row per
/// change (section, item, field, before, after), the totals per year and the target gaps per year. Amounts are numbers,
/// so they add up in Excel; the section column lets a reader filter.
/// </summary>
public static class FollowUpWorkbook
{
    public const string SheetName = "Sammenligning";
    public const string ContentType = ReportSheet.ContentType;
    public const int TitleLineCount = 4;

    public const string ChangedSection = "Ændret";
    public const string SlippageSection = "Ny forsinkelse";
    public const string AddedSection = "Nyt punkt";
    public const string CompletedSection = "Afsluttet";
    public const string RemovedSection = "Fjernet";
    public const string MovedSection = "Flyttet mellem udvalg";
    public const string TotalSection = "I alt";
    public const string TargetSection = "Mål";

    public static readonly IReadOnlyList<string> Headers = ["Afsnit", "Nr.", "Titel", "Udvalg", "Felt", "Før", "Efter"];

    public static byte[] Write(FollowUpComparison comparison)
    {
        var changes = comparison.Changes;
        var rows = new List<Dictionary<string, object?>>
        {
            Row([$"Sammenligning af opfølgninger: {comparison.PlanName}"]),
            Row([$"Fra: {comparison.From.Label} · Til: {comparison.To.Label}"]),
            Row(["Beløb i 1.000 kr.; negative beløb er besparelser."]),
            Row([]),
            Row([.. Headers]),
        };

        rows.AddRange(changes.Changed.SelectMany(c => c.Changes.Select(f => Item(ChangedSection, c.After, f.Field, f.Old, f.New))));
        rows.AddRange(changes.NewSlippage.Select(c => Item(SlippageSection, c.After, SnapshotComparison.TimingField, c.Before.Timing?.ToString(), c.After.Timing?.ToString())));
        rows.AddRange(changes.Added.Select(i => Item(AddedSection, i, SnapshotComparison.StatusField, null, i.Status.Name())));
        rows.AddRange(changes.Completed.Select(i => Item(CompletedSection, i, SnapshotComparison.StatusField, null, i.Status.Name())));
        rows.AddRange(changes.Removed.Select(i => Item(RemovedSection, i, SnapshotComparison.StatusField, i.Status.Name(), null)));
        rows.AddRange(changes.Moved.Select(m => Item(MovedSection, m.Item, "Udvalg", m.FromCommittee, m.ToCommittee)));
        rows.AddRange(changes.Totals.Select(t => Row([TotalSection, null, null, null, Year(t.Year), t.Before, t.After])));
        foreach (var gap in changes.TargetGaps)
        {
            rows.Add(Row([TargetSection, null, gap.Target, null, $"{Year(gap.Year)} mål", gap.Before?.Target, gap.After?.Target]));
            rows.Add(Row([TargetSection, null, gap.Target, null, $"{Year(gap.Year)} planlagt mangler", gap.Before?.PlannedGap, gap.After?.PlannedGap]));
            rows.Add(Row([TargetSection, null, gap.Target, null, $"{Year(gap.Year)} realiseret mangler", gap.Before?.RealisedGap, gap.After?.RealisedGap]));
        }

        return ReportSheet.Save(rows, SheetName, TitleLineCount + 1);
    }

    /// <summary>"opfoelgning-2025-2028-2026-03-31.xlsx".</summary>
    public static string FileName(string budgetPeriod, DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"opfoelgning-{budgetPeriod}-{IsoDate.Format(date)}.xlsx");

    private static Dictionary<string, object?> Item(string section, FrozenItem item, string field, object? before, object? after) =>
        Row([section, item.Code, item.Title, item.Committee, field, before, after]);

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> Row(object?[] cells) => ReportSheet.Row(Headers.Count, cells);
}
