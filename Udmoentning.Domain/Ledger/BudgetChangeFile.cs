using System.Globalization;
using System.Text;

namespace Udmoentning.Domain.Ledger;

/// <summary>
/// One column of the budget-change file: its header and what it holds. <see cref="Value"/> is one of <c>Account</c> (the
/// account string), <c>Part:Name</c> (one part of it, by the layout's name), <c>Year</c>, <c>AmountKroner</c> (the line's
/// amount in kroner), <c>ItemCode</c>, <c>ItemTitle</c>, <c>Committee</c>, or <c>Text:…</c> (the same text on every line).
/// </summary>
public sealed record BudgetChangeColumn(string Header, string Value);

/// <summary>A line of the file before it is written: one kontering line of one item.</summary>
public sealed record BudgetChangeLine(string ItemCode, string ItemTitle, string Committee, AccountLine Line);

/// <summary>
/// The budget-change file (budgetomplacering or tillægsbevilling) a finance system reads: one row per kontering line of the
/// chosen items, its columns and their order set by the municipality (<c>Ledger:BudgetChangeFile</c>), amounts in kroner.
/// </summary>
public sealed class BudgetChangeFile
{
    public BudgetChangeFile(IReadOnlyList<BudgetChangeColumn> columns, string delimiter, Encoding encoding, AccountStringLayout accounts)
    {
        if (columns.Count == 0)
        {
            throw new ArgumentException("The file needs at least one column.", nameof(columns));
        }

        foreach (var column in columns)
        {
            if (!IsKnown(column.Value, accounts))
            {
                throw new ArgumentException(
                    $"The column \"{column.Header}\" holds \"{column.Value}\": use Account, Part:<a part's name: {string.Join(", ", accounts.Parts.Select(p => p.Name))}>, Year, AmountKroner, ItemCode, ItemTitle, Committee or Text:<text>.",
                    nameof(columns));
            }
        }

        if (delimiter is not (";" or "," or "\t"))
        {
            throw new ArgumentException("The delimiter must be ; , or a tab.", nameof(delimiter));
        }

        Columns = columns;
        Delimiter = delimiter;
        Encoding = encoding;
        Accounts = accounts;
    }

    public IReadOnlyList<BudgetChangeColumn> Columns { get; }

    public string Delimiter { get; }

    public Encoding Encoding { get; }

    public AccountStringLayout Accounts { get; }

    /// <summary>The default: account string, year, amount in kroner, the item's code and title; semicolons, UTF-8 with a byte-order mark.</summary>
    public static BudgetChangeFile Default(AccountStringLayout accounts) => new(
    [
        new BudgetChangeColumn("Kontostreng", "Account"),
        new BudgetChangeColumn("Budgetår", "Year"),
        new BudgetChangeColumn("Beløb (kr.)", "AmountKroner"),
        new BudgetChangeColumn("Punkt", "ItemCode"),
        new BudgetChangeColumn("Tekst", "ItemTitle"),
    ], ";", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), accounts);

    /// <summary>The cells of one line: amounts and years as numbers, the rest as text.</summary>
    public IReadOnlyList<object> Cells(BudgetChangeLine line) => [.. Columns.Select(c => Cell(c.Value, line))];

    private object Cell(string value, BudgetChangeLine line) => value switch
    {
        "Account" => line.Line.Account,
        "Year" => line.Line.Year,
        "AmountKroner" => line.Line.AmountThousands * 1000L,
        "ItemCode" => line.ItemCode,
        "ItemTitle" => line.ItemTitle,
        "Committee" => line.Committee,
        _ when value.StartsWith("Text:", StringComparison.Ordinal) => value["Text:".Length..],
        _ => Part(value["Part:".Length..], line.Line.Account),
    };

    /// <summary>A part of an account string by the layout's name; empty when the string leaves an optional part out.</summary>
    private string Part(string name, string account)
    {
        var index = Accounts.Parts.ToList().FindIndex(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
        var values = account.Split(Accounts.Separator);
        return index < values.Length ? values[index] : string.Empty;
    }

    private static bool IsKnown(string value, AccountStringLayout accounts) =>
        value is "Account" or "Year" or "AmountKroner" or "ItemCode" or "ItemTitle" or "Committee"
        || (value.StartsWith("Text:", StringComparison.Ordinal) && value.Length > "Text:".Length)
        || (value.StartsWith("Part:", StringComparison.Ordinal) && accounts.Parts.Any(p => string.Equals(p.Name, value["Part:".Length..], StringComparison.OrdinalIgnoreCase)));

    /// <summary>
    /// The file as CSV: a header row, then a row per line, fields quoted when they hold the delimiter, a quote or a line
    /// break, CRLF between rows. Numbers are written plainly (<c>-1200000</c>). A text that a spreadsheet would take for a
    /// formula (it starts with =, +, -, @) gets an apostrophe first; account strings and numbers are written as they are.
    /// </summary>
    public byte[] Csv(IEnumerable<BudgetChangeLine> lines)
    {
        var text = new StringBuilder();
        text.Append(string.Join(Delimiter, Columns.Select(c => Field(c.Header, formulaSafe: true)))).Append("\r\n");
        foreach (var line in lines)
        {
            var cells = Cells(line);
            text.Append(string.Join(Delimiter, Columns.Select((c, i) => cells[i] switch
            {
                long amount => amount.ToString(CultureInfo.InvariantCulture),
                int number => number.ToString(CultureInfo.InvariantCulture),
                var other => Field(other.ToString()!, formulaSafe: c.Value != "Account" && !c.Value.StartsWith("Part:", StringComparison.Ordinal)),
            }))).Append("\r\n");
        }

        var preamble = Encoding.GetPreamble();
        return [.. preamble, .. Encoding.GetBytes(text.ToString())];
    }

    private string Field(string value, bool formulaSafe)
    {
        var safe = formulaSafe && value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.Contains(Delimiter, StringComparison.Ordinal) || safe.Contains('"', StringComparison.Ordinal) || safe.Contains('\n', StringComparison.Ordinal) || safe.Contains('\r', StringComparison.Ordinal)
            ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\""
            : safe;
    }
}
