using System.Globalization;
using System.Text;
using Udmoentning.Domain;
using Udmoentning.Domain.History;

namespace Udmoentning.Web.History;

/// <summary>
/// An item's history as CSV for an aktindsigt request: one line per changed field, semicolon-separated
/// and UTF-8 with BOM so Danish Excel opens it as it is; cells that could run as formulas are defused.
/// </summary>
public static class HistoryCsv
{
    private const string LineEnd = "\r\n";

    private static readonly TimeZoneInfo _danish = DanishTime.Zone;

    public static byte[] Write(IEnumerable<ItemHistoryEntry> entries)
    {
        var csv = new StringBuilder();
        csv.Append("Tidspunkt;Bruger;Bruger-id;Punkt;Handling;Felt;Før;Efter").Append(LineEnd);
        foreach (var entry in entries)
        {
            var at = TimeZoneInfo.ConvertTimeFromUtc(entry.At, _danish).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            foreach (var change in entry.Changes)
            {
                csv.AppendJoin(';', new[] { at, entry.UserName, entry.UserId, entry.ItemCode, entry.Kind, change.Field, change.Old, change.New }.Select(Cell));
                csv.Append(LineEnd);
            }
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Cell(string? value)
    {
        value = DisplayText.Safe(value) ?? string.Empty;
        var isNumber = decimal.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);
        if (!isNumber && value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.Contains(';') || value.Contains('"') || value.Contains('\n') || value.Contains('\r')
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }
}
