using Udmoentning.Domain;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Domain;

/// <summary>The plan's own rules for its themes, stage and budget years; committees; meeting dates as people write them.</summary>
public sealed class PlanAdministrationRulesTests
{
    [Fact]
    public void ThemesAreRenumberedWhenMovedOrRemovedAndNamesStayUnique()
    {
        var plan = new Plan("Udmøntningsplan 2026-2029", 2026, 2029, new DateOnly(2025, 12, 10));
        var a = plan.AddTheme("Økonomi");
        var b = plan.AddTheme("Velfærd");
        var c = plan.AddTheme("Klima");

        plan.MoveTheme(c, -1);
        Assert.Equal(["Økonomi", "Klima", "Velfærd"], plan.Themes.OrderBy(t => t.Position).Select(t => t.Name));
        Assert.Throws<PlanRuleException>(() => plan.MoveTheme(a, -1));
        Assert.Throws<PlanRuleException>(() => plan.RenameTheme(b, " klima "));
        var removed = Assert.Throws<PlanRuleException>(() => plan.RemoveTheme(b, 3));
        Assert.Contains("har 3 punkter og kan ikke fjernes", removed.Message);

        plan.RemoveTheme(a, 0);
        Assert.Equal([(1, "Klima"), (2, "Velfærd")], plan.Themes.OrderBy(t => t.Position).Select(t => (t.Position, t.Name)));
    }

    [Fact]
    public void EveryChangeRenewsThePlansVersionAndAnArchivedPlanSaysWhyItIsReadOnly()
    {
        var plan = new Plan("Plan", 2026, 2029, new DateOnly(2025, 12, 10));
        var version = plan.Version;
        plan.AddTheme("Økonomi");
        Assert.NotEqual(version, plan.Version);

        Assert.Null(plan.ReadOnlyReason);
        plan.MoveTo(PlanStage.Archived);
        Assert.Equal("Planen \"Plan\" er arkiveret og kan kun læses.", plan.ReadOnlyReason);
    }

    [Theory]
    [InlineData(2019, 2022)]
    [InlineData(2028, 2026)]
    [InlineData(2026, 2040)]
    public void BudgetYearsOutsideTheLimitsOrTooManyAreRefused(int first, int last) =>
        Assert.Throws<PlanRuleException>(() => new Plan("Plan", first, last, new DateOnly(2025, 1, 1)));

    [Fact]
    public void ADefaultPlanIsTheNewestAdoptedThenTheNewestDraft()
    {
        PlanSummary P(int id, int year, PlanStage stage) => new(id, $"P{id}", year, year + 3, new DateOnly(year - 1, 12, 1), stage);

        Assert.Equal(2, PlanSummary.Default([P(1, 2025, PlanStage.Adopted), P(2, 2026, PlanStage.Adopted), P(3, 2027, PlanStage.Draft)])!.Id);
        Assert.Equal(3, PlanSummary.Default([P(1, 2025, PlanStage.Archived), P(3, 2027, PlanStage.Draft)])!.Id);
        Assert.Equal(1, PlanSummary.Default([P(1, 2025, PlanStage.Archived)])!.Id);
        Assert.Null(PlanSummary.Default([]));
    }

    [Theory]
    [InlineData("ØU", null, "oeu")]
    [InlineData("Buu", "boern-unge", "boern-unge")]
    public void ACommitteesSlugIsDerivedOrChosen(string code, string? slug, string expected) =>
        Assert.Equal(expected, new Committee("Et udvalg", code, slug).Slug);

    [Theory]
    [InlineData("ØU", "OEU!")]
    [InlineData("ØU", "Store Bogstaver")]
    [InlineData("Ø U", null)]
    public void ABadShortCodeOrSlugIsRefused(string code, string? slug) =>
        Assert.Throws<PlanRuleException>(() => new Committee("Et udvalg", code, slug));

    [Theory]
    [InlineData("15.05.2026", 2026, 5, 15)]
    [InlineData("15-5-2026", 2026, 5, 15)]
    [InlineData("2026-05-15", 2026, 5, 15)]
    [InlineData("15. maj 2026", 2026, 5, 15)]
    [InlineData("3. feb. 2026", 2026, 2, 3)]
    [InlineData("1 december 2026", 2026, 12, 1)]
    public void MeetingDatesAreReadAsDanesWriteThem(string text, int year, int month, int day)
    {
        Assert.True(DanishDate.TryParse(text, out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("31.02.2026")]
    [InlineData("15. mau 2026")]
    [InlineData("１５.０５.２０２６")]
    [InlineData("2026")]
    [InlineData("15.05.1999")]
    public void WhatIsNotADateIsNotTakenForOne(string text) => Assert.False(DanishDate.TryParse(text, out _));

    [Fact]
    public void APastedListGivesItsDatesInOrderOnceAndSaysWhatIsNotADate()
    {
        var (dates, errors) = MeetingDates.ParseList("15.05.2026\r\n12. juni 2026; 15.05.2026, tirsdag");

        Assert.Equal([new DateOnly(2026, 5, 15), new DateOnly(2026, 6, 12)], dates);
        Assert.Equal(["\"tirsdag\" er ikke en dato. Skriv fx 15.05.2026, 2026-05-15 eller 15. maj 2026."], errors);
        Assert.Equal(["Skriv mindst én dato."], MeetingDates.ParseList("  ").Errors);
    }

    [Theory]
    [InlineData("http://x/plan/12/oversigt", 12)]
    [InlineData("http://x/plan/3", 3)]
    [InlineData("http://x/plan/3?status=i-gang", 3)]
    [InlineData("http://x/oversigt", null)]
    [InlineData("http://x/planer/3", null)]
    public void TheAddressNamesThePlanItShows(string uri, int? planId) => Assert.Equal(planId, PlanLinks.PlanIdIn(uri));
}
