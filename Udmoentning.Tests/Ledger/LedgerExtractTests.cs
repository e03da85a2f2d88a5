using System.Diagnostics;
using System.Text;
using CsCheck;
using Udmoentning.Domain.Import;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;
using Udmoentning.Tests.Domain;

namespace Udmoentning.Tests.Ledger;

/// <summary>
/// A finance system's ledger extract read into balances per account, year and item: a generated 50,000-line extract sums
/// to exactly what it was made of, skips its blank and total lines, refuses the posting whose account does not fit and
/// tells the archived plan's item; Danish kroner read back in every form; the round trip kontering → budget change →
/// ledger gives "indarbejdet X af X".
/// </summary>
public sealed class LedgerExtractTests
{
    private static readonly AccountStringLayout _layout = AccountStringLayout.Authorised;

    private static readonly Lazy<GeneratedLedgerExtract> _whole = new(() => LedgerExtractGenerator.Generate());

    private static readonly Lazy<GeneratedLedgerExtract> _parts = new(() => LedgerExtractGenerator.Generate(accounts: LedgerAccountColumns.Parts));

    private static readonly LedgerReadOptions _headers = new();

    private static LedgerExtract Read(GeneratedLedgerExtract extract, LedgerReadOptions? options = null) =>
        LedgerExtractReader.Read(extract.Workbook, _layout, LedgerExtractGenerator.References, options ?? _headers);

    [Fact]
    public void AGenerated50000LineExtractSumsToExactlyThePostingsItWasMadeOfAndSkipsItsTotalAndBlankLines()
    {
        var generated = _whole.Value;

        var extract = Read(generated);

        Assert.Equal(generated.Balances, extract.Balances);
        Assert.Equal(generated.Budget, extract.Balances.Sum(b => b.Budget));
        Assert.Equal(generated.Spent, extract.Balances.Sum(b => b.Spent));
        Assert.Equal(50_000 - 1, extract.Postings);
        Assert.Equal(generated.Postings, extract.Postings);
        Assert.Equal(generated.TotalRows, extract.TotalRows);
        Assert.Equal(generated.BlankRows, extract.SkippedRows);
        Assert.Equal(1, extract.RefusedRows);
        Assert.Equal(0, extract.ProblemsLeftOut);
        Assert.False(extract.HasFileErrors);
        Assert.False(extract.NeedsYear);
        Assert.Equal(new[] { 2026, 2027, 2028 }, extract.Years);
        Assert.Equal(generated.Balances.Select(b => b.Account).Distinct().Count(), extract.Accounts);

        // Every row below the header is one of these: what was read is what was written.
        var rowsBelowHeader = generated.Rows.Count - generated.HeaderRow;
        Assert.Equal(rowsBelowHeader, extract.Postings + extract.TotalRows + extract.SkippedRows + extract.RefusedRows);

        // Not a timed assertion: the figure for the report (docs/ledger.md asks for 50,000 lines in under 5 s end to end).
        var times = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            var started = Stopwatch.GetTimestamp();
            var again = Read(generated);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            Assert.Equal(extract.Balances, again.Balances);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"LedgerExtractReader.Read, {generated.Rows.Count} rows ({extract.Postings} postings): median {times.Order().ElementAt(1):0} ms of {string.Join(", ", times.Select(t => t.ToString("0")))} ms");
    }

    [Fact]
    public void TheHeaderIsFoundBelowTheTitleLinesAndTheTitlesDateIsSuggested()
    {
        var extract = Read(_whole.Value);

        Assert.Equal(_whole.Value.HeaderRow, extract.HeaderRow);
        Assert.Equal(4, extract.HeaderRow);
        Assert.Equal(GeneratedLedgerExtract.SheetName, extract.Sheet);
        Assert.Equal(
            new[] { LedgerField.Account, LedgerField.Period, LedgerField.Budget, LedgerField.Spent, LedgerField.Reference },
            extract.Columns.Select(c => c.Field));
        Assert.Equal(_whole.Value.Header, extract.Columns.Select(c => c.Header));
        Assert.Equal(LedgerExtractGenerator.PrintedOn, extract.SuggestedDate);
    }

    [Fact]
    public void ThePostingWhoseAccountDoesNotFitIsRefusedWithItsRowAndADanishReason()
    {
        var generated = _whole.Value;

        var extract = Read(generated);

        var refused = Assert.Single(generated.Refused);
        var problem = Assert.Single(extract.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal(refused.Row, problem.Row);
        Assert.Equal("A", problem.Column);
        Assert.Equal(GeneratedLedgerExtract.SheetName, problem.Sheet);
        Assert.Contains("Kontoen passer ikke med kontoplanen", problem.Message, StringComparison.Ordinal);
        Assert.Contains("\"3.22.1\" passer ikke som funktion", problem.Message, StringComparison.Ordinal);
        Assert.Equal("3.22.1-1-4.0-1234", generated.Rows[refused.Row - 1][0]);
        Assert.DoesNotContain(extract.Balances, b => b.Account.StartsWith("3.22.1-", StringComparison.Ordinal));
    }

    [Fact]
    public void APostingNamingAnArchivedPlansItemIsToldWithItsRowAndCountsOnTheAccountButNotAsAnItems()
    {
        var generated = _whole.Value;

        var extract = Read(generated);

        var warning = Assert.Single(extract.Problems, p => p.Severity == ProblemSeverity.Warning);
        Assert.Equal(generated.Archived.Row, warning.Row);
        Assert.Equal("E", warning.Column);
        Assert.Contains(LedgerExtractGenerator.ArchivedCode, warning.Message, StringComparison.Ordinal);
        Assert.Contains($"\"{LedgerExtractGenerator.ArchivedPlan}\"", warning.Message, StringComparison.Ordinal);
        Assert.Contains(LedgerExtractGenerator.ArchivedCode, generated.Rows[warning.Row!.Value - 1][4], StringComparison.Ordinal);
        Assert.DoesNotContain(extract.Balances, b => string.Equals(b.Reference, LedgerExtractGenerator.ArchivedCode, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void ItemCodesAreLinkedWhateverTheirCaseAndWhereverInTheTextTheyStand()
    {
        var generated = _whole.Value;
        var texts = generated.Rows.Skip(generated.HeaderRow).Select(r => r.Length == 5 ? r[4] : null).OfType<string>().ToList();
        // The extract does write codes in lower case and inside texts, so this test can fail.
        Assert.Contains(texts, t => t.Contains("øu-d2", StringComparison.Ordinal));
        Assert.Contains(texts, t => t.StartsWith("Budgetomplacering jf. AU-", StringComparison.Ordinal));

        var extract = Read(generated);

        var linked = extract.Balances.Where(b => b.Reference is not null).GroupBy(b => b.Reference!).ToDictionary(g => g.Key, g => g.Sum(b => b.Budget));
        Assert.Equal(generated.BudgetByCode.OrderBy(c => c.Key, StringComparer.Ordinal), linked.OrderBy(c => c.Key, StringComparer.Ordinal));
        Assert.Equal(LedgerExtractGenerator.Codes.Order(StringComparer.Ordinal), linked.Keys.Order(StringComparer.Ordinal));
        var balances = new LedgerBalances(extract.Balances);
        foreach (var balance in generated.Balances.Where(b => b.Reference is not null))
        {
            Assert.Equal(balance.Budget, balances.BudgetFor(balance.Account, balance.Year, balance.Reference!.ToLowerInvariant()));
        }

        foreach (var ((account, year), sums) in generated.ByAccountAndYear)
        {
            Assert.Equal(sums.Budget, balances.Budget(account, year));
            Assert.Equal(sums.Spent, balances.Spent(account, year));
        }
    }

    [Theory]
    [InlineData("Udm. KFU 1.2 budgetomplacering", "KFU 1.2")]
    [InlineData("budgetomplacering jf. kfu 1.2.", "KFU 1.2")]
    [InlineData("Omplacering (BU 3/1) – Ærø", "BU 3/1")]
    [InlineData("BU 3/1", "BU 3/1")]
    [InlineData("Udm. BU 3 og mere", "BU 3")]
    [InlineData("Udm. BU 32", null)]
    [InlineData("Udm. XKFU 1.2", null)]
    [InlineData("Udm. KFU 1.23", null)]
    public void ACodeOfSeveralWordsIsFoundWithinATextAsAWhole(string text, string? expected)
    {
        var workbook = Sheet([_header, ["3.22.01-1-4.0", "2027-03", "1.000", null, text]]);

        var extract = LedgerExtractReader.Read(workbook, _layout, new LedgerReferences(["KFU 1.2", "BU 3", "BU 3/1", "AU-D1"], new Dictionary<string, string>()), _headers);

        Assert.Equal(expected, Assert.Single(extract.Balances).Reference);
    }

    [Fact]
    public void AnArchivedPlansCodeOfSeveralWordsIsToldAsThePlanWritesIt()
    {
        var workbook = Sheet([_header, ["3.22.01-1-4.0", "2027-03", "1.000", null, "Overført fra su 7 (gammel plan)"]]);

        var extract = LedgerExtractReader.Read(workbook, _layout, new LedgerReferences(["AU-D1"], new Dictionary<string, string> { ["SU 7"] = "Udmøntningsplan 2025-2028" }), _headers);

        var warning = Assert.Single(extract.Problems);
        Assert.Equal((ProblemSeverity.Warning, 2, "E"), (warning.Severity, warning.Row, warning.Column));
        Assert.StartsWith("Punktet SU 7 findes ikke i planen, men i den arkiverede plan \"Udmøntningsplan 2025-2028\"", warning.Message, StringComparison.Ordinal);
        Assert.Null(Assert.Single(extract.Balances).Reference);
    }

    [Theory]
    [InlineData("Udskrevet pr. 30.09.2027")]
    [InlineData("Kontoudtræk for perioden 01.01.2027 - 30.09.2027")]
    [InlineData("Periode: 1.1.2027 til 30.9.2027")]
    [InlineData("Periode 01.01.2027–30.09.2027")]
    [InlineData("Saldo pr. 30.09.2027, udskrevet 03.10.2027")]
    [InlineData("Saldo pr. 30. september 2027")]
    public void TheDateSuggestedIsTheOneTheTitleShowsTheLedgerOnTheEndOfAPeriod(string title)
    {
        var workbook = Sheet([["Kontoudtræk – drift og anlæg"], [title], _header, ["3.22.01-1-4.0", "2027-03", "1.000", null, null]]);

        var extract = LedgerExtractReader.Read(workbook, _layout, LedgerReferences.None, _headers);

        Assert.Equal(new DateOnly(2027, 9, 30), extract.SuggestedDate);
    }

    [Fact]
    public void TheAccountInAColumnPerPartGivesTheSameBalancesAsTheWholeString()
    {
        var whole = Read(_whole.Value);

        var parts = Read(_parts.Value);

        (LedgerField, string?)[] expected =
            [.. _layout.Parts.Select(p => (LedgerField.AccountPart, (string?)p.Name)), (LedgerField.Period, null), (LedgerField.Budget, null), (LedgerField.Spent, null), (LedgerField.Reference, null)];
        Assert.Equal(expected, parts.Columns.Select(c => (c.Field, c.Part)));
        Assert.Equal(whole.Balances, parts.Balances);
        Assert.Equal(_parts.Value.Balances, parts.Balances);
        Assert.Equal((whole.Postings, whole.TotalRows, whole.SkippedRows, whole.RefusedRows), (parts.Postings, parts.TotalRows, parts.SkippedRows, parts.RefusedRows));
        var refused = Assert.Single(parts.Problems, p => p.Severity == ProblemSeverity.Error);
        Assert.Equal((_parts.Value.Refused[0].Row, "A"), (refused.Row, refused.Column));
        Assert.Equal(LedgerExtractGenerator.PrintedOn, parts.SuggestedDate);
    }

    [Fact]
    public void TheCsvTextHoldsTheWorkbooksRowsAndEncodesInWindows1252WithoutLoss()
    {
        var generated = LedgerExtractGenerator.Generate(postings: 3_000, seed: 7);

        var csv = generated.Csv();

        Assert.StartsWith($"{LedgerExtractGenerator.Title}\r\nUdskrevet pr. 30.09.2027\r\n\r\nKontostreng;Periode;Korrigeret budget;Forbrug;Bilagstekst\r\n", csv, StringComparison.Ordinal);
        Assert.Contains("\"Forplejning; møde i Børne- og Ungeudvalget\"", csv, StringComparison.Ordinal);
        Assert.Equal(generated.Rows, ReadCsv(csv, ';'));
        Assert.Equal(generated.Rows, ReadCsv(generated.Csv('\t'), '\t'));
        var windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)!;
        Assert.Equal(csv, windows1252.GetString(windows1252.GetBytes(csv)));
    }

    [Fact]
    public void TheSameSeedGivesTheSameExtract()
    {
        Assert.Equal(LedgerExtractGenerator.Generate(2_000, seed: 11).Csv(), LedgerExtractGenerator.Generate(2_000, seed: 11).Csv());
        Assert.NotEqual(LedgerExtractGenerator.Generate(2_000, seed: 11).Csv(), LedgerExtractGenerator.Generate(2_000, seed: 12).Csv());
    }

    // ---- Kroner ----

    private static readonly Gen<KronerForm> _form = Gen.Int[0, KronerForm.All.Count - 1].Select(i => KronerForm.All[i]);

    [Fact]
    public void KronerAreReadBackExactlyInEveryDanishForm()
    {
        Gen.Select(Gen.Long[-99_999_999_999_99L, 99_999_999_999_99L], _form).Sample((ore, form) =>
        {
            var kroner = ore / 100m;
            var text = form.Write(kroner);
            Assert.Equal(kroner, LedgerExtractReader.KronerOf(text));
            Assert.Equal(kroner, LedgerExtractReader.KronerOf($" {text} "));
            if (!form.Kr)
            {
                Assert.Equal(kroner, Amounts.ReadNumber(text));
            }
        }, iter: 20_000);
    }

    [Theory]
    [InlineData("1.234,56", 1234.56)]
    [InlineData("-1.234,56", -1234.56)]
    [InlineData("1234,56-", -1234.56)]
    [InlineData("1.234,56-", -1234.56)]
    [InlineData("(1.234,56)", -1234.56)]
    [InlineData("(1.234)", -1234)]
    [InlineData("1234", 1234)]
    [InlineData("1.234,56 kr.", 1234.56)]
    [InlineData("-500 DKK", -500)]
    [InlineData("0,00", 0)]
    [InlineData("", 0)]
    public void AnAmountInKronerIsReadAsAFinanceSystemWritesIt(string text, double expected)
    {
        Assert.Equal((decimal)expected, LedgerExtractReader.KronerOf(text));
    }

    [Theory]
    [InlineData("1,234.56")]
    [InlineData("12.34")]
    [InlineData("abc")]
    [InlineData("--5")]
    [InlineData("1.234,56--")]
    [InlineData("1000000000000")]
    public void WhatIsNotAnAmountInKronerIsNone(string text)
    {
        Assert.Null(LedgerExtractReader.KronerOf(text));
    }

    // ---- Sums whatever the order ----

    private static readonly string[] _accounts = ["3.22.01-1-4.0", "3.22.01-1-4.0-1234", "5.32.32-1-4.0-77-A1", "6.45.51-1-1.1", "0.25.10-3-2.2-5001"];

    private static readonly string[] _header = ["Kontostreng", "Periode", "Korrigeret budget", "Forbrug", "Bilagstekst"];

    /// <summary>A posting: account, year, budget and spending in øre, how its amounts are split over rows (0 one row, 1 a row each, 2 the budget in two rows), and the form.</summary>
    private static readonly Gen<(int Account, int Year, long Budget, long Spent, int Split, KronerForm Form)> _posting =
        Gen.Select(Gen.Int[0, _accounts.Length - 1], Gen.Int[2026, 2028], Gen.Long[-1_000_000_000_00L, 1_000_000_000_00L], Gen.Long[-10_000_000_00L, 10_000_000_00L], Gen.Int[0, 2], _form);

    [Fact]
    public void TheBalancesSumThePostingsWhateverOrderTheRowsComeInAndHoweverTheyAreSplitOverTheColumns()
    {
        Gen.Select(_posting.Array[1, 40], Gen.Int).Sample((postings, seed) =>
        {
            var rows = new List<string?[]>();
            foreach (var (account, year, budget, spent, split, form) in postings)
            {
                string?[] Row(long? b, long? s) => [_accounts[account], $"{year}-03", Kroner(b, form), Kroner(s, form), "Bogføring"];
                switch (split)
                {
                    case 0:
                        rows.Add(Row(budget, spent));
                        break;
                    case 1:
                        rows.Add(Row(budget, null));
                        rows.Add(Row(null, spent));
                        break;
                    default:
                        rows.Add(Row(budget / 3, spent));
                        rows.Add(Row(budget - budget / 3, null));
                        break;
                }
            }

            var shuffled = rows.ToArray();
            new Random(seed).Shuffle(shuffled);

            var inOrder = LedgerExtractReader.Read(Sheet([_header, .. rows]), _layout, LedgerReferences.None, _headers);
            var extract = LedgerExtractReader.Read(Sheet([_header, .. shuffled]), _layout, LedgerReferences.None, _headers);

            Assert.Equal(inOrder.Balances, extract.Balances);
            Assert.Equal(rows.Count, extract.Postings);
            Assert.Equal(postings.Sum(p => p.Budget) / 100m, extract.Balances.Sum(b => b.Budget));
            Assert.Equal(postings.Sum(p => p.Spent) / 100m, extract.Balances.Sum(b => b.Spent));
            var expected = postings.GroupBy(p => (_accounts[p.Account], p.Year))
                .ToDictionary(g => g.Key, g => (g.Sum(p => p.Budget) / 100m, g.Sum(p => p.Spent) / 100m));
            Assert.Equal(expected.Count, extract.Balances.Count);
            foreach (var balance in extract.Balances)
            {
                Assert.Null(balance.Reference);
                Assert.Equal(expected[(balance.Account, balance.Year)], (balance.Budget, balance.Spent));
            }
        }, iter: 300);
    }

    private static string? Kroner(long? ore, KronerForm form) => ore is { } value ? form.Write(value / 100m) : null;

    private static WorkbookData Sheet(IReadOnlyList<IReadOnlyList<object?>> rows) => new([new WorkbookSheet("Ark1", rows)]);

    // ---- Realised: kontering → budget change → ledger ----

    private static readonly string[] _itemAccounts = ["3.22.01-1-4.0", "3.22.01-1-4.0-1234", "3.22.05-1-4.0", "5.32.32-1-1.1-77", "5.32.32-3-2.2", "6.45.51-1-4.0-9-A1"];

    private static readonly string[] _otherAccounts = ["0.25.10-1-4.0", "2.28.14-3-2.2-100", "5.68.90-1-4.0"];

    private static readonly string[] _itemCodes = ["AU-D1", "ØU-D2", "BU-R3"];

    /// <summary>Another item of the plan, whose code contains the first's.</summary>
    private const string OtherCode = "AU-D10";

    private static readonly Gen<List<(int Amount, int Accounts, int First)>> _years =
        Gen.Select(Gen.Int[-50_000, 50_000].Where(a => a != 0), Gen.Int[1, 3], Gen.Int[0, _itemAccounts.Length - 1]).List[1, 4];

    /// <summary>Postings beside the budget change: 0 budget on a line's account without the code, 1 spending there, 2 budget with the code on another account, 3 budget there with another item's code.</summary>
    private static readonly Gen<(int Kind, int Line, long Ore, bool WithCode, KronerForm Form)[]> _noise =
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 99], Gen.Long[-50_000_000_00L, 50_000_000_00L], Gen.Bool, _form).Array[0, 12];

    [Fact]
    public void AKonteringPostedAsABudgetChangeIsIndarbejdetInFullAndOnlyItsAccountsAndCodeCount()
    {
        Gen.Select(_years, Gen.Int[0, _itemCodes.Length - 1], Gen.Bool, Gen.Int[0, 6].Array[12], Gen.Int[0, LedgerExtractGenerator.ReferenceForms - 1], _noise, _form)
            .Sample((years, codeIndex, capital, splits, referenceForm, noise, form) =>
        {
            var plan = TestPlans.Plan2025();
            var code = _itemCodes[codeIndex];
            var effects = years.Select((y, i) => new YearlyEffect(plan.FirstBudgetYear + i, y.Amount)).ToList();
            var lines = AccountLines.InOrder(years.SelectMany((y, i) => Split(y.Amount, y.Accounts)
                .Select((amount, k) => new AccountLine(_itemAccounts[(y.First + k) % _itemAccounts.Length], plan.FirstBudgetYear + i, amount)))
                .Where(l => l.AmountThousands != 0));
            var item = PlanItem.Create(plan, TestPlans.Details(plan, code) with
            {
                Kind = capital ? ItemKind.CapitalProject : ItemKind.OperatingChange,
                Effects = effects,
            });
            Assert.Empty(AccountLines.Gaps(effects, lines));

            var rows = new List<string?[]> { _header };
            var available = new Dictionary<int, decimal>();
            var spent = new Dictionary<int, decimal>();
            for (var i = 0; i < lines.Count; i++)
            {
                // The budget change as the finance system posts it: the line's amount in kroner, in one posting or two.
                var line = lines[i];
                var kroner = line.AmountThousands * 1000m;
                var first = decimal.Round(kroner * splits[i % splits.Length] / 7m, 2);
                var text = LedgerExtractGenerator.ReferenceText(code, (referenceForm + i) % LedgerExtractGenerator.ReferenceForms);
                rows.Add([line.Account, $"{line.Year}-03", form.Write(first), null, text]);
                rows.Add([line.Account, $"{line.Year}-04", form.Write(kroner - first), null, text]);
                available[line.Year] = available.GetValueOrDefault(line.Year) + kroner;
            }

            foreach (var (kind, index, ore, withCode, noiseForm) in noise)
            {
                var line = lines[index % lines.Count];
                var amount = noiseForm.Write(ore / 100m);
                switch (kind)
                {
                    case 0:
                        rows.Add([line.Account, $"{line.Year}-05", amount, null, "Budgetregulering, løn"]);
                        available[line.Year] += ore / 100m;
                        break;
                    case 1:
                        rows.Add([line.Account, $"{line.Year}-06", null, amount, withCode ? $"Udm. {code} forbrug" : "Køb af materialer"]);
                        spent[line.Year] = spent.GetValueOrDefault(line.Year) + ore / 100m;
                        break;
                    case 2:
                        rows.Add([_otherAccounts[index % _otherAccounts.Length], $"{line.Year}-07", amount, null, $"Udm. {code}"]);
                        break;
                    default:
                        rows.Add([line.Account, $"{line.Year}-08", amount, null, $"Udm. {OtherCode}"]);
                        available[line.Year] += ore / 100m;
                        break;
                }
            }

            var extract = LedgerExtractReader.Read(Sheet(rows), _layout, new LedgerReferences([code, OtherCode], new Dictionary<string, string>()), _headers);
            Assert.Equal(rows.Count - 1, extract.Postings);

            var ledger = LedgerRealised.Of(item, lines, new LedgerBalances(extract.Balances));

            Assert.Equal(capital, ledger.IsCapitalProject);
            Assert.Equal(code, ledger.Code);
            Assert.Equal(effects.Select(e => e.Year), ledger.Years.Select(y => y.Year));
            foreach (var effect in effects)
            {
                var year = ledger.In(effect.Year)!;
                Assert.Equal(effect.AmountThousands * 1000L, year.AmountKroner);
                Assert.Equal(lines.Where(l => l.Year == effect.Year).Sum(l => l.AmountThousands * 1000m), year.InBudget);
                Assert.Equal($"indarbejdet {Amounts.Format(effect.AmountThousands)} af {Amounts.Format(effect.AmountThousands)}", year.InBudgetText);
                Assert.Equal(effect.AmountThousands, ledger.InBudgetIn(effect.Year));
                Assert.Equal(available[effect.Year], year.Available);
                Assert.Equal(spent.GetValueOrDefault(effect.Year), year.Spent);
            }
        }, iter: 200);
    }

    [Fact]
    public void WhatIsNotYetPostedShowsAsLessIndarbejdetThanTheItemsAmount()
    {
        var plan = TestPlans.Plan2025();
        var item = PlanItem.Create(plan, TestPlans.Details(plan, "AU-D1") with { Effects = [new YearlyEffect(2027, 5_800)] });
        AccountLine[] lines = [new("3.22.01-1-4.0", 2027, 3_800), new("5.32.32-1-4.0", 2027, 2_000)];
        WorkbookData workbook = Sheet(
        [
            _header,
            ["3.22.01-1-4.0", "2027-02", "3.800.000,00", null, "Udm. AU-D1"],
            ["5.32.32-1-4.0", "2027-02", "1.000.000", null, "udm. au-d1 budgetomplacering"],
            ["5.32.32-1-4.0", "2027-02", "1.000.000", null, "Udm. AU-D2"],
            ["6.45.51-1-4.0", "2027-02", "1.000.000", null, "Udm. AU-D1"],
        ]);

        var extract = LedgerExtractReader.Read(workbook, _layout, new LedgerReferences(["AU-D1", "AU-D2"], new Dictionary<string, string>()), _headers);
        var year = LedgerRealised.Of(item, lines, new LedgerBalances(extract.Balances)).In(2027)!;

        Assert.Equal("indarbejdet 4.800 af 5.800", year.InBudgetText);
        Assert.Equal("forbrug 0 af 5.800 (rådighedsbeløb)", year.SpentText);
    }

    private static IEnumerable<int> Split(int amount, int parts)
    {
        var share = amount / parts;
        for (var i = 0; i < parts - 1; i++)
        {
            yield return share;
        }

        yield return amount - share * (parts - 1);
    }

    // ---- Years ----

    [Theory]
    [InlineData("2027")]
    [InlineData("2027-03")]
    [InlineData("03.2027")]
    [InlineData("202703")]
    [InlineData("P03 2027")]
    [InlineData("31.03.2027")]
    [InlineData(" 2027-12 ")]
    [InlineData(2027.0)]
    [InlineData(202703.0)]
    public void APeriodAsFinanceSystemsPrintItIsItsYear(object period)
    {
        Assert.Equal(2027, LedgerExtractReader.YearOf(period));
    }

    [Fact]
    public void ADateCellIsItsYear()
    {
        Assert.Equal(2027, LedgerExtractReader.YearOf(new DateTime(2027, 3, 31)));
    }

    [Theory]
    [InlineData("2027/2028")]
    [InlineData("abc")]
    [InlineData("1999")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData(1999.0)]
    [InlineData(202713.0)]
    public void WhatHoldsNoOneYearOfTheAppsIsNone(object? period)
    {
        Assert.Null(LedgerExtractReader.YearOf(period));
    }

    [Fact]
    public void AWorkbooksPartsWrittenAsNumbersAreReadAsTheLayoutWritesThemAndAPostingWithABadAccountIsRefusedWhateverItsTextSays()
    {
        IReadOnlyList<object?>[] rows =
        [
            ["Funktion", "Dranst", "Art", "Omkostningssted", "År", "Budget", "Tekst"],
            ["3.22.01", 1.0, 4.0, 1234.0, 2027.0, -1000.0, "Løn"],
            ["3.22.01", 1.0, 5.1, null, 2027.0, 250.5, null],
            ["3.22", 1.0, 4.0, null, 2027.0, 5.0, "Sum af løn"],
            ["I alt", null, null, null, null, -749.5, null],
        ];

        var extract = LedgerExtractReader.Read(Sheet(rows), _layout, LedgerReferences.None, _headers);

        Assert.Equal(
            [new LedgerBalance("3.22.01-1-4.0-1234", 2027, null, -1000m, 0m), new LedgerBalance("3.22.01-1-5.1", 2027, null, 250.5m, 0m)],
            extract.Balances);
        Assert.Equal((1, 1), (extract.RefusedRows, extract.TotalRows));
        Assert.Equal(4, Assert.Single(extract.Problems).Row);
    }

    // ---- The user's choices ----

    [Fact]
    public void TheUsersChoiceOfColumnsOverridesWhatTheHeadersSay()
    {
        var generated = LedgerExtractGenerator.Generate(postings: 500, seed: 3);
        // The finance system's headers are swapped: the user reads "Korrigeret budget" as spending and the other way round, and the text as nothing.
        LedgerColumn[] columns =
        [
            new(0, "Kontostreng", LedgerField.Account), new(1, "Periode", LedgerField.Period), new(2, "Korrigeret budget", LedgerField.Spent),
            new(3, "Forbrug", LedgerField.Budget), new(4, "Bilagstekst", LedgerField.Ignore),
        ];

        var extract = Read(generated, new LedgerReadOptions { Columns = columns });

        Assert.Equal(columns, extract.Columns);
        Assert.DoesNotContain(extract.Problems, p => p.Severity == ProblemSeverity.Warning);
        Assert.Equal(
            generated.ByAccountAndYear.OrderBy(b => b.Key.Account, StringComparer.Ordinal).ThenBy(b => b.Key.Year)
                .Select(b => new LedgerBalance(b.Key.Account, b.Key.Year, null, b.Value.Spent, b.Value.Budget)),
            extract.Balances);
    }

    [Fact]
    public void WithoutAPeriodColumnTheYearIsAskedForAndNothingIsReadUntilItIsGiven()
    {
        var workbook = Sheet(
        [
            ["Kontoudtræk pr. 31.03.2027"],
            ["Kontostreng", "Korrigeret budget", "Forbrug"],
            ["3.22.01-1-4.0", "1.000,50", "250-"],
            ["3.22.01-1-4.0", "(0,50)", "1.250"],
            ["5.32.32-1-4.0-77", null, "99,99"],
        ]);

        var asked = LedgerExtractReader.Read(workbook, _layout, LedgerReferences.None, _headers);
        var given = LedgerExtractReader.Read(workbook, _layout, LedgerReferences.None, new LedgerReadOptions { Year = 2027 });

        Assert.True(asked.NeedsYear);
        Assert.True(asked.HasFileErrors);
        Assert.Equal(LedgerExtractReader.NoYear, Assert.Single(asked.Problems).Message);
        Assert.Empty(asked.Balances);
        Assert.Equal(0, asked.Postings);
        Assert.False(given.NeedsYear);
        Assert.False(given.HasFileErrors);
        Assert.Empty(given.Problems);
        Assert.Equal(
            new[] { new LedgerBalance("3.22.01-1-4.0", 2027, null, 1000m, 1000m), new LedgerBalance("5.32.32-1-4.0-77", 2027, null, 0m, 99.99m) },
            given.Balances);
        Assert.Equal(new DateOnly(2027, 3, 31), given.SuggestedDate);
    }

    [Fact]
    public void WithoutAHeaderTheFileIsAnErrorEveryColumnIsReadAsNothingAndTheUserCanSayWhatTheyAre()
    {
        var workbook = Sheet(
        [
            [null, null],
            ["Dim 1", "Dim 2", "Beløb 1", "Beløb 2"],
            ["3.22.01-1-4.0", "2027", "1.000", "200"],
        ]);

        var extract = LedgerExtractReader.Read(workbook, _layout, LedgerReferences.None, _headers);

        Assert.True(extract.HasFileErrors);
        Assert.Contains(extract.Problems, p => p.Row is null && p.Message.StartsWith("Fandt ingen overskrift med konto og beløb", StringComparison.Ordinal));
        Assert.Equal(new[] { "Dim 1", "Dim 2", "Beløb 1", "Beløb 2" }, extract.Columns.Select(c => c.Header));
        Assert.All(extract.Columns, c => Assert.Equal(LedgerField.Ignore, c.Field));
        Assert.Equal(2, extract.HeaderRow);
        Assert.Empty(extract.Balances);
        Assert.Equal(0, extract.Postings);

        var chosen = LedgerExtractReader.Read(workbook, _layout, LedgerReferences.None, new LedgerReadOptions
        {
            Columns = [new(0, "Dim 1", LedgerField.Account), new(1, "Dim 2", LedgerField.Period), new(2, "Beløb 1", LedgerField.Budget), new(3, "Beløb 2", LedgerField.Spent)],
        });

        Assert.False(chosen.HasFileErrors);
        Assert.Equal(new[] { new LedgerBalance("3.22.01-1-4.0", 2027, null, 1000m, 200m) }, chosen.Balances);
    }

    /// <summary>A CSV reader as plain as can be: fields split on the delimiter, quotes doubled inside quoted fields, trimmed, empty as null.</summary>
    private static List<string?[]> ReadCsv(string text, char delimiter)
    {
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var rows = new List<string?[]>();
        foreach (var line in text[..^2].Split("\r\n"))
        {
            var cells = new List<string?>();
            var cell = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = !quoted;
                }
                else if (c == delimiter && !quoted)
                {
                    cells.Add(Cell(cell));
                    cell.Clear();
                }
                else
                {
                    cell.Append(c);
                }
            }

            cells.Add(Cell(cell));
            rows.Add([.. cells]);
        }

        return rows;

        static string? Cell(StringBuilder cell) => cell.ToString().Trim() is { Length: > 0 } value ? value : null;
    }
}
