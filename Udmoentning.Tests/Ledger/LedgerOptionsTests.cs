using Microsoft.Extensions.Configuration;
using Udmoentning.Domain.Ledger;
using Udmoentning.Web;
using Udmoentning.Web.Ledger;

namespace Udmoentning.Tests.Ledger;

/// <summary>The account-string layout from the settings: the authorised chart's unless configured; a layout that cannot be one stops start-up naming the setting.</summary>
public sealed class LedgerOptionsTests
{
    private static AccountStringLayout From(params (string Key, string Value)[] settings) =>
        LedgerOptions.From(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Fact]
    public void UnsetItIsTheAuthorisedChartsLayoutAndASeparatorAloneKeepsItsParts()
    {
        Assert.Same(AccountStringLayout.Authorised, From());
        var spaced = From(("Ledger:Account:Separator", " "));
        Assert.Equal("3.22.01 1 4.0 1234 100", spaced.Example);
        Assert.Equal("3.22.01 1 4.0", spaced.Read("3.22.01   1 4.0").Account);
    }

    [Fact]
    public void AFinanceSystemsOwnLayoutIsReadFromItsParts()
    {
        var layout = From(
            ("Ledger:Account:Separator", "."),
            ("Ledger:Account:Parts:0:Name", "Artskonto"), ("Ledger:Account:Parts:0:Pattern", "[0-9]{6}"), ("Ledger:Account:Parts:0:Example", "322014"),
            ("Ledger:Account:Parts:1:Name", "Omkostningssted"), ("Ledger:Account:Parts:1:Pattern", "[0-9]{4}"), ("Ledger:Account:Parts:1:Example", "1234"),
            ("Ledger:Account:Parts:1:Required", "false"));

        Assert.Equal("322014.1234", layout.Example);
        Assert.Equal("322014", layout.Read("322014").Account);
        Assert.Contains("passer ikke som artskonto", layout.Read("32201").Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ledger:Account:Parts:0:Example", "", "Ledger:Account:Parts:0 needs a Name, a Pattern")]
    [InlineData("Ledger:Account:Parts:0:Pattern", "[0-9", "Ledger:Account:Parts:0:Pattern is not a regular expression")]
    [InlineData("Ledger:Account:Parts:0:Pattern", "([0-9])\\1+", "Ledger:Account:Parts:0:Pattern uses what a pattern for an account string need not")]
    [InlineData("Ledger:Account:Parts:0:Required", "måske", "Ledger:Account:Parts:0:Required must be true or false")]
    [InlineData("Ledger:Account:Parts:0:Required", "false", "its first part must be required")]
    [InlineData("Ledger:Account:Separator", "x", "neither letters nor digits")]
    public void ALayoutThatCannotBeOneStopsStartUpNamingTheSetting(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string>
        {
            ["Ledger:Account:Parts:0:Name"] = "Konto",
            ["Ledger:Account:Parts:0:Pattern"] = "[0-9]{6}",
            ["Ledger:Account:Parts:0:Example"] = "322014",
            [key] = value,
        };

        var error = Assert.Throws<StartupException>(() => From([.. settings.Select(s => (s.Key, s.Value))]));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
