using CsCheck;
using Udmoentning.Domain.Import;
using Udmoentning.Tests.Support;

namespace Udmoentning.Tests.Import;

/// <summary>Issue 38, point 2: the unit of amounts is read from headers and title lines, converted to 1.000 kr., and never guessed silently.</summary>
public sealed class AmountUnitTests
{
    [Theory]
    [InlineData("Beløb 2026 (kr.)", -1_200_000.0, AmountUnit.Kroner)]
    [InlineData("2026 kr.", -1_200_000.0, AmountUnit.Kroner)]
    [InlineData("Budget 2026 (i 1.000 kr.)", -1_200.0, AmountUnit.Thousands)]
    [InlineData("2026 t.kr.", -1_200.0, AmountUnit.Thousands)]
    [InlineData("B2026 tkr.", -1_200.0, AmountUnit.Thousands)]
    [InlineData("2026 (mio. kr.)", -1.2, AmountUnit.Millions)]
    public void EachUnitInTheAmountHeaderIsConvertedTo1000Kr(string header, double value, AmountUnit unit)
    {
        var analysis = ImportFixtures.Analyze(new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Udvalg", header)
            .Row("ØU-1", "Kloge m²", "ØU", value)));

        Assert.False(analysis.HasErrors, string.Join(" | ", analysis.Problems.Select(p => p.Message)));
        Assert.Equal([2026], analysis.BudgetYears);
        Assert.Equal(-1200, analysis.Items.Single().Amounts[2026]);
        var sheet = analysis.Sheets.Single();
        Assert.Equal(unit, sheet.Unit);
        Assert.Equal($"overskriften \"{header}\"", sheet.UnitStatedIn);
    }

    [Theory]
    [InlineData("Beløb i kr.", "-1.200.000", AmountUnit.Kroner)]
    [InlineData("Alle beløb er i 1.000 kr.", "-1.200", AmountUnit.Thousands)]
    [InlineData("Beløb i mio. kr.", "-1,2", AmountUnit.Millions)]
    public void AUnitInATitleLineCountsForTheWholeSheet(string titleLine, string value, AmountUnit unit)
    {
        var analysis = ImportFixtures.Analyze(new TestWorkbook().Sheet("Plan", s => s
            .Row("Udmøntningsplan 2026-2029")
            .Row(titleLine)
            .Row("Nr.", "Titel", "Udvalg", "2026")
            .Row("ØU-1", "Kloge m²", "ØU", value)));

        Assert.False(analysis.HasErrors, string.Join(" | ", analysis.Problems.Select(p => p.Message)));
        Assert.Equal(-1200, analysis.Items.Single().Amounts[2026]);
        Assert.Equal(unit, analysis.Sheets.Single().Unit);
        Assert.StartsWith("titellinjen", analysis.Sheets.Single().UnitStatedIn);
    }

    [Fact]
    public void KronerThatAreNotWholeThousandsAreRoundedAndThePreviewSaysSo()
    {
        var analysis = ImportFixtures.Analyze(RealisticWorkbooks.NewPlanInKroner());

        Assert.False(analysis.HasErrors, string.Join(" | ", analysis.Problems.Select(p => p.Message)));
        Assert.Equal(5, analysis.Items.Count);
        Assert.Equal(new Dictionary<int, int> { [2026] = -1200, [2027] = -2400, [2028] = -2400, [2029] = -2400 }, analysis.Items[0].Amounts);
        Assert.Equal(1235, analysis.Items.Single(i => i.Code == "AU-D1").Amounts[2026]);
        Assert.Equal(2500, analysis.Items.Single(i => i.Code == "SSU-D1").Amounts[2029]);
        Assert.Equal(1, analysis.RoundedAmounts);
        var warning = Assert.Single(analysis.Problems, p => p.Severity == ProblemSeverity.Warning && p.Row == 6);
        Assert.Equal("F (Beløb 2026 (kr.))", warning.Column);
        Assert.Equal("1.234.567 kr. er ikke hele tusinder og er afrundet til 1.235 (1.000 kr.).", warning.Message);
    }

    [Fact]
    public void AmountsThatLookLikeKronerWithoutAUnitMustBeChosenBeforeAnythingIsImported()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Udvalg", "2026", "2027")
            .Row("ØU-1", "Kloge m²", "ØU", -1_200_000.0, -2_400_000.0)
            .Row("AU-1", "Jobcenter", "AU", 250_000.0, 0.0));

        var unanswered = ImportFixtures.Analyze(workbook);

        Assert.True(unanswered.UnitUnanswered);
        var problem = Assert.Single(unanswered.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Null(problem.Row);
        Assert.Contains("Vælg enheden", problem.Message);

        var inKroner = ImportFixtures.Analyze(workbook, new ImportOptions { Unit = AmountUnit.Kroner });

        Assert.False(inKroner.UnitUnanswered);
        Assert.False(inKroner.HasErrors);
        Assert.Equal([-1200, 250], inKroner.Items.Select(i => i.Amounts[2026]));

        var inThousands = ImportFixtures.Analyze(workbook, new ImportOptions { Unit = AmountUnit.Thousands });
        Assert.Equal([-1_200_000, 250_000], inThousands.Items.Select(i => i.Amounts[2026]));
    }

    [Fact]
    public void SmallAmountsWithoutAUnitAreReadAs1000KrAsBefore()
    {
        var analysis = ImportFixtures.Analyze(new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Udvalg", "2026")
            .Row("ØU-1", "Kloge m²", "ØU", -1200.0)
            .Row("BUU-A1", "Ny skole", "BUU", 100_000.0)));

        Assert.False(analysis.HasErrors);
        Assert.Equal((AmountUnit.Thousands, (string?)null), (analysis.Sheets.Single().Unit, analysis.Sheets.Single().UnitStatedIn));
        Assert.Equal([-1200, 100_000], analysis.Items.Select(i => i.Amounts[2026]));
    }

    [Fact]
    public void AWorkbookIn1000KrAndTheSameWorkbookInKronerImportTheSameItems()
    {
        string[] committees = ["ØU", "AU", "BUU", "SSU", "KUU", "MTU"];
        var rows = Gen.Select(Gen.Int[0, committees.Length - 1], Gen.Int[-99_999, 99_999].Array[4], Gen.Bool)
            .Array[1, 12];

        rows.Sample(sample =>
        {
            byte[] Build(bool kroner) => new TestWorkbook().Sheet("Plan", s =>
            {
                s.Row(["Nr.", "Titel", "Udvalg", .. Enumerable.Range(2026, 4).Select(y => kroner ? $"Beløb {y} (kr.)" : $"{y}")]);
                for (var n = 0; n < sample.Length; n++)
                {
                    var (committee, amounts, asText) = sample[n];
                    var cells = amounts.Select(a => kroner ? a * 1000L : a).Select(a => asText
                        ? (object)a.ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("da-DK"))
                        : (double)a);
                    s.Row([$"{committees[committee]}-{n + 1}", $"Punkt {n + 1}", committees[committee], .. cells]);
                }
            }).ToBytes();

            var thousands = Analyze(Build(kroner: false));
            var kroner = Analyze(Build(kroner: true));
            return !thousands.HasErrors && !kroner.HasErrors && !kroner.UnitUnanswered
                && kroner.Sheets.Single().Unit == AmountUnit.Kroner
                && Shape(thousands).SequenceEqual(Shape(kroner));
        }, iter: 60);
    }

    private static ImportAnalysis Analyze(byte[] bytes) =>
        WorkbookAnalyzer.Analyze(ImportFixtures.Read(bytes), ImportFixtures.Committees, ImportFixtures.Meetings, new ImportOptions());

    private static IEnumerable<string> Shape(ImportAnalysis analysis) =>
        analysis.Items.Select(i => $"{i.Code}|{i.Title}|{i.Committee}|{i.Theme}|{string.Join(",", i.Amounts.OrderBy(a => a.Key).Select(a => $"{a.Key}:{a.Value}"))}|{string.Join(",", i.Present.Order())}");
}
