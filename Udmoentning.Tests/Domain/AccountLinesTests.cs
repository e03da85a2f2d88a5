using CsCheck;
using Udmoentning.Domain;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;

namespace Udmoentning.Tests.Domain;

/// <summary>
/// An item's kontering: lines that add up to its amounts are "Fuldt udmøntet på konti"; an amount changed afterwards shows
/// as exactly that difference, with the lines untouched; account strings are read by the configured layout.
/// </summary>
public sealed class AccountLinesTests
{
    private static readonly AccountStringLayout Layout = AccountStringLayout.Authorised;

    private static readonly int[] Years = [2026, 2027, 2028, 2029];

    /// <summary>A valid account string of the authorised layout, with or without its optional parts.</summary>
    private static readonly Gen<string> Account =
        Gen.Select(Gen.Int[0, 9], Gen.Int[0, 99], Gen.Int[0, 99], Gen.Int[1, 9], Gen.Int[0, 9], Gen.Int[0, 9], Gen.Int[0, 2], Gen.Int[1, 999_999])
            .Select((h, f1, f2, dranst, art1, art2, optional, place) =>
                string.Join("-", new[] { $"{h}.{f1:00}.{f2:00}", $"{dranst}", $"{art1}.{art2}", $"{place}", $"A{place % 1000}" }.Take(3 + optional)));

    /// <summary>An item's amounts in some of the years, each split over one to four distinct accounts.</summary>
    private static readonly Gen<(List<YearlyEffect> Effects, List<AccountLine> Lines)> Placed =
        Gen.Select(Gen.Int[-50_000, 50_000].Where(a => a != 0), Gen.Int[1, 4], Account.Array[4])
            .Select((amount, parts, accounts) => (amount, parts, accounts: accounts.Distinct().ToArray()))
            .Array[1, 4]
            .Select(years => years.Select((y, i) => (Year: Years[i], y.amount, y.parts, y.accounts)).ToList())
            .Select(years => (
                years.Select(y => new YearlyEffect(y.Year, y.amount)).ToList(),
                years.SelectMany(y => Split(y.amount, Math.Min(y.parts, y.accounts.Length)).Select((a, i) => new AccountLine(y.accounts[i], y.Year, a))).Where(l => l.AmountThousands != 0).ToList()));

    private static IEnumerable<int> Split(int amount, int parts)
    {
        var share = amount / parts;
        for (var i = 0; i < parts - 1; i++)
        {
            yield return share;
        }

        yield return amount - share * (parts - 1);
    }

    [Fact]
    public void LinesThatAddUpToEveryYearsAmountAreFullyPlacedAndFitTheRules()
    {
        Placed.Sample(sample =>
        {
            var (effects, lines) = sample;
            Assert.Empty(AccountLines.Gaps(effects, lines));
            Assert.Equal(AccountLines.Placed, AccountLines.Describe(effects, lines));
            Assert.Empty(AccountLines.Check(Layout, lines, Years[0], Years[^1]));
        });
    }

    [Fact]
    public void AnAmountChangedAfterItWasPlacedShowsAsExactlyThatDifferenceAndTheLinesStay()
    {
        Gen.Select(Placed, Gen.Int[0, 3], Gen.Int[-9_000, 9_000].Where(d => d != 0)).Sample((placed, yearIndex, delta) =>
        {
            var (effects, lines) = placed;
            var year = Years[yearIndex];
            var before = lines.ToList();
            var changed = effects.Where(e => e.Year != year)
                .Append(new YearlyEffect(year, effects.Where(e => e.Year == year).Sum(e => e.AmountThousands) + delta))
                .ToList();

            var gap = Assert.Single(AccountLines.Gaps(changed, lines));
            Assert.Equal(new YearGap(year, delta), gap);
            Assert.Equal(before, lines);
            var words = AccountLines.Describe(changed, lines);
            Assert.Contains(Amounts.Format(Math.Abs(delta)), words.Replace("-", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Contains($"på konti i {year}", words, StringComparison.Ordinal);
            Assert.NotEqual(AccountLines.Placed, words);
        });
    }

    [Theory]
    [InlineData(-1000, -800, "Mangler -200 på konti i 2027")]
    [InlineData(500, 800, "300 for meget på konti i 2027")]
    [InlineData(-1000, -1200, "-200 for meget på konti i 2027")]
    [InlineData(0, 100, "100 for meget på konti i 2027")]
    [InlineData(2500, 0, "Mangler 2.500 på konti i 2027")]
    public void TheWordsSayWhatIsMissingOrTooMuchInThePlansOwnAmountFormat(int amount, int placed, string expected)
    {
        List<AccountLine> lines = placed == 0 ? [] : [new AccountLine("3.22.01-1-4.0", 2027, placed)];
        Assert.Equal(expected, AccountLines.Describe([new YearlyEffect(2027, amount)], lines));
    }

    [Fact]
    public void SeveralYearsAreNamedInOneSentenceAndAnItemWithoutAmountsHasNothingToPlace()
    {
        Assert.Equal("Mangler -200 på konti i 2026 og 300 i 2028",
            AccountLines.Describe([new YearlyEffect(2026, -200), new YearlyEffect(2028, 300)], []));
        Assert.Equal(AccountLines.NothingToPlace, AccountLines.Describe([new YearlyEffect(2026, 0)], []));
    }

    [Fact]
    public void EveryGeneratedAccountStringIsReadAsWrittenWithSpacesAroundItsPartsDropped()
    {
        Account.Sample(account =>
        {
            Assert.Equal(account, Layout.Read(account).Account);
            Assert.Equal(account, Layout.Read(" " + account.Replace("-", " - ", StringComparison.Ordinal) + " ").Account);
        });
    }

    [Fact]
    public void AnAccountStringWithoutARequiredPartOrWithAPartThatDoesNotFitIsRefusedNamingThePart()
    {
        Gen.Select(Account, Gen.Int[0, 2]).Sample((account, part) =>
        {
            var parts = account.Split('-').ToList();
            if (part > 0)
            {
                var error = Layout.Read(string.Join("-", parts.Take(part))).Error;
                Assert.NotNull(error);
                Assert.Contains($"mangler {Layout.Parts[part].Name.ToLowerInvariant()}", error, StringComparison.Ordinal);
            }

            parts[part] = "x" + parts[part];
            var wrong = Layout.Read(string.Join("-", parts));
            Assert.False(wrong.IsOk);
            Assert.Contains($"som {Layout.Parts[part].Name.ToLowerInvariant()} (del {part + 1}", wrong.Error, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("3.22.01-1-4.0-1234-100-9", "har 6 dele")]
    [InlineData("3.22.01-1", "mangler art")]
    [InlineData("3.22-1-4.0", "passer ikke som funktion")]
    [InlineData("", "Skriv kontostrengen, fx 3.22.01-1-4.0-1234-100.")]
    public void ACommonMistakeIsExplainedInDanish(string account, string expected)
    {
        Assert.Contains(expected, Layout.Read(account).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRulesRefuseTheSameAccountTwiceInAYearAYearOutsideThePlanAZeroAndTooManyLines()
    {
        var errors = AccountLines.Check(Layout,
        [
            new AccountLine("3.22.01-1-4.0", 2027, -100),
            new AccountLine("3.22.01 - 1 - 4.0", 2027, -50),
            new AccountLine("3.22.02-1-4.0", 2031, -50),
            new AccountLine("3.22.03-1-4.0", 2027, 0),
        ], 2026, 2029);

        Assert.Equal(["Line1.Account", "Line2.Year", "Line3.Amount"], errors.Select(e => e.Field));
        Assert.Contains("står allerede på en linje i 2027", errors[0].Message, StringComparison.Ordinal);

        var many = Enumerable.Range(0, AccountLines.MaxLines + 1).Select(i => new AccountLine($"3.22.01-1-4.0-{i + 1}", 2027, 1)).ToList();
        Assert.Equal("Lines", Assert.Single(AccountLines.Check(Layout, many, 2026, 2029)).Field);
    }

    [Fact]
    public void AConfiguredLayoutMustBeOneAnAccountStringCanHave()
    {
        Assert.Throws<ArgumentException>(() => new AccountStringLayout("a", [new AccountPart("Konto", "[0-9]+", true, "12")]));
        Assert.Throws<ArgumentException>(() => new AccountStringLayout("-", [new AccountPart("Konto", "[0-9]+", false, "12")]));
        Assert.Throws<ArgumentException>(() => new AccountStringLayout("-", [new AccountPart("Konto", "[0-9]+", true, "1a")]));
        Assert.Throws<ArgumentException>(() =>
            new AccountStringLayout("-", [new AccountPart("Konto", "[0-9]+", true, "12"), new AccountPart("Sted", "[0-9]+", false, "3"), new AccountPart("Art", "[0-9]+", true, "4")]));
        var prisme = new AccountStringLayout(" ", [new AccountPart("Konto", "[0-9]{8}", true, "32201140"), new AccountPart("Sted", "[0-9]{4}", false, "1234")]);
        Assert.Equal("32201140 1234", prisme.Read("32201140  1234").Account);
    }
}
