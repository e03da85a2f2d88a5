using Udmoentning.Domain.History;
using Udmoentning.Domain.Import;
using Udmoentning.Domain.Items;

namespace Udmoentning.Tests.Import;

public class ImportComparerTests
{
    private static readonly IReadOnlySet<ImportField> _all = Enum.GetValues<ImportField>().Where(f => f != ImportField.Ignore).ToHashSet();

    private static WorkbookItem Item(string code = "AU-D3", IReadOnlySet<ImportField>? present = null) => new()
    {
        Sheet = "Plan",
        Row = 7,
        Code = code,
        Title = "Styrket virksomhedsrettet indsats",
        Theme = "Økonomisk politik",
        Committee = "AU",
        Timing = new Quarter(2025, 2),
        BaselineTiming = new Quarter(2025, 2),
        Amounts = new Dictionary<int, int> { [2025] = -500, [2026] = -1250 },
        Present = present ?? _all,
    };

    private static ImportAnalysis Analysis(params WorkbookItem[] items) => new()
    {
        Sheet = "Plan",
        HeaderRow = 1,
        Columns = [],
        Items = items,
        RefusedRows = [],
        Problems = [],
        Themes = ["Økonomisk politik"],
        BudgetYears = [2025, 2026, 2027, 2028],
        NewCommittees = [],
        NewMeetings = [],
    };

    [Fact]
    public void FindsNothingToDoWhenTheWorkbookIsThePlan()
    {
        var comparison = ImportComparer.Compare(Analysis(Item()), [Item()], [2025, 2026, 2027, 2028]);

        Assert.True(comparison.HasNoChanges);
        Assert.Equal(1, comparison.Unchanged);
        Assert.Empty(comparison.MissingCodes);
    }

    [Fact]
    public void ListsNewItemsAndKeepsItemsTheWorkbookLeavesOut()
    {
        var comparison = ImportComparer.Compare(Analysis(Item("AU-D9")), [Item("AU-D3"), Item("AU-D4")], [2025]);

        Assert.Equal("AU-D9", Assert.Single(comparison.New).Code);
        Assert.Equal(["AU-D3", "AU-D4"], comparison.MissingCodes);
        Assert.False(comparison.HasNoChanges);
    }

    [Fact]
    public void MatchesByNumberCaseSensitivelyAndTrimmed()
    {
        var comparison = ImportComparer.Compare(Analysis(Item(" AU-D3 "), Item("au-d3")), [Item("AU-D3")], [2025]);

        Assert.Equal(1, comparison.Unchanged);
        Assert.Equal("au-d3", Assert.Single(comparison.New).Code);
    }

    [Fact]
    public void ListsChangesFieldByFieldInTheHistorysWords()
    {
        var after = Item() with
        {
            Status = ItemStatus.Completed,
            Title = "Ny titel",
            Kind = ItemKind.CapitalProject,
            Theme = "Partnerskaber",
            Committee = "ØU",
            Health = Health.Red,
            Timing = new Quarter(2026, 1),
            TreatmentCommittee = "ØU",
            TreatmentMeeting = new DateOnly(2025, 5, 13),
            IsCrossCutting = true,
            RequiresMedInvolvement = true,
            CaseNumber = "24/12780",
            Notes = "Ny note",
            Description = "Ny beskrivelse",
            ResponsibleUnit = "Direktionen",
            Amounts = new Dictionary<int, int> { [2025] = -500, [2027] = 300 },
        };

        var update = Assert.Single(ImportComparer.Compare(Analysis(after), [Item()], [2025, 2026, 2027, 2028]).Changed);

        Assert.Equal(
            [
                new FieldChange("Status", "Ikke påbegyndt", "Afsluttet"),
                new FieldChange("Titel", "Styrket virksomhedsrettet indsats", "Ny titel"),
                new FieldChange("Beskrivelse", null, "Ny beskrivelse"),
                new FieldChange("Type", "Driftsændring", "Anlægsprojekt"),
                new FieldChange("Hovedpunkt", "Økonomisk politik", "Partnerskaber"),
                new FieldChange("Ansvarligt udvalg", "AU", "ØU"),
                new FieldChange("Ansvarlig", null, "Direktionen"),
                new FieldChange("Tilstand", "Grøn", "Rød"),
                new FieldChange("Tidspunkt", "Q2 2025", "Q1 2026"),
                new FieldChange("Behandles i udvalg", null, "ØU"),
                new FieldChange("Møde", null, "2025-05-13"),
                new FieldChange("Tværgående", "Nej", "Ja"),
                new FieldChange("MED-inddragelse", "Nej", "Ja"),
                new FieldChange("Sagsnummer", null, "24/12780"),
                new FieldChange("Noter", null, "Ny note"),
                new FieldChange("Økonomi 2026", "-1250", "0"),
                new FieldChange("Økonomi 2027", "0", "300"),
            ],
            update.Changes);
    }

    [Fact]
    public void NeverComparesTheOriginalTiming()
    {
        var after = Item() with { BaselineTiming = new Quarter(2027, 4) };

        Assert.True(ImportComparer.Compare(Analysis(after), [Item()], [2025]).HasNoChanges);
    }

    [Fact]
    public void ComparesOnlyTheFieldsTheWorkbookHasColumnsFor()
    {
        var present = new HashSet<ImportField> { ImportField.Code, ImportField.Title, ImportField.Theme, ImportField.Status };
        var after = Item(present: present) with { Status = ItemStatus.InProgress, Notes = null, Committee = "ØU", Amounts = new Dictionary<int, int>() };
        var before = Item() with { Notes = "Bevares" };

        var update = Assert.Single(ImportComparer.Compare(Analysis(after), [before], [2025, 2026]).Changed);

        Assert.Equal([new FieldChange("Status", "Ikke påbegyndt", "I gang")], update.Changes);
    }

    [Fact]
    public void ComparesAmountsOnlyForBudgetYearsTheWorkbookHasAColumnFor()
    {
        var after = Item() with { Amounts = new Dictionary<int, int> { [2025] = -500, [2026] = -1250 } };
        var before = Item() with { Amounts = new Dictionary<int, int> { [2025] = -500, [2026] = -1250, [2028] = 99 } };
        var analysis = Analysis(after) with { BudgetYears = [2025, 2026] };

        Assert.True(ImportComparer.Compare(analysis, [before], [2025, 2026, 2027, 2028]).HasNoChanges);
    }

    [Fact]
    public void TreatsEmptyAndMissingTextAlike()
    {
        var after = Item() with { Notes = "  ", Description = "" };

        Assert.True(ImportComparer.Compare(Analysis(after), [Item()], [2025]).HasNoChanges);
    }
}
