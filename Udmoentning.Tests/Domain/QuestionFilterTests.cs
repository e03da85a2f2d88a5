using Udmoentning.Domain.Questions;
using Udmoentning.Web.Questions;

namespace Udmoentning.Tests.Domain;

/// <summary>The question list's filters as the address writes them, and which questions each lets through.</summary>
public sealed class QuestionFilterTests
{
    private static readonly QuestionRow OnItem = Row(1, QuestionStatus.Assigned, "asker-1", "Vil biblioteket lukke?", answer: null, committeeId: 5, themeId: 2, overdue: true, responsible: "redaktoer");
    private static readonly QuestionRow OnPlan = Row(2, QuestionStatus.Published, "asker-2", "Hvad koster planen?", answer: "Tre millioner til skolerne.", committeeId: null, themeId: null, overdue: false, responsible: null);

    [Fact]
    public void AnAddressWithoutFiltersShowsEveryQuestion()
    {
        var filter = QuestionFilter.Parse(null, null, null, null, null, null, null);

        Assert.True(filter.IsEmpty);
        Assert.True(filter.Matches(OnItem, null, "x") && filter.Matches(OnPlan, null, "x"));
    }

    [Theory]
    [InlineData("fordelt", null, null, null, null, null, null, true, false)]
    [InlineData("offentliggjort", null, null, null, null, null, null, false, true)]
    [InlineData(null, "buu", null, null, null, null, null, true, false)]
    [InlineData(null, null, "2", null, null, null, null, true, false)]
    [InlineData(null, null, null, "asker-2", null, null, null, false, true)]
    [InlineData(null, null, null, null, "1", null, null, true, false)]
    [InlineData(null, null, null, null, null, "1", null, true, false)]
    [InlineData(null, null, null, null, null, null, "BIBLIOTEK", true, false)]
    [InlineData(null, null, null, null, null, null, "skolerne", false, true)]
    [InlineData("ukendt", null, "ikke-et-tal", null, "nej", null, "   ", true, true)]
    public void EachFilterLetsThroughTheQuestionsItNames(string? status, string? committee, string? theme, string? asker, string? overdue, string? mine, string? text, bool item, bool plan)
    {
        var filter = QuestionFilter.Parse(status, committee, theme, asker, overdue, mine, text);

        Assert.Equal((item, plan), (filter.Matches(OnItem, committee is null ? null : 5, "redaktoer"), filter.Matches(OnPlan, committee is null ? null : 5, "redaktoer")));
    }

    [Fact]
    public void AnUnknownCommitteeLetsNothingThrough()
    {
        var filter = QuestionFilter.Parse(null, "findes-ikke", null, null, null, null, null);

        Assert.False(filter.Matches(OnItem, null, "x"));
    }

    private static QuestionRow Row(int id, QuestionStatus status, string asker, string text, string? answer, int? committeeId, int? themeId, bool overdue, string? responsible) => new(
        new QuestionView(id, $"Spørgsmål {id}", id, QuestionScope.Plan, null, asker, "Navn " + asker, null, text, new DateTime(2026, 9, 1, 0, 0, 0, DateTimeKind.Utc), status,
            responsible, responsible, null, answer, null, null, null, Guid.NewGuid()),
        new QuestionSubject("Et emne", committeeId, themeId, null),
        overdue);
}
