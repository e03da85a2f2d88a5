using System.Text.RegularExpressions;

namespace Udmoentning.Domain.Import;

/// <summary>
/// Reads a workbook into items, themes and problems: finds the sheet and its header row, follows main-theme heading
/// rows, stops at the total row, and checks every item row with the item form's rules. Writes nothing; never throws
/// for anything a cell holds.
/// </summary>
public static partial class WorkbookAnalyzer
{
    /// <summary>The theme of items that come before any main-theme heading in a sheet without a theme column.</summary>
    public const string OtherTheme = "Øvrige punkter";

    private static readonly string[] _totalWords = ["i alt", "ialt", "total", "totalt", "sum", "samlet", "hovedtotal"];

    public static ImportAnalysis Analyze(
        WorkbookData workbook,
        IReadOnlyList<KnownCommittee> committees,
        IReadOnlyList<(string Committee, DateOnly Date)> knownMeetings,
        ImportOptions options)
    {
        var problems = new List<ImportProblem>();
        var (sheet, layout) = ChooseSheet(workbook, options, problems);
        if (sheet is null)
        {
            return Empty(options.Sheet ?? string.Empty, problems);
        }

        foreach (var other in workbook.Sheets.Where(s => !ReferenceEquals(s, sheet)))
        {
            problems.Add(new ImportProblem(ProblemSeverity.Info, other.Name, null, null, $"Arket \"{other.Name}\" er ikke læst."));
        }

        if (layout is null)
        {
            problems.Add(new ImportProblem(ProblemSeverity.Error, sheet.Name, null, null,
                $"Overskriftsrækken blev ikke fundet i arket \"{sheet.Name}\". Den skal ligge i de første {SheetLayout.ScannedRows} rækker " +
                "og have mindst tre kolonner, fx \"Nr.\", \"Titel\" og \"Udvalg\"."));
            return Empty(sheet.Name, problems);
        }

        layout = Resolve(sheet.Name, layout, options.Corrections, problems);
        var rowsAbove = sheet.Rows.Take(layout.HeaderIndex).ToList();
        var reading = new SheetReading(sheet, layout, new CommitteeMatcher(committees), options, problems);
        reading.ReadRows();

        var knownMeetingKeys = knownMeetings.Select(m => (m.Committee.ToUpperInvariant(), m.Date)).ToHashSet();
        var newMeetings = reading.Items
            .Where(i => i.TreatmentCommittee is not null && i.TreatmentMeeting is not null)
            .Select(i => (Committee: i.TreatmentCommittee!, Date: i.TreatmentMeeting!.Value))
            .Distinct()
            .Where(m => !knownMeetingKeys.Contains((m.Committee.ToUpperInvariant(), m.Date)))
            .OrderBy(m => m.Committee, StringComparer.Ordinal).ThenBy(m => m.Date)
            .ToList();

        return new ImportAnalysis
        {
            Sheet = sheet.Name,
            HeaderRow = layout.HeaderRow,
            Columns = layout.Columns,
            Items = reading.Items,
            RefusedRows = reading.RefusedRows,
            Problems = problems,
            Themes = reading.Themes,
            BudgetYears = [.. layout.AmountColumns.Select(c => c.Year!.Value).Order()],
            NewCommittees = reading.Committees.Proposed,
            NewMeetings = newMeetings,
            SuggestedPlanName = TitleLines.PlanName(rowsAbove),
            SuggestedAdoptedOn = TitleLines.AdoptedOn(rowsAbove),
        };
    }

    private static (WorkbookSheet? Sheet, SheetLayout? Layout) ChooseSheet(WorkbookData workbook, ImportOptions options, List<ImportProblem> problems)
    {
        if (workbook.Sheets.Count == 0)
        {
            problems.Add(new ImportProblem(ProblemSeverity.Error, string.Empty, null, null, "Projektmappen har ingen ark."));
            return (null, null);
        }

        if (options.Sheet is not null)
        {
            var chosen = workbook.Sheets.FirstOrDefault(s => s.Name == options.Sheet);
            if (chosen is null)
            {
                problems.Add(new ImportProblem(ProblemSeverity.Error, options.Sheet, null, null,
                    $"Arket \"{options.Sheet}\" findes ikke i projektmappen. Den har: {string.Join(", ", workbook.Sheets.Select(s => $"\"{s.Name}\""))}."));
                return (null, null);
            }

            return (chosen, SheetLayout.Find(chosen));
        }

        var best = workbook.Sheets
            .Select(sheet => (Sheet: sheet, Layout: SheetLayout.Find(sheet)))
            .OrderByDescending(s => s.Layout?.Score ?? -1)
            .First();
        return best;
    }

    /// <summary>Applies the user's corrections, then keeps one column per field (corrections first, then leftmost).</summary>
    private static SheetLayout Resolve(string sheet, SheetLayout layout, IReadOnlyList<ColumnMapping> corrections, List<ImportProblem> problems)
    {
        var byColumn = layout.Columns.ToDictionary(c => c.Column);
        var corrected = new HashSet<int>();
        foreach (var correction in corrections.Where(c => c.Column >= 0))
        {
            var header = byColumn.TryGetValue(correction.Column, out var guessed) ? guessed.Header : correction.Header;
            var field = correction.Field == ImportField.Amount && correction.Year is not (>= Limits.EarliestYear and <= Limits.LatestYear)
                ? ImportField.Ignore
                : correction.Field;
            byColumn[correction.Column] = correction with { Header = header, Field = field };
            corrected.Add(correction.Column);
        }

        var taken = new Dictionary<(ImportField, int?), ColumnMapping>();
        var result = new List<ColumnMapping>();
        foreach (var column in byColumn.Values.OrderBy(c => corrected.Contains(c.Column) ? 0 : 1).ThenBy(c => c.Column))
        {
            var key = (column.Field, column.Field == ImportField.Amount ? column.Year : null);
            if (column.Field != ImportField.Ignore && taken.TryGetValue(key, out var first))
            {
                problems.Add(new ImportProblem(ProblemSeverity.Warning, sheet, layout.HeaderRow, ItemRowReader.Name(column),
                    $"Kolonne {column.Letter} ({column.Header}) ligner også {Describe(column)}, men kolonne {first.Letter} ({first.Header}) bruges. Kolonne {column.Letter} er ikke læst."));
                result.Add(column with { Field = ImportField.Ignore, Year = null });
                continue;
            }

            taken[key] = column;
            result.Add(column);
        }

        var resolved = new SheetLayout(layout.HeaderIndex, [.. result.OrderBy(c => c.Column)]);
        foreach (var required in new[] { ImportField.Code, ImportField.Title })
        {
            if (resolved.Column(required) is null)
            {
                problems.Add(new ImportProblem(ProblemSeverity.Error, sheet, layout.HeaderRow, null,
                    $"Arket har ingen kolonne med {required.Name().ToLowerInvariant()}. Vælg, hvilken kolonne der har {required.Name().ToLowerInvariant()}et."));
            }
        }

        return resolved;
    }

    private static string Describe(ColumnMapping column) =>
        column.Field == ImportField.Amount ? $"beløb for {column.Year}" : $"\"{column.Field.Name()}\"";

    private static ImportAnalysis Empty(string sheet, List<ImportProblem> problems) => new()
    {
        Sheet = sheet,
        HeaderRow = 0,
        Columns = [],
        Items = [],
        RefusedRows = [],
        Problems = problems,
        Themes = [],
        BudgetYears = [],
        NewCommittees = [],
        NewMeetings = [],
    };

    /// <summary>Reads the rows below the header of one sheet.</summary>
    private sealed class SheetReading(
        WorkbookSheet sheet,
        SheetLayout layout,
        CommitteeMatcher committees,
        ImportOptions options,
        List<ImportProblem> problems)
    {
        private readonly ItemRowReader _reader = new(sheet.Name, layout, committees, options.CreateMissingCommittees);
        private readonly HashSet<int> _mapped = [.. layout.Columns.Where(c => c.Field != ImportField.Ignore).Select(c => c.Column)];
        private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
        private readonly List<string> _themes = [];
        private string? _theme;
        private bool _warnedOther;

        public CommitteeMatcher Committees => committees;

        public List<WorkbookItem> Items { get; } = [];

        public List<int> RefusedRows { get; } = [];

        public IReadOnlyList<string> Themes => _themes;

        public void ReadRows()
        {
            for (var r = layout.HeaderIndex + 1; r < sheet.Rows.Count; r++)
            {
                var row = sheet.Rows[r];
                var excelRow = r + 1;
                try
                {
                    if (!ReadRow(row, excelRow))
                    {
                        var next = sheet.Rows.Skip(r + 1).Select((rest, n) => (rest, n)).FirstOrDefault(x => HasContent(x.rest));
                        if (next.rest is not null)
                        {
                            Add(ProblemSeverity.Info, excelRow + 1 + next.n, null, "Rækkerne efter totalrækken er ikke læst.");
                        }

                        return;
                    }
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    // A last guard: a row the rules did not foresee is refused, not the whole workbook.
                    Add(ProblemSeverity.Error, excelRow, null, "Rækken kunne ikke læses.");
                    RefusedRows.Add(excelRow);
                }
            }
        }

        /// <summary>Reads one row; false at the total row, after which nothing more is read.</summary>
        private bool ReadRow(IReadOnlyList<object?> row, int excelRow)
        {
            if (!HasContent(row))
            {
                return true;
            }

            if (!row.Select((cell, c) => (cell, c)).Any(x => _mapped.Contains(x.c) && ImportText.Of(x.cell) is not null))
            {
                Add(ProblemSeverity.Info, excelRow, null, "Rækken har kun indhold i kolonner, der ikke læses, og er sprunget over.");
                return true;
            }

            var code = Text(row, ImportField.Code);
            var title = Text(row, ImportField.Title);
            var hasAmounts = layout.AmountColumns.Any(c => ImportText.Of(ItemRowReader.Cell(row, c.Column)) is not null);
            if (TotalKind(code, title, hasAmounts) is { } total)
            {
                Add(ProblemSeverity.Info, excelRow, null, total == Total.Sub
                    ? "Rækken er en sum og er ikke læst som et punkt."
                    : "Rækken er totalrækken og er ikke læst som et punkt.");
                return total == Total.Sub;
            }

            if (!hasAmounts && HeadingText(row) is { } heading && (code is null || (code == heading && !LooksLikeANumber(heading))))
            {
                StartTheme(heading, excelRow);
                return true;
            }

            ReadItem(row, excelRow, code);
            return true;
        }

        private void ReadItem(IReadOnlyList<object?> row, int excelRow, string? code)
        {
            var themeColumn = layout.Column(ImportField.Theme);
            var themeInRow = themeColumn is null ? null : ImportText.Of(ItemRowReader.Cell(row, themeColumn.Column));
            if (themeInRow is null && _theme is null)
            {
                _theme = OtherTheme;
                if (!_warnedOther)
                {
                    _warnedOther = true;
                    Add(ProblemSeverity.Warning, excelRow, null,
                        $"Punkterne før den første hovedpunktsrække placeres under \"{OtherTheme}\".");
                }
            }

            var (item, rowProblems) = _reader.Read(row, excelRow, _theme ?? OtherTheme);
            var duplicateOf = code is not null && _codes.TryGetValue(code, out var firstRow) ? firstRow : (int?)null;
            if (duplicateOf is { } earlier)
            {
                rowProblems = [.. rowProblems, new RowProblem(ItemRowReader.Name(layout.Column(ImportField.Code)),
                    $"Nummeret \"{code}\" står både i række {earlier} og række {excelRow}. Række {excelRow} er ikke læst.")];
            }
            else if (code is not null)
            {
                _codes[code] = excelRow;
            }

            foreach (var problem in rowProblems)
            {
                Add(ProblemSeverity.Error, excelRow, problem.Column, problem.Message);
            }

            if (item is null || rowProblems.Count > 0)
            {
                RefusedRows.Add(excelRow);
                return;
            }

            Items.Add(item);
            AddTheme(item.Theme);
        }

        private void StartTheme(string heading, int excelRow)
        {
            var name = Numbering().Replace(heading, string.Empty).Trim();
            var read = CellReaders.Text(name.Length == 0 ? heading : name, "Hovedpunktet", Limits.ThemeNameLength);
            if (!read.IsOk)
            {
                Add(ProblemSeverity.Error, excelRow, null, read.Error!);
                RefusedRows.Add(excelRow);
                _theme = CellReaders.Shorten(heading);
                return;
            }

            _theme = read.Value!;
            AddTheme(_theme);
        }

        private void AddTheme(string theme)
        {
            if (!_themes.Contains(theme, StringComparer.Ordinal))
            {
                _themes.Add(theme);
            }
        }

        /// <summary>The row's one text when its non-empty cells hold a single text (merged cells may repeat it), with a letter in it.</summary>
        private static string? HeadingText(IReadOnlyList<object?> row)
        {
            var texts = row.Select(ImportText.Of).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            return texts.Count == 1 && row.Any(cell => cell is string) && texts[0].Any(char.IsLetter) ? texts[0] : null;
        }

        /// <summary>
        /// Merged heading rows often start in the number column. Item numbers ("AU-D3", "BUU A301") have digits and no
        /// small letters; headings ("1. Økonomisk politik", "PARTNERSKABER") have small letters or, after their numbering, no digits.
        /// </summary>
        private static bool LooksLikeANumber(string text)
        {
            var unnumbered = Numbering().Replace(text, string.Empty);
            return !unnumbered.Any(char.IsLower) && unnumbered.Any(char.IsDigit);
        }

        private static Total? TotalKind(string? code, string? title, bool hasAmounts)
        {
            foreach (var text in new[] { code, title })
            {
                var folded = ImportText.Fold(text);
                var word = _totalWords.FirstOrDefault(w => folded == w || folded.StartsWith(w + " ", StringComparison.Ordinal));
                if (word is null || (text == title && code is not null))
                {
                    continue;
                }

                var rest = folded[word.Length..].Trim();
                return rest.Length == 0 || word == "hovedtotal" || rest is "1 000 kr" or "kr" ? Total.Grand : Total.Sub;
            }

            return code is null && title is null && hasAmounts ? Total.Grand : null;
        }

        private string? Text(IReadOnlyList<object?> row, ImportField field) =>
            layout.Column(field) is { } column ? ImportText.Of(ItemRowReader.Cell(row, column.Column)) : null;

        private static bool HasContent(IReadOnlyList<object?> row) => row.Any(cell => ImportText.Of(cell) is not null);

        private void Add(ProblemSeverity severity, int row, string? column, string message) =>
            problems.Add(new ImportProblem(severity, sheet.Name, row, column, message));
    }

    private enum Total
    {
        Sub,
        Grand,
    }

    [GeneratedRegex(@"^\s*[0-9]{1,2}\s*[.)]\s*")]
    private static partial Regex Numbering();
}
