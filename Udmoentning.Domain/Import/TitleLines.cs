using Udmoentning.Domain.Input;

namespace Udmoentning.Domain.Import;

/// <summary>Reads the plan's name and adoption date from the title lines above the header row.</summary>
public static class TitleLines
{
    /// <summary>The first line that names a plan ("Udmøntningsplan 2026-2029"), if any.</summary>
    public static string? PlanName(IEnumerable<IReadOnlyList<object?>> rows) =>
        rows.Select(Line)
            .Where(line => line is not null && ImportText.Fold(line).Contains("plan", StringComparison.Ordinal))
            .Select(line => CellReaders.Text(line, "Planens navn", Limits.PlanNameLength))
            .Where(read => read.IsOk)
            .Select(read => read.Value)
            .FirstOrDefault();

    /// <summary>The date in a line saying the plan was adopted ("Godkendt af Kommunalbestyrelsen den 11. december 2025"), if any.</summary>
    public static DateOnly? AdoptedOn(IEnumerable<IReadOnlyList<object?>> rows)
    {
        foreach (var row in rows)
        {
            var folded = ImportText.Fold(Line(row));
            if (!folded.Contains("godkendt", StringComparison.Ordinal) && !folded.Contains("vedtaget", StringComparison.Ordinal))
            {
                continue;
            }

            if (row.OfType<DateTime>().Select(d => (DateTime?)d).FirstOrDefault() is { } cell)
            {
                return DateOnly.FromDateTime(cell);
            }

            if (DanishDate.Find(Line(row)) is { } found)
            {
                return found.Date;
            }
        }

        return null;
    }

    private static string? Line(IReadOnlyList<object?> row)
    {
        var texts = row.Where(cell => cell is not DateTime).Select(ImportText.Of).OfType<string>().Distinct().ToList();
        return texts.Count == 0 ? null : string.Join(" ", texts);
    }
}
