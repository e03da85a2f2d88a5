using System.Globalization;
using System.Text.RegularExpressions;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.Import;

/// <summary>A row's problem: the column it is in (letter and header), or null for the row as a whole, and a Danish reason.</summary>
public sealed record RowProblem(string? Column, string Message);

/// <summary>
/// Reads one item row into a <see cref="WorkbookItem"/> with the same rules as the item form, or lists every
/// reason the row cannot be imported.
/// </summary>
public sealed partial class ItemRowReader
{
    private static readonly CultureInfo _danish = CultureInfo.GetCultureInfo("da-DK");
    private readonly string sheet;
    private readonly SheetLayout layout;
    private readonly CommitteeMatcher committees;
    private readonly ImportDecisions decisions;
    private readonly AmountUnit _unit;
    private readonly string? sheetCommittee;
    private readonly IReadOnlySet<ImportField> _present;
    private readonly IReadOnlySet<ImportField> _presentWithCommittee;

    /// <param name="sheetCommittee">The committee rows without one get: chosen for the sheet by the user, or the sheet's name.</param>
    internal ItemRowReader(string sheet, SheetLayout layout, ImportDecisions decisions, AmountUnit unit, string? sheetCommittee)
    {
        this.sheet = sheet;
        this.layout = layout;
        this.decisions = decisions;
        committees = decisions.Matcher;
        _unit = unit;
        this.sheetCommittee = sheetCommittee;
        _present = Present(layout);
        _presentWithCommittee = new HashSet<ImportField>(_present) { ImportField.Committee };
    }

    /// <summary>Rows with no committee that got none from the sheet or the user.</summary>
    public int RowsWithoutCommittee { get; private set; }

    /// <summary>Of those, rows whose item number starts with a known committee's code.</summary>
    public int RowsWithCommitteeInNumber { get; private set; }

    public (WorkbookItem? Item, IReadOnlyList<RowProblem> Problems) Read(IReadOnlyList<object?> row, int excelRow, string theme)
    {
        var problems = new List<RowProblem>();

        T Take<T>(ImportField field, Func<object?, CellResult<T>> read, T fallback)
        {
            if (layout.Column(field) is not { } column)
            {
                return fallback;
            }

            var result = read(Cell(row, column.Column));
            if (result.IsOk)
            {
                return result.Value;
            }

            problems.Add(new RowProblem(Name(column), result.Error!));
            return fallback;
        }

        string? Text(ImportField field, int maxLength, bool multiLine = false) =>
            Take(field, cell => CellReaders.Text(cell, field.Name(), maxLength, multiLine), null);

        // A timing written otherwise than as the quarter it becomes ("Ultimo 2026", "2027") is listed in the preview (ADR 0016, 0019).
        Quarter? Timing(ImportField field)
        {
            var quarter = Take(field, CellReaders.Timing, null);
            if (quarter is { } read && layout.Column(field) is { } column && Cell(row, column.Column) is not DateTime
                && ImportText.Of(Cell(row, column.Column)) is { } written && DanishTiming.Rewords(written, read))
            {
                decisions.TimingWord(written, read);
            }

            return quarter;
        }

        var code = Text(ImportField.Code, Limits.CodeLength);
        if (layout.Column(ImportField.Code) is { } codeColumn && code is null && ImportText.Of(Cell(row, codeColumn.Column)) is null)
        {
            problems.Add(new RowProblem(Name(codeColumn), "Nummer mangler."));
        }
        else if (code is not null && !TextRules.IsItemCode(code))
        {
            problems.Add(new RowProblem(Name(layout.Column(ImportField.Code)),
                $"Nummeret \"{CellReaders.Shorten(code)}\" må kun bestå af bogstaver, tal, mellemrum, bindestreg, punktum og skråstreg, fx \"AU-D3\"."));
        }

        var title = Text(ImportField.Title, Limits.TitleLength);
        if (layout.Column(ImportField.Title) is { } titleColumn && title is null && ImportText.Of(Cell(row, titleColumn.Column)) is null)
        {
            problems.Add(new RowProblem(Name(titleColumn), "Titel mangler."));
        }

        var description = Text(ImportField.Description, Limits.DescriptionLength, multiLine: true);
        var kind = Take(ImportField.Kind, CellReaders.Kind, ItemKind.OperatingChange);
        var themeCell = Text(ImportField.Theme, Limits.ThemeNameLength);
        var (committee, committeeDecided) = ResponsibleCommittee(row, code, problems);
        var unit = Text(ImportField.ResponsibleUnit, Limits.ResponsibleUnitLength);
        var crossCutting = Take(ImportField.CrossCutting, CellReaders.Flag, false);
        var med = Take(ImportField.Med, CellReaders.Flag, false);
        var timing = Timing(ImportField.Timing);
        var baseline = Timing(ImportField.BaselineTiming);
        var (treatedBy, meeting) = Treatment(row, committee is { Length: > 0 } ? committee : null, problems);
        var status = Take(ImportField.Status, CellReaders.Status, ItemStatus.NotStarted);
        var health = Take(ImportField.Health, CellReaders.Health, Health.Green);
        var caseNumber = Text(ImportField.CaseNumber, Limits.CaseNumberLength);
        if (caseNumber is not null && !TextRules.IsCaseNumber(caseNumber))
        {
            problems.Add(new RowProblem(Name(layout.Column(ImportField.CaseNumber)),
                $"Sagsnummeret \"{CellReaders.Shorten(caseNumber)}\" skal skrives som år/løbenummer, fx \"24/12780\"."));
        }

        var notes = Text(ImportField.Notes, Limits.NotesLength, multiLine: true);
        var amounts = new Dictionary<int, int>();
        foreach (var column in layout.AmountColumns)
        {
            var amount = AmountUnits.Read(Cell(row, column.Column), _unit);
            if (!amount.IsOk)
            {
                problems.Add(new RowProblem(Name(column), amount.Error!));
                continue;
            }

            if (amount.RoundedFrom is { } exact)
            {
                decisions.Rounded(new ImportProblem(ProblemSeverity.Warning, sheet, excelRow, Name(column),
                    $"{exact.ToString("#,0.########", _danish)} {_unit.Name()} er ikke hele tusinder og er afrundet til {Amounts.Format(amount.Value)} (1.000 kr.)."));
            }

            if (amount.Value != 0)
            {
                amounts[column.Year!.Value] = amount.Value;
            }
        }

        if (status == ItemStatus.ReadyForPoliticalTreatment && treatedBy is null && layout.Column(ImportField.Status) is { } statusColumn)
        {
            problems.Add(new RowProblem(Name(statusColumn),
                $"Status \"{ItemStatus.ReadyForPoliticalTreatment.Name()}\" kræver, at det er angivet, hvilket udvalg der behandler punktet (kolonnen {ImportField.Treatment.Name()})."));
        }

        if (problems.Count > 0 || code is null || title is null || committee is null)
        {
            return (null, problems);
        }

        return (new WorkbookItem
        {
            Sheet = sheet,
            Row = excelRow,
            Code = code,
            Title = title,
            Description = description,
            Kind = kind,
            Theme = themeCell ?? theme,
            Committee = committee,
            ResponsibleUnit = unit,
            IsCrossCutting = crossCutting,
            RequiresMedInvolvement = med,
            Timing = timing,
            BaselineTiming = baseline,
            TreatmentCommittee = treatedBy,
            TreatmentMeeting = meeting,
            Status = status,
            Health = health,
            CaseNumber = caseNumber,
            Notes = notes,
            Amounts = amounts,
            Present = committeeDecided ? _presentWithCommittee : _present,
        }, problems);
    }

    internal static object? Cell(IReadOnlyList<object?> row, int column) =>
        column < row.Count && row[column] is not string { Length: 0 } ? row[column] : null;

    internal static string? Name(ColumnMapping? column) => column is null ? null : $"{column.Letter} ({column.Header})";

    /// <summary>
    /// The responsible committee's short code, and whether the workbook (its column, the sheet, or the user's choice for the
    /// sheet or the item number) decides it. An existing item the workbook names no committee for keeps its own ("", false);
    /// a new one is refused, with what the user can do about it.
    /// </summary>
    private (string? Code, bool Decided) ResponsibleCommittee(IReadOnlyList<object?> row, string? code, List<RowProblem> problems)
    {
        var column = layout.Column(ImportField.Committee);
        var read = column is null ? CellResult<string?>.Ok(null) : CellReaders.Text(Cell(row, column.Column), "Udvalget", Limits.CommitteeNameLength);
        if (!read.IsOk)
        {
            problems.Add(new RowProblem(Name(column), read.Error!));
            return (null, false);
        }

        if (read.Value is { } text)
        {
            return (Committee(text, column, problems), true);
        }

        if (sheetCommittee is not null)
        {
            return (sheetCommittee, true);
        }

        var fromNumber = code is null ? null : committees.FromCode(code);
        if (decisions.CommitteeFromNumber && fromNumber is not null)
        {
            return (fromNumber.ShortCode, true);
        }

        if (code is not null && decisions.IsExisting(code))
        {
            return (string.Empty, false);
        }

        RowsWithoutCommittee++;
        if (fromNumber is not null)
        {
            RowsWithCommitteeInNumber++;
        }

        var what = column is null ? $"Arket \"{sheet}\" har ingen kolonne med udvalg, og rækken har intet udvalg." : "Udvalg mangler.";
        var hint = fromNumber is null
            ? $" Vælg udvalget for arket \"{sheet}\" i forhåndsvisningen, eller skriv det i filen."
            : $" Vælg udvalget for arket \"{sheet}\", eller bekræft i forhåndsvisningen, at udvalget tages fra nummeret (her {fromNumber.ShortCode}).";
        problems.Add(new RowProblem(Name(column), what + hint));
        return (null, false);
    }

    private string? Committee(string text, ColumnMapping? column, List<RowProblem> problems)
    {
        if (committees.Find(text) is { } known)
        {
            return known.ShortCode;
        }

        var (created, error) = decisions.NewCommittee(text);
        if (error is not null)
        {
            problems.Add(new RowProblem(Name(column), error));
        }

        return created;
    }

    /// <summary>"ØU 15.05.2025", "ØU 15. maj 2025", "AU", or a date alone (then the responsible committee treats it).</summary>
    private (string? Committee, DateOnly? Meeting) Treatment(IReadOnlyList<object?> row, string? responsible, List<RowProblem> problems)
    {
        if (layout.Column(ImportField.Treatment) is not { } column)
        {
            return (null, null);
        }

        var cell = Cell(row, column.Column);
        switch (cell)
        {
            case null:
                return (null, null);
            case DateTime date:
                return (responsible, DateOnly.FromDateTime(date));
            case double serial when serial == Math.Floor(serial) && serial is > 36_000 and < 60_000:
                // A date Excel shows without a date format: days since 1899-12-30.
                return (responsible, DateOnly.FromDateTime(DateTime.FromOADate(serial)));
        }

        var read = CellReaders.Text(cell, ImportField.Treatment.Name(), Limits.CommitteeNameLength + 30);
        if (!read.IsOk || read.Value is null)
        {
            if (!read.IsOk)
            {
                problems.Add(new RowProblem(Name(column), read.Error!));
            }

            return (null, null);
        }

        var text = read.Value;
        var found = DanishDate.Find(text);
        var rest = found is { } at ? text.Remove(at.Index, at.Length) : text;
        rest = TrailingWords().Replace(rest, string.Empty).Trim(' ', ',', ';', ':', '-', '–', '(', ')');
        if (rest.Length == 0)
        {
            return found is null ? (null, null) : (responsible, found.Value.Date);
        }

        if (committees.Find(rest) is null && rest.Any(char.IsDigit))
        {
            problems.Add(new RowProblem(Name(column),
                $"\"{CellReaders.Shorten(text)}\" kan ikke læses som politisk behandling. Skriv udvalget og evt. mødedatoen, fx \"ØU 15.05.2025\"."));
            return (null, null);
        }

        return (Committee(rest, column, problems), found?.Date);
    }

    private static IReadOnlySet<ImportField> Present(SheetLayout layout)
    {
        var present = layout.Columns.Select(c => c.Field).Where(f => f != ImportField.Ignore).ToHashSet();
        present.Add(ImportField.Code);
        present.Add(ImportField.Title);
        present.Add(ImportField.Theme);
        return present;
    }

    [GeneratedRegex(@"\s+(?:den|d\.|mødet|modet|møde)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingWords();
}
