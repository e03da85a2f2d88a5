using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;

namespace Udmoentning.Domain.Import;

/// <summary>What a workbook column holds. <see cref="Amount"/> columns carry a budget year.</summary>
public enum ImportField
{
    Ignore = 0,
    Code,
    Title,
    Description,
    Kind,
    Theme,
    Committee,
    ResponsibleUnit,
    CrossCutting,
    Med,
    Timing,
    BaselineTiming,
    Treatment,
    Status,
    Health,
    CaseNumber,
    Notes,
    Amount,
}

/// <summary>How one column of the header row is read; the user may correct it in the preview.</summary>
public sealed record ColumnMapping(int Column, string Header, ImportField Field, int? Year = null)
{
    /// <summary>As a correction: the sheet it applies to; null applies it to every sheet read.</summary>
    public string? Sheet { get; init; }

    /// <summary>The column as Excel names it: A, B, ..., AA.</summary>
    public string Letter => ColumnLetters.Of(Column);
}

public static class ColumnLetters
{
    /// <summary>0 → "A", 25 → "Z", 26 → "AA".</summary>
    public static string Of(int column)
    {
        var letters = string.Empty;
        for (var n = column + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}

/// <summary>The cells of one sheet as read: Rows[r][c] is Excel row r+1, column c (A = 0). Values are string, double, bool, DateTime or null.</summary>
public sealed record WorkbookSheet(string Name, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>A workbook as read from an .xlsx file: its sheets in order.</summary>
public sealed record WorkbookData(IReadOnlyList<WorkbookSheet> Sheets);

public enum ProblemSeverity
{
    /// <summary>The row cannot be imported as it is.</summary>
    Error,

    /// <summary>The row is imported, but the user should know (e.g. an item placed under "Øvrige punkter").</summary>
    Warning,

    /// <summary>Something that was read and deliberately not imported (a total row, a notes sheet).</summary>
    Info,
}

/// <summary>A problem found in the workbook, with where it is and a Danish reason.</summary>
public sealed record ImportProblem(ProblemSeverity Severity, string Sheet, int? Row, string? Column, string Message);

/// <summary>A committee named in the workbook that the municipality does not have: <paramref name="Name"/> as the workbook writes it, and a suggested short code.</summary>
public sealed record ProposedCommittee(string Name, string ShortCode);

/// <summary>A committee the plan knows: its short code (the canonical reference), name and address (slug).</summary>
public sealed record KnownCommittee(string ShortCode, string Name, string? Slug = null);

/// <summary>
/// The user's answer for one unknown committee: <paramref name="Text"/> is how the workbook names it; the committee is
/// created (with <paramref name="Name"/>, <paramref name="ShortCode"/> and <paramref name="Slug"/>, the slug derived from the
/// short code when empty) only when <paramref name="Create"/> is ticked and the full name is filled in.
/// </summary>
public sealed record NewCommitteeChoice(string Text, string Name, string ShortCode, string? Slug, bool Create);

/// <summary>A committee the import creates, checked with the committee rules; <paramref name="Text"/> is how the workbook names it.</summary>
public sealed record CommitteeToCreate(string Text, string Name, string ShortCode, string Slug);

/// <summary>A timing written otherwise than "Q2 2026" and the quarter it is read as (ADR 0016).</summary>
public sealed record TimingWord(string Text, Quarter Quarter);

/// <summary>The unit a workbook's amounts are written in; the plan keeps 1.000 kr.</summary>
public enum AmountUnit
{
    Thousands = 0,
    Kroner,
    Millions,
}

public static class AmountUnitNames
{
    public static string Name(this AmountUnit unit) => unit switch
    {
        AmountUnit.Kroner => "kr.",
        AmountUnit.Millions => "mio. kr.",
        _ => "1.000 kr.",
    };
}

/// <summary>One sheet of the workbook as the preview shows it: whether it is read, and what it gave.</summary>
public sealed record SheetSummary
{
    public required string Name { get; init; }

    /// <summary>The sheet has a header row the import recognises: it is read unless the user leaves it out.</summary>
    public required bool LooksLikeItems { get; init; }

    public required bool Read { get; init; }

    public int HeaderRow { get; init; }

    public IReadOnlyList<ColumnMapping> Columns { get; init; } = [];

    public int Items { get; init; }

    public int Refused { get; init; }

    /// <summary>The committee every row without one gets: the user's choice for the sheet, or the committee the sheet is named after.</summary>
    public string? Committee { get; init; }

    /// <summary>True when <see cref="Committee"/> comes from the sheet's name, not from the user.</summary>
    public bool CommitteeFromName { get; init; }

    /// <summary>The main theme rows without one get, from the sheet's name.</summary>
    public string? Theme { get; init; }

    /// <summary>Rows that have no committee (no column, an empty cell) and got none from the sheet or the user.</summary>
    public int RowsWithoutCommittee { get; init; }

    /// <summary>Of those, the rows whose item number starts with a known committee's code ("AU-D3").</summary>
    public int RowsWithCommitteeInNumber { get; init; }

    public AmountUnit Unit { get; init; }

    /// <summary>Where the unit is written, e.g. overskriften "Beløb 2026 (kr.)"; null when the workbook does not say.</summary>
    public string? UnitStatedIn { get; init; }

    /// <summary>The unit is not written, the amounts look like whole kroner, and the user has not chosen: nothing is imported until they do.</summary>
    public bool UnitUnanswered { get; init; }
}

/// <summary>
/// One item as the workbook has it, with references by name: the theme by its name, committees by short code,
/// a treatment meeting by date. <see cref="Present"/> says which fields the workbook has columns for; an update
/// leaves the other fields as they are.
/// </summary>
public sealed record WorkbookItem
{
    public required string Sheet { get; init; }
    public required int Row { get; init; }
    public required string Code { get; init; }
    public required string Title { get; init; }
    public string? Description { get; init; }
    public ItemKind Kind { get; init; } = ItemKind.OperatingChange;
    public required string Theme { get; init; }
    public required string Committee { get; init; }
    public string? ResponsibleUnit { get; init; }
    public bool IsCrossCutting { get; init; }
    public bool RequiresMedInvolvement { get; init; }
    public Quarter? Timing { get; init; }
    public Quarter? BaselineTiming { get; init; }
    public string? TreatmentCommittee { get; init; }
    public DateOnly? TreatmentMeeting { get; init; }
    public ItemStatus Status { get; init; } = ItemStatus.NotStarted;
    public Health Health { get; init; } = Health.Green;
    public string? CaseNumber { get; init; }
    public string? Notes { get; init; }

    /// <summary>Amounts in 1.000 kr. per budget year; a year with 0 may be left out.</summary>
    public IReadOnlyDictionary<int, int> Amounts { get; init; } = new Dictionary<int, int>();

    public required IReadOnlySet<ImportField> Present { get; init; }
}

/// <summary>Choices the user makes in the preview.</summary>
public sealed record ImportOptions
{
    /// <summary>Read this sheet; null picks the sheet whose header row is recognised best.</summary>
    public string? Sheet { get; init; }

    /// <summary>Corrections of the recognised mapping, by column index; replaces the guessed mapping of those columns.</summary>
    public IReadOnlyList<ColumnMapping> Corrections { get; init; } = [];

    /// <summary>The sheets to read and combine into one plan; null reads every sheet that looks like a sheet of items. <see cref="Sheet"/>, when set, wins.</summary>
    public IReadOnlyList<string>? Sheets { get; init; }

    /// <summary>The unit of amounts where the workbook does not state it; null assumes 1.000 kr. unless the amounts look like kroner.</summary>
    public AmountUnit? Unit { get; init; }

    /// <summary>The committee (short code) for rows without one, per sheet name.</summary>
    public IReadOnlyDictionary<string, string> SheetCommittees { get; init; } = new Dictionary<string, string>();

    /// <summary>The user confirmed that rows without a committee get the committee whose code starts their item number.</summary>
    public bool CommitteeFromNumber { get; init; }

    /// <summary>The user's answers for unknown committees; rows naming one that is not created are refused.</summary>
    public IReadOnlyList<NewCommitteeChoice> NewCommittees { get; init; } = [];
}

/// <summary>The result of reading a workbook: nothing is written by it.</summary>
public sealed record ImportAnalysis
{
    public required string Sheet { get; init; }

    /// <summary>The Excel row number (1-based) of the header row; 0 when none was found.</summary>
    public required int HeaderRow { get; init; }

    public required IReadOnlyList<ColumnMapping> Columns { get; init; }

    /// <summary>The rows that can be imported, in workbook order.</summary>
    public required IReadOnlyList<WorkbookItem> Items { get; init; }

    /// <summary>Excel row numbers of item rows refused for an <see cref="ProblemSeverity.Error"/>.</summary>
    public required IReadOnlyList<int> RefusedRows { get; init; }

    public required IReadOnlyList<ImportProblem> Problems { get; init; }

    /// <summary>Main themes in the order the workbook has them.</summary>
    public required IReadOnlyList<string> Themes { get; init; }

    /// <summary>Budget years that have a column, in order.</summary>
    public required IReadOnlyList<int> BudgetYears { get; init; }

    /// <summary>Committees the workbook names that do not exist, in the order they are first named.</summary>
    public required IReadOnlyList<ProposedCommittee> NewCommittees { get; init; }

    /// <summary>The new committees the user filled in and the rows use; the import creates exactly these.</summary>
    public IReadOnlyList<CommitteeToCreate> CommitteesToCreate { get; init; } = [];

    /// <summary>Why a filled-in new committee cannot be created, by how the workbook names it.</summary>
    public IReadOnlyDictionary<string, string> CommitteeErrors { get; init; } = new Dictionary<string, string>();

    /// <summary>Every sheet of the workbook, read or not, in order.</summary>
    public IReadOnlyList<SheetSummary> Sheets { get; init; } = [];

    /// <summary>Timings written in words or other forms, and the quarter each becomes.</summary>
    public IReadOnlyList<TimingWord> TimingWords { get; init; } = [];

    /// <summary>Amounts converted to 1.000 kr. that had to be rounded (kroner that are not whole thousands).</summary>
    public int RoundedAmounts { get; init; }

    /// <summary>A sheet's unit must be chosen before anything can be imported.</summary>
    public bool UnitUnanswered => Sheets.Any(s => s.UnitUnanswered);

    /// <summary>Treatment meetings named in the workbook that the committee does not have yet: (short code, date). They are created on import.</summary>
    public required IReadOnlyList<(string Committee, DateOnly Date)> NewMeetings { get; init; }

    /// <summary>A plan name found in the title lines above the header ("Udmøntningsplan 2026-2029"), if any.</summary>
    public string? SuggestedPlanName { get; init; }

    /// <summary>An adoption date found in the title lines ("Godkendt af Kommunalbestyrelsen den 11. december 2025"), if any.</summary>
    public DateOnly? SuggestedAdoptedOn { get; init; }

    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
}

/// <summary>One existing item that the workbook changes, with its changes field by field as the history shows them.</summary>
public sealed record ItemUpdate(WorkbookItem Item, IReadOnlyList<FieldChange> Changes);

/// <summary>What an update import would do to a plan: matched by item number; nothing is deleted.</summary>
public sealed record ImportComparison(
    IReadOnlyList<WorkbookItem> New,
    IReadOnlyList<ItemUpdate> Changed,
    int Unchanged,
    IReadOnlyList<string> MissingCodes)
{
    public bool HasNoChanges => New.Count == 0 && Changed.Count == 0;
}
