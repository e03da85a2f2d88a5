using Udmoentning.Domain.Notifications;

namespace Udmoentning.Tests.Domain;

public sealed class MentionsTests
{
    private static readonly Mentionable[] People =
    [
        new("rasmus", "Rasmus Redaktør (AU)"),
        new("anne", "Anne Marie"),
        new("annemarie", "Anne Marie Hansen"),
        new("lise", "Lise Læser"),
    ];

    private static readonly MentionableCommittee[] Committees = [new(1, "AU"), new(2, "BUU"), new(3, "ØU")];

    [Theory]
    [InlineData("Hej @Rasmus Redaktør (AU), se her", new[] { "rasmus" }, new int[0])]
    [InlineData("Hej @rasmus redaktør, se her", new[] { "rasmus" }, new int[0])]
    [InlineData("@Anne Marie Hansen og @Anne Marie.", new[] { "annemarie", "anne" }, new int[0])]
    [InlineData("Til @AU og @øu: @BUU!", new string[0], new[] { 1, 3, 2 })]
    [InlineData("skriv til lise@Lise Læser.dk eller @AUX", new string[0], new int[0])]
    [InlineData("@Lise Læserne læser", new string[0], new int[0])]
    [InlineData("Ingen nævnt her.", new string[0], new int[0])]
    [InlineData("(@Lise Læser)", new[] { "lise" }, new int[0])]
    public void FindsWholeNamesAndCommitteeCodesAfterAnAtSign(string text, string[] users, int[] committees)
    {
        var found = Mentions.Find(text, People, Committees);
        Assert.Equal(users.Order(StringComparer.Ordinal), found.UserIds.Order(StringComparer.Ordinal));
        Assert.Equal(committees.Order(), found.CommitteeIds.Order());
    }

    [Fact]
    public void RetriesWaitLongerEachTimeUpToTheirCeilings()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), OutboxRules.Backoff(1));
        Assert.Equal(TimeSpan.FromSeconds(60), OutboxRules.Backoff(2));
        Assert.Equal(TimeSpan.FromHours(1), OutboxRules.Backoff(OutboxRules.MaxAttempts + 10));
        Assert.Equal(TimeSpan.FromSeconds(5), OutboxRules.ServerBackoff(1));
        Assert.Equal(TimeSpan.FromMinutes(1), OutboxRules.ServerBackoff(50));
    }

    [Fact]
    public void ADigestIsSentOrNotButNeverCollectedAgain()
    {
        Assert.Equal([MailDelivery.AtOnce, MailDelivery.Off], MailKinds.Choices(MailKind.WeeklyDigest));
        Assert.False(MailKinds.IsValid(MailKind.WeeklyDigest, MailDelivery.Daily));
        Assert.True(MailKinds.IsValid(MailKind.Mention, MailDelivery.Daily));
        Assert.False(MailKinds.IsValid(MailKind.DailyDigest, MailDelivery.Off));
        Assert.False(MailKinds.IsValid((MailKind)99, MailDelivery.AtOnce));
    }
}
