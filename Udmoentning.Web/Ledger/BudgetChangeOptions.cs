using System.Text;
using Udmoentning.Domain.Ledger;

namespace Udmoentning.Web.Ledger;

/// <summary>
/// The budget-change file's layout, set once in <c>Ledger:BudgetChangeFile</c> (docs/ledger.md has two examples):
/// <c>Delimiter</c> (<c>;</c>, <c>,</c> or <c>\t</c>), <c>Encoding</c> (<c>utf-8</c> or <c>windows-1252</c>), and
/// <c>Columns</c>, each a <c>Header</c> and a <c>Value</c>. Unset: <see cref="BudgetChangeFile.Default"/>.
/// </summary>
public static class BudgetChangeOptions
{
    public const string Section = "Ledger:BudgetChangeFile";

    public static BudgetChangeFile From(IConfiguration configuration, AccountStringLayout accounts)
    {
        var section = configuration.GetSection(Section);
        var fallback = BudgetChangeFile.Default(accounts);
        var columns = section.GetSection("Columns").GetChildren().Select((column, i) =>
            column["Header"] is { Length: > 0 } header && column["Value"] is { Length: > 0 } value
                ? new BudgetChangeColumn(header, value)
                : throw new StartupException($"{Section}:Columns:{i} needs a Header and a Value (Account, Part:<name>, Year, AmountKroner, ItemCode, ItemTitle, Committee or Text:<text>).")).ToList();
        var encoding = section["Encoding"]?.Trim().ToLowerInvariant() switch
        {
            null or "" or "utf-8" or "utf8" => fallback.Encoding,
            "windows-1252" or "cp1252" => CodePagesEncodingProvider.Instance.GetEncoding(1252)!,
            var other => throw new StartupException($"{Section}:Encoding is \"{other}\": use utf-8 or windows-1252."),
        };
        var delimiter = section["Delimiter"] is { Length: > 0 } d ? d.Replace("\\t", "\t", StringComparison.Ordinal) : fallback.Delimiter;
        try
        {
            return new BudgetChangeFile(columns.Count > 0 ? columns : fallback.Columns, delimiter, encoding, accounts);
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"{Section} is not a file layout: {e.Message}", e);
        }
    }
}
