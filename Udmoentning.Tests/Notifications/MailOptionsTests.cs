using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Udmoentning.Web;
using Udmoentning.Web.Notifications;

namespace Udmoentning.Tests.Notifications;

/// <summary>The mail settings: off without a host; with one, a missing or wrong setting stops start-up naming what to fix.</summary>
public sealed class MailOptionsTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static readonly (string, string)[] Complete =
        [("Email:Smtp:Host", "smtp.office365.com"), ("Email:FromAddress", "udmoentning@kommune.dk"), ("Email:PublicUrl", "https://udmoentning.kommune.dk")];

    [Fact]
    public void WithoutAHostEmailIsOffAndWithOneItDefaultsToStartTlsOnPort587()
    {
        Assert.False(MailOptions.From(Settings()).IsOn);
        var on = MailOptions.From(Settings(Complete));
        Assert.True(on.IsOn);
        Assert.Equal((587, SecureSocketOptions.StartTls), (on.Port, on.Security));
        Assert.Equal("https://udmoentning.kommune.dk/plan/1/runder/mine", on.Link("plan/1/runder/mine"));
    }

    [Theory]
    [InlineData("Email:FromAddress", "ikke en adresse", "Email:FromAddress must be the address mails are sent from")]
    [InlineData("Email:PublicUrl", "udmoentning.kommune.dk", "Email:PublicUrl must be the address people open the app at")]
    [InlineData("Email:Smtp:Security", "SSL3", "Email:Smtp:Security is \"SSL3\": use StartTls")]
    [InlineData("Email:Smtp:Port", "70000", "Email:Smtp:Port must be a port number")]
    [InlineData("Email:DigestHour", "24", "Email:DigestHour must be an hour from 0 to 23")]
    [InlineData("Email:LeaseSeconds", "2", "Email:LeaseSeconds must be from 1 to 600 and longer than Email:PollSeconds")]
    public void AWrongSettingStopsStartUpAndNamesIt(string key, string value, string message)
    {
        var settings = Complete.Where(s => s.Item1 != key).Append((key, value)).ToArray();
        if (key == "Email:LeaseSeconds")
        {
            settings = [.. settings, ("Email:PollSeconds", "5")];
        }

        var problem = Assert.Throws<StartupException>(() => MailOptions.From(Settings(settings)));
        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }
}
