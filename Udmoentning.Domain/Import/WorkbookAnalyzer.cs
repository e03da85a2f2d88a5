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

    /// <param name="existingCodes">For an update: the plan's item numbers. Such an item keeps its committee when the workbook names none.</param>
    /// <param name="knownThemes">For an update: the plan's main themes. A sheet named after one gives it to rows without a theme.</param>
    public static ImportAnalysis Analyze(
        WorkbookData workbook,
        IReadOnlyList<KnownCommittee> committees,
        IReadOnlyList<(string Committee, DateOnly Date)> knownMeetings,
        ImportOptions options,
        IReadOnlyCollection<string>? existingCodes = null,
        IReadOnlyCollection<string>? knownThemes = null)
    {
        var problems = new List<ImportProblem>();
        if (workbook.Sheets.Count == 0)
        {
            problems.Add(new ImportProblem(ProblemSeverity.Error, string.Empty, null, null, "Projektmappen har ingen ark."));
            return Empty(options.Sheet ?? string.Empty, problems);
        }

        var layouts = workbook.Sheets.Select(sheet => (Sheet: sheet, Layout: SheetLayout.Find(sheet))).ToList();
        var chosen = ChooseSheets(layouts, options, problems);
        if (chosen.Count == 0)
        {
            return Empty(options.Sheet ?? string.Empty, problems) with { Sheets = [.. layouts.Select(l => Summary(l.Sheet, l.Layout, read: false))] };
        }

        foreach (var other in workbook.Sheets.Where(s => !chosen.Any(c => ReferenceEquals(c.Sheet, s))))
        {
            problems.Add(new ImportProblem(ProblemSeverity.Info, other.Name, null, null, $"Arket \"{other.Name}\" er ikke læst."));
        }

        var decisions = new ImportDecisions(committees, options, existingCodes);
        var state = new ReadingState();
        var summaries = new Dictionary<string, SheetSummary>(StringComparer.Ordinal);
        SheetLayout? firstLayout = null;
        WorkbookSheet? firstSheet = null;
        var years = new SortedSet<int>();
        foreach (var (sheet, found) in chosen)
        {
            if (found is null)
            {
                problems.Add(new ImportProblem(ProblemSeverity.Error, sheet.Name, null, null,
                    $"Overskriftsrækken blev ikke fundet i arket \"{sheet.Name}\". Den skal ligge i de første {SheetLayout.ScannedRows} rækker " +
                    "og have mindst tre kolonner, fx \"Nr.\", \"Titel\" og \"Udvalg\"."));
                summaries[sheet.Name] = Summary(sheet, null, read: true);
                continue;
            }

            var layout = Resolve(sheet.Name, found, [.. options.Corrections.Where(c => c.Sheet is null || c.Sheet == sheet.Name)], problems);
            firstLayout ??= layout;
            firstSheet ??= sheet;
            years.UnionWith(layout.AmountColumns.Select(c => c.Year!.Value));

            var unit = Unit(sheet, layout, options, problems);
            var (sheetCommittee, fromName) = SheetCommittee(sheet.Name, options, decisions.Matcher);
            var sheetTheme = fromName ? null : SheetTheme(sheet.Name, knownThemes);
            var itemsBefore = state.Items.Count;
            var refusedBefore = state.RefusedRows.Count;
            var reading = new SheetReading(sheet, layout, new ItemRowReader(sheet.Name, layout, decisions, unit.Unit, sheetCommittee), state, sheetTheme, problems);
            reading.ReadRows();
            summaries[sheet.Name] = Summary(sheet, layout, read: true) with
            {
                Columns = layout.Columns,
                Items = state.Items.Count - itemsBefore,
                Refused = state.RefusedRows.Count - refusedBefore,
                Committee = sheetCommittee,
                CommitteeFromName = fromName,
                Theme = sheetTheme,
                RowsWithoutCommittee = reading.Reader.RowsWithoutCommittee,
                RowsWithCommitteeInNumber = reading.Reader.RowsWithCommitteeInNumber,
                Unit = unit.Unit,
                UnitStatedIn = unit.StatedIn,
                UnitUnanswered = unit.Unanswered,
            };
        }

        problems.AddRange(decisions.RoundingWarnings);
        var knownMeetingKeys = knownMeetings.Select(m => (m.Committee.ToUpperInvariant(), m.Date)).ToHashSet();
        var newMeetings = state.Items
            .Where(i => i.TreatmentCommittee is not null && i.TreatmentMeeting is not null)
            .Select(i => (Committee: i.TreatmentCommittee!, Date: i.TreatmentMeeting!.Value))
            .Distinct()
            .Where(m => !knownMeetingKeys.Contains((m.Committee.ToUpperInvariant(), m.Date)))
            .OrderBy(m => m.Committee, StringComparer.Ordinal).ThenBy(m => m.Date)
            .ToList();
        var used = state.Items.SelectMany(i => new[] { i.Committee, i.TreatmentCommittee }).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var rowsAbove = firstSheet is null || firstLayout is null ? [] : firstSheet.Rows.Take(firstLayout.HeaderIndex).ToList();

        return new ImportAnalysis
        {
            Sheet = string.Join(", ", chosen.Select(c => c.Sheet.Name)),
            HeaderRow = firstLayout?.HeaderRow ?? 0,
            Columns = firstLayout?.Columns ?? [],
            Items = state.Items,
            RefusedRows = state.RefusedRows,
            Problems = problems,
            Themes = state.Themes,
            BudgetYears = [.. years],
            NewCommittees = [.. decisions.Matcher.Proposed.Where(p => !decisions.IsAlias(p.Name))],
            CommitteesToCreate = [.. decisions.Created.Where(c => used.Contains(c.ShortCode))],
            CommitteeErrors = decisions.Errors,
            NewMeetings = newMeetings,
            Sheets = [.. layouts.Select(l => summaries.GetValueOrDefault(l.Sheet.Name) ?? Summary(l.Sheet, l.Layout, read: false))],
            TimingWords = decisions.TimingWords,
            RoundedAmounts = decisions.RoundingWarnings.Count,
            SuggestedPlanName = TitleLines.PlanName(rowsAbove),
            SuggestedAdoptedOn = TitleLines.AdoptedOn(rowsAbove),
        };
    }

    /// <summary>
    /// The sheets to read: the one named by <see cref="ImportOptions.Sheet"/>, else those in <see cref="ImportOptions.Sheets"/>,
    /// else every sheet with a recognised header row, else (to say why nothing is read) the sheet that comes closest.
    /// </summary>
    private static List<(WorkbookSheet Sheet, SheetLayout? Layout)> ChooseSheets(
        List<(WorkbookSheet Sheet, SheetLayout? Layout)> layouts, ImportOptions options, List<ImportProblem> problems)
    {
        var names = options.Sheet is not null ? [options.Sheet] : options.Sheets;
        if (names is null)
        {
            var items = layouts.Where(l => l.Layout is not null).ToList();
            return items.Count > 0 ? items : [layouts.OrderByDescending(l => l.Layout?.Score ?? -1).First()];
        }

        foreach (var missing in names.Where(n => !layouts.Any(l => l.Sheet.Name == n)))
        {
            problems.Add(new ImportProblem(ProblemSeverity.Error, missing, null, null,
                $"Arket \"{missing}\" findes ikke i projektmappen. Den har: {string.Join(", ", layouts.Select(l => $"\"{l.Sheet.Name}\""))}."));
        }

        var chosen = layouts.Where(l => names.Contains(l.Sheet.Name)).ToList();
        if (chosen.Count == 0 && names.Count == 0)
        {
            problems.Add(new ImportProblem(ProblemSeverity.Error, string.Empty, null, null, "Vælg mindst ét ark, der skal læses."));
        }

        return chosen;
    }

    private static SheetSummary Summary(WorkbookSheet sheet, SheetLayout? layout, bool read) => new()
    {
        Name = sheet.Name,
        LooksLikeItems = layout is not null,
        Read = read,
        HeaderRow = layout?.HeaderRow ?? 0,
        Columns = layout?.Columns ?? [],
    };

    /// <summary>The user's committee for the sheet, else the committee the sheet is named after ("AU", "Arbejdsmarkedsudvalget").</summary>
    private static (string? Committee, bool FromName) SheetCommittee(string sheet, ImportOptions options, CommitteeMatcher committees)
    {
        if (options.SheetCommittees.TryGetValue(sheet, out var chosen) && committees.Find(chosen) is { } picked)
        {
            return (picked.ShortCode, false);
        }

        return committees.Find(sheet) is { } named ? (named.ShortCode, true) : (null, false);
    }

    /// <summary>A sheet named after a main theme: one the plan has, or a numbered heading ("3. Sociale investeringer").</summary>
    private static string? SheetTheme(string sheet, IReadOnlyCollection<string>? knownThemes)
    {
        if (knownThemes?.FirstOrDefault(t => string.Equals(ImportText.Fold(t), ImportText.Fold(sheet), StringComparison.Ordinal)) is { } theme)
        {
            return theme;
        }

        var unnumbered = Numbering().Replace(sheet, string.Empty).Trim();
        return unnumbered.Length > 0 && unnumbered.Length < sheet.Trim().Length && unnumbered.Any(char.IsLetter) ? unnumbered : null;
    }

    /// <summary>
    /// The unit of the sheet's amounts: stated in an amount header, else in a title line, else the user's choice, else
    /// 1.000 kr. — unless the amounts look like whole kroner: then the user must choose, and nothing is imported until they do.
    /// </summary>
    private static (AmountUnit Unit, string? StatedIn, bool Unanswered) Unit(WorkbookSheet sheet, SheetLayout layout, ImportOptions options, List<ImportProblem> problems)
    {
        var inHeaders = layout.AmountColumns.Select(c => (Column: c, Unit: AmountUnits.Stated(c.Header))).Where(x => x.Unit is not null).ToList();
        if (inHeaders.Select(x => x.Unit).Distinct().Count() > 1)
        {
            problems.Add(new ImportProblem(ProblemSeverity.Error, sheet.Name, layout.HeaderRow, null,
                $"Beløbskolonnerne har forskellige enheder ({string.Join(", ", inHeaders.Select(x => $"{x.Column.Letter}: {x.Unit!.Value.Name()}"))}). Ret overskrifterne, så alle beløb har samme enhed."));
        }

        if (inHeaders.Count > 0)
        {
            return (inHeaders[0].Unit!.Value, $"overskriften \"{inHeaders[0].Column.Header}\"", false);
        }

        foreach (var row in sheet.Rows.Take(layout.HeaderIndex))
        {
            var line = string.Join(" ", row.Select(ImportText.Of).OfType<string>().Distinct());
            if (AmountUnits.Stated(line) is { } stated)
            {
                return (stated, $"titellinjen \"{CellReaders.Shorten(line)}\"", false);
            }
        }

        if (options.Unit is { } chosen)
        {
            return (chosen, null, false);
        }

        var amounts = sheet.Rows.Skip(layout.HeaderIndex + 1)
            .SelectMany(row => layout.AmountColumns.Select(c => AmountUnits.Raw(ItemRowReader.Cell(row, c.Column))))
            .OfType<decimal>().ToList();
        if (!AmountUnits.LooksLikeKroner(amounts))
        {
            return (AmountUnit.Thousands, null, false);
        }

        problems.Add(new ImportProblem(ProblemSeverity.Error, sheet.Name, null, null,
            $"Arket \"{sheet.Name}\" siger ikke, om beløbene er i kr. eller 1.000 kr., og de ligner hele kroner (de fleste er hele tusinder på mindst 100.000). Vælg enheden under \"Beløbenes enhed\"; intet importeres, før den er valgt."));
        return (AmountUnit.Thousands, null, true);
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

    /// <summary>What the sheets read so far have given: one list of items, one set of numbers, one list of themes.</summary>
    private sealed class ReadingState
    {
        public List<WorkbookItem> Items { get; } = [];

        public List<int> RefusedRows { get; } = [];

        public Dictionary<string, (string Sheet, int Row)> Codes { get; } = new(StringComparer.Ordinal);

        public List<string> Themes { get; } = [];
    }

    /// <summary>Reads the rows below the header of one sheet.</summary>
    private sealed class SheetReading(
        WorkbookSheet sheet,
        SheetLayout layout,
        ItemRowReader reader,
        ReadingState state,
        string? sheetTheme,
        List<ImportProblem> problems)
    {
        private readonly HashSet<int> _mapped = [.. layout.Columns.Where(c => c.Field != ImportField.Ignore).Select(c => c.Column)];
        private string? _theme = sheetTheme;
        private bool _warnedOther;

        public ItemRowReader Reader => reader;

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
                    state.RefusedRows.Add(excelRow);
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

            var (item, rowProblems) = reader.Read(row, excelRow, _theme ?? OtherTheme);
            if (code is not null && state.Codes.TryGetValue(code, out var earlier))
            {
                var where = earlier.Sheet == sheet.Name ? $"række {earlier.Row}" : $"arket \"{earlier.Sheet}\" række {earlier.Row}";
                rowProblems = [.. rowProblems, new RowProblem(ItemRowReader.Name(layout.Column(ImportField.Code)),
                    $"Nummeret \"{code}\" står både i {where} og række {excelRow}. Række {excelRow} er ikke læst.")];
            }
            else if (code is not null)
            {
                state.Codes[code] = (sheet.Name, excelRow);
            }

            foreach (var problem in rowProblems)
            {
                Add(ProblemSeverity.Error, excelRow, problem.Column, problem.Message);
            }

            if (item is null || rowProblems.Count > 0)
            {
                state.RefusedRows.Add(excelRow);
                return;
            }

            state.Items.Add(item);
            AddTheme(item.Theme);
        }

        private void StartTheme(string heading, int excelRow)
        {
            var name = Numbering().Replace(heading, string.Empty).Trim();
            var read = CellReaders.Text(name.Length == 0 ? heading : name, "Hovedpunktet", Limits.ThemeNameLength);
            if (!read.IsOk)
            {
                Add(ProblemSeverity.Error, excelRow, null, read.Error!);
                state.RefusedRows.Add(excelRow);
                _theme = CellReaders.Shorten(heading);
                return;
            }

            _theme = read.Value!;
            AddTheme(_theme);
        }

        private void AddTheme(string theme)
        {
            if (!state.Themes.Contains(theme, StringComparer.Ordinal))
            {
                state.Themes.Add(theme);
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
