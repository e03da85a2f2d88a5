using Udmoentning.Domain.Import;
using Udmoentning.Tests.Support;

namespace Udmoentning.Tests.Import;

public class LargeAndJunkWorkbookTests
{
    [Fact]
    public void ReadsTwoThousandRows()
    {
        var workbook = new TestWorkbook().Sheet("Plan", s =>
        {
            s.Row("Udmøntningsplan 2026-2029").Row().Row("Nr.", "Titel", "Udvalg", "Type", "Tidspunkt", "Status", "2026", "2027");
            for (var theme = 1; theme <= 10; theme++)
            {
                s.MergedRow($"{theme}. Hovedpunkt {theme}", 8);
                for (var n = 1; n <= 200; n++)
                {
                    var number = ((theme - 1) * 200) + n;
                    s.Row($"ØU-{number}", $"Punkt {number}", "ØU", "Drift", $"Q{(n % 4) + 1} 2026", n % 3 == 0 ? "X" : "I gang", (double)-n, $"{n}.000");
                }
            }

            s.Row("I alt", null, null, null, null, null, new Formula("SUM(G5:G2014)", -201_000.0));
        });

        var analysis = ImportFixtures.Analyze(workbook);

        Assert.False(analysis.HasErrors);
        Assert.Equal(2_000, analysis.Items.Count);
        Assert.Equal(10, analysis.Themes.Count);
        Assert.Equal(-10 * 200 * 201 / 2, analysis.Items.Sum(i => i.Amounts.GetValueOrDefault(2026)));
        Assert.Equal(10 * 200 * 201 / 2 * 1000, analysis.Items.Sum(i => i.Amounts.GetValueOrDefault(2027)));
    }

    [Fact]
    public void NeverThrowsWhateverTheCellsHold()
    {
        var random = new Random(20260115);
        var header = new object?[] { "Nr.", "Titel", "Udvalg", "Type", "Tidspunkt", "Oprindeligt tidspunkt", "Politisk behandling", "Status", "Tilstand",
            "Tværgående", "MED", "Sagsnr.", "Bemærkninger", "Beskrivelse", "Hovedpunkt", "Ansvarlig", "2026", "B2027" };
        for (var round = 0; round < 40; round++)
        {
            var rows = new List<IReadOnlyList<object?>>();
            for (var r = 0; r < random.Next(0, 4); r++)
            {
                rows.Add(JunkRow(random, header.Length));
            }

            rows.Add(header);
            for (var r = 0; r < 60; r++)
            {
                rows.Add(JunkRow(random, header.Length + 2));
            }

            var workbook = new WorkbookData([new WorkbookSheet("Junk", rows), new WorkbookSheet("Tom", [])]);
            var options = new ImportOptions { CommitteeFromNumber = round % 2 == 0 };

            var analysis = WorkbookAnalyzer.Analyze(workbook, ImportFixtures.Committees, ImportFixtures.Meetings, options);

            Assert.DoesNotContain(analysis.Problems, p => p.Message == "Rækken kunne ikke læses.");
            Assert.All(analysis.Items, item => Assert.DoesNotContain(item.Row, analysis.RefusedRows));
            ImportComparer.Compare(analysis, analysis.Items.Take(5).ToList(), [2026, 2027]);
        }
    }

    private static object?[] JunkRow(Random random, int width)
    {
        var row = new object?[random.Next(0, width)];
        for (var c = 0; c < row.Length; c++)
        {
            row[c] = Junk(random);
        }

        return row;
    }

    private static readonly string[] _words =
    [
        "", " ", "ØU", "AU", "X", "x", "Ja", "Nej", "Q2 2026", "2026", "Klar", "I gang", "Grøn", "Rød", "Drift", "Råderum", "I alt", "Total",
        "1. Tema", "-1.200", "(1.200)", "1,5", "２０２５", "Q３ 2026", "ØU 15.05.2025", "ØU 31.02.2025", "AU 2025-13-40", "15. maj 2025",
        "\u202E", "\u200B", "\0", "\uFEFF", "𝟚𝟘𝟚𝟞", "٣", "NaN", "Infinity", "-", "−", "()", "((1))", "24/12780", "99/9999999", "kvt", "3. kvt. 9999",
        "Teknik- og miljøudvalget", "udvalget", "=SUM(A1)", "'", "\"", "<x/>", "&amp;", "\r\n", "\t",
    ];

    private static object? Junk(Random random) => random.Next(9) switch
    {
        0 => null,
        1 => random.NextDouble() * Math.Pow(10, random.Next(-3, 15)) * (random.Next(2) == 0 ? -1 : 1),
        2 => new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, double.MaxValue, double.MinValue, double.Epsilon, 2026.0, -0.0, 45792.0, 1e9 }[random.Next(10)],
        3 => random.Next(2) == 0,
        4 => new DateTime(random.Next(1, 9999), random.Next(1, 13), random.Next(1, 28), random.Next(24), 0, 0),
        5 => new string([.. Enumerable.Range(0, random.Next(0, 300)).Select(_ => (char)random.Next(0, 0x3000))]),
        6 => new string('x', random.Next(0, 5000)),
        _ => string.Concat(Enumerable.Range(0, random.Next(1, 4)).Select(_ => _words[random.Next(_words.Length)] + " ")),
    };
}
