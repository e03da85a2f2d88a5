using System.Globalization;
using System.Text.RegularExpressions;
using Udmoentning.Domain.Import;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.Ledger;

/// <summary>
/// What an account holds in one year for one reference, in kroner, summed over the extract's postings: budget postings
/// (korrigeret budget, rådighedsbeløb) and spending. <see cref="Reference"/> is a plan item's code when the postings
/// carried it, else null.
/// </summary>
public sealed record LedgerBalance(string Account, int Year, string? Reference, decimal Budget, decimal Spent);

/// <summary>The codes an extract's references are matched against: the plan's items, and the archived plans' (code → plan).</summary>
public sealed record LedgerReferences(IReadOnlyCollection<string> Codes, IReadOnlyDictionary<string, string> Archived)
{
    public static LedgerReferences None { get; } = new([], new Dictionary<string, string>());
}

/// <summary>The user's choices in the preview: what each column is read as, and the year when the extract has no period column.</summary>
public sealed record LedgerReadOptions
{
    /// <summary>Every column as the user set it; null reads the headers.</summary>
    public IReadOnlyList<LedgerColumn>? Columns { get; init; }

    public int? Year { get; init; }
}

/// <summary>
/// A ledger extract as read, before anything is written: the columns, the balances per account, year and item
/// reference, what was skipped and refused (with row and reason), and a date found in its title lines.
/// </summary>
public sealed record LedgerExtract(
    string Sheet,
    int HeaderRow,
    IReadOnlyList<LedgerColumn> Columns,
    IReadOnlyList<LedgerBalance> Balances,
    int Postings,
    int SkippedRows,
    int TotalRows,
    int RefusedRows,
    IReadOnlyList<ImportProblem> Problems,
    int ProblemsLeftOut,
    DateOnly? SuggestedDate,
    bool NeedsYear)
{
    /// <summary>A problem with the whole file (no account column, no year): nothing can be imported until it is solved.</summary>
    public bool HasFileErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error && p.Row is null);

    public IReadOnlyList<int> Years => [.. Balances.Select(b => b.Year).Distinct().Order()];

    public int Accounts => Balances.Select(b => b.Account).Distinct(StringComparer.Ordinal).Count();
}

/// <summary>
/// Reads a finance system's extract of budget postings and spending (rows of cells, from CSV or a workbook) into
/// <see cref="LedgerExtract"/>: one header row found among the first rows (title lines above it are fine), the account
/// string whole or in parts, amounts in kroner in Danish formats ("1.234,56", "1234-", "(1.234)"), blank and total lines
/// skipped, each refused row with its reason. The same words as the plan import: <see cref="ImportProblem"/>.
/// </summary>
public static partial class LedgerExtractReader
{
    /// <summary>Rows looked at for the header.</summary>
    public const int HeaderSearchRows = 30;

    /// <summary>Row problems listed; the rest are counted. Every refused row is counted in <see cref="LedgerExtract.RefusedRows"/>.</summary>
    public const int MaxProblems = 500;

    /// <summary>Largest amount on one posting: a trillion kroner is no municipality's.</summary>
    public const decimal MaxKroner = 1_000_000_000_000m;

    public const string NoYear = "Filen har ingen kolonne med år eller periode. Vælg det år, udtrækket gælder.";

    public static LedgerExtract Read(WorkbookData workbook, AccountStringLayout layout, LedgerReferences references, LedgerReadOptions options)
    {
        var (sheet, headerRow, found) = FindHeader(workbook, layout);
        var columns = options.Columns ?? (found ?? []);
        if (options.Columns is null && found is null)
        {
            columns = [.. (sheet.Rows.ElementAtOrDefault(headerRow) ?? []).Select((cell, i) => new LedgerColumn(i, ImportText.Of(cell) ?? string.Empty, LedgerField.Ignore))];
        }

        var reading = new Reading(sheet.Name, layout, references, Single(columns), options.Year);
        var fileErrors = reading.FileErrors(found is not null || options.Columns is not null);
        if (fileErrors.Count == 0)
        {
            for (var r = headerRow + 1; r < sheet.Rows.Count; r++)
            {
                reading.Row(r, sheet.Rows[r]);
            }
        }

        return new LedgerExtract(
            sheet.Name,
            headerRow + 1,
            reading.Columns,
            reading.Balances(),
            reading.Postings,
            reading.Skipped,
            reading.Totals,
            reading.Refused,
            [.. fileErrors, .. reading.Problems],
            reading.LeftOut,
            SuggestedDate(sheet, headerRow),
            reading.NeedsYear);
    }

    /// <summary>
    /// The year of a period as finance systems print it: a year ("2027"), a month ("2027-03", "03.2027", "202703",
    /// "P03 2027"), a date ("31.03.2027", a date cell); null when it holds no one year in the app's years.
    /// </summary>
    public static int? YearOf(object? cell)
    {
        switch (cell)
        {
            case DateTime date:
                return InRange(date.Year);
            case double number when number == Math.Floor(number) && number is >= 200_001 and <= 209_912 && number % 100 is >= 1 and <= 12:
                return InRange((int)(number / 100));
            case double number when number == Math.Floor(number):
                return InRange((int)number);
        }

        var text = ImportText.Of(cell);
        if (text is null)
        {
            return null;
        }

        if (DanishDate.Find(text) is { } found)
        {
            return found.Date.Year;
        }

        var years = YearInText().Matches(text).Select(m => int.Parse(m.Groups["y"].ValueSpan, CultureInfo.InvariantCulture)).Distinct().ToList();
        return years.Count == 1 ? InRange(years[0]) : null;
    }

    /// <summary>An amount in kroner as a finance system writes it: a number cell, or Danish text with "kr." or "DKK" after it; null when it is none.</summary>
    public static decimal? KronerOf(object? cell)
    {
        switch (cell)
        {
            case null:
                return 0;
            case double number when double.IsFinite(number) && Math.Abs(number) < (double)MaxKroner:
                return Math.Round((decimal)number, 2, MidpointRounding.AwayFromZero);
            case string text:
                var plain = Currency().Replace(text.Trim(), string.Empty);
                return Amounts.ReadNumber(plain) is { } value && Math.Abs(value) < MaxKroner ? Math.Round(value, 2, MidpointRounding.AwayFromZero) : null;
            default:
                return null;
        }
    }

    private static int? InRange(int year) => year is >= Limits.EarliestYear and <= Limits.LatestYear ? year : null;

    /// <summary>The first sheet with a header naming an account and an amount, and its columns; else the first sheet with rows.</summary>
    private static (WorkbookSheet Sheet, int HeaderRow, IReadOnlyList<LedgerColumn>? Columns) FindHeader(WorkbookData workbook, AccountStringLayout layout)
    {
        foreach (var sheet in workbook.Sheets)
        {
            for (var r = 0; r < Math.Min(HeaderSearchRows, sheet.Rows.Count); r++)
            {
                var columns = sheet.Rows[r].Select((cell, i) =>
                {
                    var header = ImportText.Of(cell) ?? string.Empty;
                    var (field, part) = LedgerHeaders.Recognise(header, layout);
                    return new LedgerColumn(i, header, field, part);
                }).ToList();
                var single = Single(columns);
                if (single.Any(c => c.Field is LedgerField.Account or LedgerField.AccountPart) && single.Any(c => c.Field is LedgerField.Budget or LedgerField.Spent))
                {
                    return (sheet, r, single);
                }
            }
        }

        var first = workbook.Sheets.FirstOrDefault(s => s.Rows.Count > 0) ?? workbook.Sheets.FirstOrDefault() ?? new WorkbookSheet("Ark1", []);
        var header = first.Rows.Select((row, i) => (row, i)).FirstOrDefault(x => x.row.Any(c => c is not null)).i;
        return (first, header, null);
    }

    /// <summary>Each field (each part) read from one column only: the first; the others are read as nothing.</summary>
    private static List<LedgerColumn> Single(IReadOnlyList<LedgerColumn> columns)
    {
        var taken = new HashSet<(LedgerField, string?)>();
        return [.. columns.Select(c => c.Field == LedgerField.Ignore || taken.Add((c.Field, c.Part)) ? c : c with { Field = LedgerField.Ignore, Part = null })];
    }

    /// <summary>A date in the title lines above the header ("Kontoudtræk pr. 30.09.2027"): the extract's date, to suggest.</summary>
    private static DateOnly? SuggestedDate(WorkbookSheet sheet, int headerRow)
    {
        for (var r = 0; r < Math.Min(headerRow, sheet.Rows.Count); r++)
        {
            foreach (var cell in sheet.Rows[r])
            {
                if (cell is DateTime date)
                {
                    return DateOnly.FromDateTime(date);
                }

                if (TitleDate(ImportText.Of(cell)) is { } found)
                {
                    return found;
                }
            }
        }

        return null;
    }

    /// <summary>The date a title names; of a period ("01.01.2027 - 30.09.2027", "1.1.2027 til 30.9.2027") its end, the date the extract shows.</summary>
    private static DateOnly? TitleDate(string? text)
    {
        if (DanishDate.Find(text) is not { } first)
        {
            return null;
        }

        var rest = text![(first.Index + first.Length)..];
        var to = PeriodTo().Match(rest);
        return to.Success && DanishDate.Find(rest[to.Length..]) is { Index: 0 } end ? end.Date : first.Date;
    }

    /// <summary>The reading of one extract's rows: counts, problems, and the balances summed as rows come.</summary>
    private sealed class Reading(string sheet, AccountStringLayout layout, LedgerReferences references, List<LedgerColumn> columns, int? year)
    {
        private static readonly char[] _wordBreaks = [' ', '\t', ',', ';', ':', '(', ')', '/', '[', ']'];

        private readonly Dictionary<(string Account, int Year, string? Reference), (decimal Budget, decimal Spent)> _sums = [];
        private readonly HashSet<string> _codes = new(references.Codes, StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _archived = new(references.Archived.Keys, StringComparer.OrdinalIgnoreCase);
        private readonly string[] _codesOfWords = OfWords(references.Codes);
        private readonly string[] _archivedOfWords = OfWords(references.Archived.Keys);
        private readonly LedgerColumn? _account = columns.FirstOrDefault(c => c.Field == LedgerField.Account);
        private readonly LedgerColumn? _period = columns.FirstOrDefault(c => c.Field == LedgerField.Period);
        private readonly LedgerColumn? _budget = columns.FirstOrDefault(c => c.Field == LedgerField.Budget);
        private readonly LedgerColumn? _spent = columns.FirstOrDefault(c => c.Field == LedgerField.Spent);
        private readonly LedgerColumn? _reference = columns.FirstOrDefault(c => c.Field == LedgerField.Reference);

        /// <summary>The part columns in the layout's order (a part without a column is empty).</summary>
        private readonly LedgerColumn?[] _parts = [.. layout.Parts.Select(p => columns.FirstOrDefault(c => c.Field == LedgerField.AccountPart && c.Part == p.Name))];

        public IReadOnlyList<LedgerColumn> Columns => columns;

        public List<ImportProblem> Problems { get; } = [];

        public int Postings { get; private set; }

        public int Skipped { get; private set; }

        public int Totals { get; private set; }

        public int Refused { get; private set; }

        public int LeftOut { get; private set; }

        public bool NeedsYear => _period is null && year is null;

        /// <summary>What stops the whole file being read: no account, no amount, no year.</summary>
        public List<ImportProblem> FileErrors(bool headerFound)
        {
            var errors = new List<string>();
            if (!headerFound)
            {
                errors.Add("Fandt ingen overskrift med konto og beløb i filens første rækker. Vælg nedenfor, hvad hver kolonne er.");
            }
            else if (_account is null && _parts.All(p => p is null))
            {
                errors.Add("Ingen kolonne læses som kontostreng eller del af den. Vælg den nedenfor.");
            }
            else if (_account is null && _parts.Zip(layout.Parts).Any(x => x.First is null && x.Second.Required))
            {
                var missing = _parts.Zip(layout.Parts).Where(x => x.First is null && x.Second.Required).Select(x => x.Second.Name);
                errors.Add($"Kontostrengen læses i dele, men {string.Join(" og ", missing)} har ingen kolonne. Vælg den nedenfor, eller læs hele kontostrengen fra én kolonne.");
            }

            if (headerFound && _budget is null && _spent is null)
            {
                errors.Add("Ingen kolonne læses som budget eller forbrug. Vælg mindst én nedenfor.");
            }

            if (NeedsYear)
            {
                errors.Add(NoYear);
            }

            return [.. errors.Select(e => new ImportProblem(ProblemSeverity.Error, sheet, null, null, e))];
        }

        public void Row(int index, IReadOnlyList<object?> cells)
        {
            var row = index + 1;
            var accountText = AccountText(cells);
            var budget = KronerOf(Cell(cells, _budget));
            var spent = KronerOf(Cell(cells, _spent));
            if (accountText is null)
            {
                if (IsTotal(cells))
                {
                    Totals++;
                }
                else if (budget is 0 or null && spent is 0 or null)
                {
                    Skipped++;
                }
                else
                {
                    Refuse(row, (_account ?? _parts.First(p => p is not null))!, "Rækken har beløb, men ingen konto.");
                }

                return;
            }

            var account = layout.Read(accountText);
            if (!account.IsOk)
            {
                // Only the account's own words make a total here ("I alt 3.22"): a posting whose text says "Sum af løn"
                // and whose account does not fit is refused, not skipped unseen.
                if (IsTotal([accountText]))
                {
                    Totals++;
                }
                else
                {
                    Refuse(row, (_account ?? _parts.First(p => p is not null))!, $"Kontoen passer ikke med kontoplanen: {account.Error}");
                }

                return;
            }

            if (budget is null || spent is null)
            {
                var (column, value) = budget is null ? (_budget!, Cell(cells, _budget)) : (_spent!, Cell(cells, _spent));
                Refuse(row, column, $"\"{CellReaders.Shorten(ImportText.Of(value) ?? string.Empty)}\" er ikke et beløb i kroner. Skriv fx 1.234,56, -1.234,56, 1234- eller (1.234).");
                return;
            }

            var postingYear = year;
            if (_period is not null && (postingYear = YearOf(Cell(cells, _period))) is null)
            {
                Refuse(row, _period, $"\"{CellReaders.Shorten(ImportText.Of(Cell(cells, _period)) ?? string.Empty)}\" er ikke et år eller en periode. Skriv fx 2027, 2027-03 eller 31.03.2027 (årene {Limits.EarliestYear}-{Limits.LatestYear}).");
                return;
            }

            var reference = Reference(row, Cell(cells, _reference));
            var key = (account.Account!, postingYear!.Value, reference);
            var sum = _sums.GetValueOrDefault(key);
            _sums[key] = (sum.Budget + budget.Value, sum.Spent + spent.Value);
            Postings++;
        }

        public List<LedgerBalance> Balances() =>
        [
            .. _sums.OrderBy(s => s.Key.Account, StringComparer.Ordinal).ThenBy(s => s.Key.Year).ThenBy(s => s.Key.Reference, StringComparer.Ordinal)
                .Select(s => new LedgerBalance(s.Key.Account, s.Key.Year, s.Key.Reference, s.Value.Budget, s.Value.Spent)),
        ];

        private static object? Cell(IReadOnlyList<object?> cells, LedgerColumn? column) =>
            column is not null && column.Column < cells.Count ? cells[column.Column] : null;

        /// <summary>The account string as written: the one column, or the parts joined (up to the last part given); null when empty.</summary>
        private string? AccountText(IReadOnlyList<object?> cells)
        {
            if (_account is not null)
            {
                return ImportText.Of(Cell(cells, _account));
            }

            var values = _parts.Select((p, i) => PartText(Cell(cells, p), layout.Parts[i]) ?? string.Empty).ToList();
            var last = values.FindLastIndex(v => v.Length > 0);
            return last < 0 ? null : string.Join(layout.Separator, values.Take(last + 1));
        }

        /// <summary>
        /// A part's cell as text. A workbook may hold a part as a number (the art 4.0 read as 4, 5.10 as 5.1): written with
        /// as many decimals as the part's pattern takes, the fewest first, so 4 becomes "4.0" where the art has one decimal.
        /// </summary>
        private static string? PartText(object? cell, AccountPart part)
        {
            if (cell is not double number || !double.IsFinite(number))
            {
                return ImportText.Of(cell);
            }

            var plain = ImportText.Of(cell)!;
            if (part.Matches(plain))
            {
                return plain;
            }

            return Enumerable.Range(1, 3).Select(d => number.ToString("F" + d, CultureInfo.InvariantCulture)).FirstOrDefault(part.Matches) ?? plain;
        }

        /// <summary>A plan item's code the reference holds, alone or as a word of it; the archived plans' codes are told.</summary>
        private string? Reference(int row, object? cell)
        {
            var text = ImportText.Of(cell);
            if (text is null)
            {
                return null;
            }

            var words = text.Split(_wordBreaks, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (Find(text, words, _codes, _codesOfWords) is { } code)
            {
                return code;
            }

            if (Find(text, words, _archived, _archivedOfWords) is { } archived)
            {
                var plan = references.Archived[archived];
                Add(new ImportProblem(ProblemSeverity.Warning, sheet, row, _reference!.Letter,
                    $"Punktet {archived} findes ikke i planen, men i den arkiverede plan \"{plan}\". Posteringen tæller med på kontoen, men ikke som punktets."));
            }

            return null;
        }

        /// <summary>
        /// The code (as the plan writes it) that the text is, or holds as a word, or, for a code of several words ("KFU 1.2",
        /// "BU 3/1"), holds with no letter or digit either side; the longest such code first.
        /// </summary>
        private static string? Find(string text, string[] words, HashSet<string> codes, string[] codesOfWords)
        {
            if (codes.TryGetValue(text, out var whole))
            {
                return whole;
            }

            foreach (var word in words)
            {
                if (codes.TryGetValue(word.TrimEnd('.'), out var code))
                {
                    return code;
                }
            }

            return codesOfWords.FirstOrDefault(code => HoldsAlone(text, code));
        }

        private static bool HoldsAlone(string text, string code)
        {
            for (var at = text.IndexOf(code, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(code, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                var end = at + code.Length;
                if ((at == 0 || !char.IsLetterOrDigit(text[at - 1])) && (end == text.Length || !char.IsLetterOrDigit(text[end])))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The codes a text's words cannot hold, since they contain a word break: looked for in the whole text.</summary>
        private static string[] OfWords(IEnumerable<string> codes) =>
            [.. codes.Where(c => c.IndexOfAny(_wordBreaks) >= 0).OrderByDescending(c => c.Length)];

        private static bool IsTotal(IReadOnlyList<object?> cells) =>
            cells.OfType<string>().Any(text => TotalWords().IsMatch($" {ImportText.Fold(text)} "));

        private void Refuse(int row, LedgerColumn column, string message)
        {
            Refused++;
            Add(new ImportProblem(ProblemSeverity.Error, sheet, row, column.Letter, message));
        }

        private void Add(ImportProblem problem)
        {
            if (Problems.Count < MaxProblems)
            {
                Problems.Add(problem);
            }
            else
            {
                LeftOut++;
            }
        }
    }

    [GeneratedRegex(@"(?<![0-9])(?<y>20[0-9]{2})(?:0[1-9]|1[0-2])?(?![0-9])")]
    private static partial Regex YearInText();

    [GeneratedRegex(@"\s*(?:kr\.?|dkk)$", RegexOptions.IgnoreCase)]
    private static partial Regex Currency();

    [GeneratedRegex(@"^\s*(?:-|\u2013|\u2014|til)\s*")]
    private static partial Regex PeriodTo();

    [GeneratedRegex(@" (?:i alt|ialt|total|totalt|sum|subtotal|sum i alt) ")]
    private static partial Regex TotalWords();
}
