using System.Globalization;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.Import;

/// <summary>
/// Compares a read workbook with the plan's current items, matched by item number: what is new, what changes field
/// by field (with the history's labels and value formats), and which items the workbook leaves out (they are kept).
/// </summary>
public static class ImportComparer
{
    /// <summary>
    /// Compares the fields the workbook has columns for. The original timing is never compared: it is never
    /// overwritten. Amounts are compared for the given budget years the workbook has a column for; a missing amount is 0.
    /// </summary>
    public static ImportComparison Compare(ImportAnalysis analysis, IReadOnlyList<WorkbookItem> current, IEnumerable<int> budgetYears)
    {
        var existing = new Dictionary<string, WorkbookItem>(StringComparer.Ordinal);
        foreach (var item in current)
        {
            existing.TryAdd(item.Code.Trim(), item);
        }

        var years = budgetYears.Where(analysis.BudgetYears.Contains).Order().ToList();
        var added = new List<WorkbookItem>();
        var changed = new List<ItemUpdate>();
        var unchanged = 0;
        foreach (var item in analysis.Items)
        {
            if (!existing.TryGetValue(item.Code.Trim(), out var before))
            {
                added.Add(item);
                continue;
            }

            var changes = Changes(before, item, years);
            if (changes.Count == 0)
            {
                unchanged++;
            }
            else
            {
                changed.Add(new ItemUpdate(item, changes));
            }
        }

        var inWorkbook = analysis.Items.Select(i => i.Code.Trim()).ToHashSet(StringComparer.Ordinal);
        var missing = existing.Keys.Where(code => !inWorkbook.Contains(code)).ToList();
        return new ImportComparison(added, changed, unchanged, missing);
    }

    /// <summary>The changes from <paramref name="before"/> to <paramref name="after"/>, in the order the history lists them.</summary>
    public static IReadOnlyList<FieldChange> Changes(WorkbookItem before, WorkbookItem after, IReadOnlyList<int> years)
    {
        var changes = new List<FieldChange>();

        void Add(ImportField field, string label, string? old, string? @new)
        {
            if (after.Present.Contains(field) && Clean(old) != Clean(@new))
            {
                changes.Add(new FieldChange(label, Clean(old), Clean(@new)));
            }
        }

        Add(ImportField.Status, "Status", before.Status.Name(), after.Status.Name());
        Add(ImportField.Title, "Titel", before.Title, after.Title);
        Add(ImportField.Description, "Beskrivelse", before.Description, after.Description);
        Add(ImportField.Kind, "Type", before.Kind.Name(), after.Kind.Name());
        Add(ImportField.Theme, "Hovedpunkt", before.Theme, after.Theme);
        Add(ImportField.Committee, "Ansvarligt udvalg", before.Committee, after.Committee);
        Add(ImportField.ResponsibleUnit, "Ansvarlig", before.ResponsibleUnit, after.ResponsibleUnit);
        Add(ImportField.Health, "Tilstand", before.Health.Name(), after.Health.Name());
        Add(ImportField.Timing, "Tidspunkt", before.Timing?.ToString(), after.Timing?.ToString());
        Add(ImportField.Treatment, "Behandles i udvalg", before.TreatmentCommittee, after.TreatmentCommittee);
        Add(ImportField.Treatment, "Møde", Date(before.TreatmentMeeting), Date(after.TreatmentMeeting));
        Add(ImportField.CrossCutting, "Tværgående", YesNo(before.IsCrossCutting), YesNo(after.IsCrossCutting));
        Add(ImportField.Med, "MED-inddragelse", YesNo(before.RequiresMedInvolvement), YesNo(after.RequiresMedInvolvement));
        Add(ImportField.CaseNumber, "Sagsnummer", before.CaseNumber, after.CaseNumber);
        Add(ImportField.Notes, "Noter", before.Notes, after.Notes);
        foreach (var year in years)
        {
            Add(ImportField.Amount, $"Økonomi {year}", Amount(before, year), Amount(after, year));
        }

        return changes;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string YesNo(bool value) => value ? "Ja" : "Nej";

    private static string? Date(DateOnly? date) => date is { } day ? IsoDate.Format(day) : null;

    private static string Amount(WorkbookItem item, int year) =>
        item.Amounts.GetValueOrDefault(year).ToString(CultureInfo.InvariantCulture);
}
