using CsCheck;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Questions;

namespace Udmoentning.Tests.Domain;

/// <summary>
/// A politician's question on its way to a published answer: only the allowed steps in the allowed order; its number,
/// once given, never changes; a published question always has its answer; drafts and notes are never a reader's.
/// </summary>
public sealed class PlanQuestionTests
{
    private static readonly DateOnly Today = new(2026, 9, 1);
    private static readonly DateTime Now = new(2026, 9, 1, 10, 0, 0, DateTimeKind.Utc);

    private static readonly Actor Reader = Person("politiker", Role.Reader);
    private static readonly Actor Editor = Person("redaktoer", Role.Editor);
    private static readonly Actor OtherEditor = Person("anden-redaktoer", Role.Editor);
    private static readonly Actor Coordinator = Person("koordinator", Role.Coordinator);
    private static readonly Actor Administrator = Person("administrator", Role.Administrator);

    [Fact]
    public void AQuestionIsNumberedAssignedAnsweredSentBackAnsweredAgainAndPublished()
    {
        var question = Asked();
        Assert.Equal((QuestionStatus.Received, null, "Spørgsmål (ikke nummereret)"), (question.Status, question.Number, question.Title));

        question.Assign(12, Editor.UserId, Editor.Name, Today.AddDays(14), Today);
        Assert.Equal((QuestionStatus.Assigned, 12, "Spørgsmål 12"), (question.Status, question.Number, question.Title));
        question.Draft("  Første udkast.  ");
        question.Submit(Now);
        Assert.Equal((QuestionStatus.Answered, "Første udkast."), (question.Status, question.Answer));

        question.SendBack("Tilføj beløbene for 2027.");
        Assert.Equal((QuestionStatus.Assigned, "Tilføj beløbene for 2027."), (question.Status, question.ReturnNote));
        question.Draft("Andet udkast med beløbene.");
        question.Submit(Now.AddHours(1));
        Assert.Null(question.ReturnNote);
        question.Approve(Coordinator.Name, Now.AddHours(2));

        Assert.Equal((QuestionStatus.Published, "Andet udkast med beløbene.", Coordinator.Name), (question.Status, question.Answer, question.ApprovedBy));
        Assert.Equal(Now.AddHours(2), question.PublishedAt);
        var refused = Assert.Throws<PlanRuleException>(() => question.Assign(13, Editor.UserId, Editor.Name, Today, Today));
        Assert.Equal("Spørgsmål 12 er offentliggjort og kan ikke fordeles.", refused.Message);
    }

    [Fact]
    public void ASplitQuestionKeepsItsFirstPartAndNumberAndTheSecondWaitsFromTheSameAskerAboutTheSameSubject()
    {
        var question = Asked();
        question.Assign(3, Editor.UserId, Editor.Name, Today, Today);
        var version = question.Version;

        var split = question.SplitOff("  Hvad koster det?  ", "Hvornår begynder det?");

        Assert.Equal(("Hvad koster det?", 3, QuestionStatus.Assigned), (question.Text, question.Number, question.Status));
        Assert.NotEqual(version, question.Version);
        Assert.Equal(("Hvornår begynder det?", null, QuestionStatus.Received, question.AskerId, question.Scope, question.SubjectId, question.AskedAt),
            (split.Text, split.Number, split.Status, split.AskerId, split.Scope, split.SubjectId, split.AskedAt));
        Assert.Throws<PlanRuleException>(() => question.SplitOff("Noget", ""));
        question.Draft("Svar.");
        question.Submit(Now);
        Assert.Throws<PlanRuleException>(() => question.SplitOff("En", "To"));
    }

    [Theory]
    [InlineData("", "Spørgsmålet")]
    [InlineData("   ", "Spørgsmålet")]
    public void AnEmptyQuestionIsRefusedInDanish(string text, string names)
    {
        var refused = Assert.Throws<PlanRuleException>(() => new PlanQuestion(1, QuestionScope.Plan, null, Reader.UserId, Reader.Name, null, text, Now));
        Assert.Contains(names, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongStepsAreRefusedAndChangeNothing()
    {
        var question = Asked();
        var version = question.Version;

        Assert.Throws<PlanRuleException>(() => question.Draft("Svar"));
        Assert.Throws<PlanRuleException>(() => question.Submit(Now));
        Assert.Throws<PlanRuleException>(() => question.Approve("x", Now));
        Assert.Throws<PlanRuleException>(() => question.SendBack("note"));
        Assert.Throws<PlanRuleException>(() => question.Assign(1, Editor.UserId, Editor.Name, Today.AddDays(-1), Today));
        Assert.Throws<PlanRuleException>(() => question.Assign(1, " ", "Ingen", Today, Today));
        Assert.Throws<PlanRuleException>(() => question.MergeInto(question));

        Assert.Equal((QuestionStatus.Received, version, null), (question.Status, question.Version, question.Number));
        question.Assign(1, Editor.UserId, Editor.Name, Today, Today);
        Assert.Throws<PlanRuleException>(() => question.Submit(Now));
        Assert.Equal(QuestionStatus.Assigned, question.Status);
    }

    [Fact]
    public void ADuplicateIsMergedIntoAnotherQuestionOfThePlanAndIsLateOnlyWhileItWaitsForAnAnswer()
    {
        var first = Asked();
        var duplicate = Asked();
        typeof(PlanQuestion).GetProperty(nameof(PlanQuestion.Id))!.SetValue(first, 1);
        typeof(PlanQuestion).GetProperty(nameof(PlanQuestion.Id))!.SetValue(duplicate, 2);

        duplicate.MergeInto(first);

        Assert.Equal((QuestionStatus.Merged, 1), (duplicate.Status, duplicate.MergedIntoId));
        Assert.Throws<PlanRuleException>(() => first.MergeInto(duplicate));
        first.Assign(3, Editor.UserId, Editor.Name, Today.AddDays(2), Today);
        Assert.False(first.IsOverdue(Today.AddDays(2)));
        Assert.True(first.IsOverdue(Today.AddDays(3)));
        first.Draft("Svar.");
        first.Submit(Now);
        Assert.False(first.IsOverdue(Today.AddDays(30)));
    }

    [Fact]
    public void TheNextNumberIsOneMoreThanTheHighestGiven()
    {
        Assert.Equal(1, PlanQuestion.NextNumber([]));
        Assert.Equal(1, PlanQuestion.NextNumber([null, null]));
        Assert.Equal(13, PlanQuestion.NextNumber([3, null, 12, 7]));
    }

    /// <summary>Any sequence of steps, allowed or not: a refused step changes nothing; the number never changes once given; published means answered and approved.</summary>
    [Fact]
    public void WhateverStepsAreTriedTheQuestionStaysWhole()
    {
        Gen.Int[0, 6].Array[1, 30].Sample(steps =>
        {
            var question = Asked();
            int? number = null;
            foreach (var step in steps)
            {
                var before = (question.Status, question.Version, question.Answer, question.Number);
                try
                {
                    Take(question, step);
                }
                catch (PlanRuleException)
                {
                    Assert.Equal(before, (question.Status, question.Version, question.Answer, question.Number));
                }

                number ??= question.Number;
                Assert.Equal(number, question.Number);
                if (question.Status == QuestionStatus.Published)
                {
                    Assert.False(string.IsNullOrWhiteSpace(question.Answer));
                    Assert.NotNull(question.ApprovedBy);
                }

                Assert.Equal(question.Status != QuestionStatus.Received, question.Number is not null);
            }
        });
    }

    [Fact]
    public void EachRoleMayTakeTheStepsItsRoleGivesAndAReaderNeverReadsADraftOrANote()
    {
        var question = Asked();
        question.Assign(4, Editor.UserId, Editor.Name, Today, Today);
        question.Draft("Udkast.");
        question.Submit(Now);
        question.SendBack("Ret tallet.");
        question.Draft("Udkast 2.");

        Assert.All(new[] { Reader, Editor, OtherEditor, Coordinator, Administrator }, a => Assert.Null(QuestionRules.RefusalToAsk(a)));
        Assert.Equal(AccessRules.NotSignedIn, QuestionRules.RefusalToAsk(Actor.Anonymous));
        Assert.Equal(
            [AccessRules.NotSignedIn, QuestionRules.NotTriager, QuestionRules.NotTriager, QuestionRules.NotTriager, null, null],
            new[] { Actor.Anonymous, Reader, Editor, OtherEditor, Coordinator, Administrator }.Select(QuestionRules.RefusalToTriage));
        Assert.Equal(
            [AccessRules.NotSignedIn, QuestionRules.NotResponsible, null, QuestionRules.NotResponsible, null, null],
            new[] { Actor.Anonymous, Reader, Editor, OtherEditor, Coordinator, Administrator }.Select(a => QuestionRules.RefusalToAnswer(a, question)));
        Assert.Equal(
            [null, null, "Udkast 2.", "Udkast 2.", "Udkast 2.", "Udkast 2."],
            new[] { Actor.Anonymous, Reader, Editor, OtherEditor, Coordinator, Administrator }.Select(a => QuestionRules.AnswerFor(a, question)));
        Assert.Null(QuestionRules.NoteFor(Reader, question));
        Assert.Equal("Ret tallet.", QuestionRules.NoteFor(Editor, question));

        question.Submit(Now);
        question.Approve(Coordinator.Name, Now);
        Assert.Equal("Udkast 2.", QuestionRules.AnswerFor(Reader, question));
    }

    private static void Take(PlanQuestion question, int step)
    {
        switch (step)
        {
            case 0:
                question.Assign(7, Editor.UserId, Editor.Name, Today.AddDays(7), Today);
                break;
            case 1:
                question.Draft("Et svar.");
                break;
            case 2:
                question.Submit(Now);
                break;
            case 3:
                question.SendBack("Ret det.");
                break;
            case 4:
                question.Approve(Coordinator.Name, Now);
                break;
            case 5:
                question.Assign(9, OtherEditor.UserId, OtherEditor.Name, Today.AddDays(1), Today);
                break;
            default:
                question.Draft(" ");
                break;
        }
    }

    private static PlanQuestion Asked() =>
        new(1, QuestionScope.Item, 42, Reader.UserId, Reader.Name, "Borgerlisten", "Hvad betyder forslaget for bibliotekerne?", Now);

    private static Actor Person(string id, Role role) => new(id, id, new HashSet<Role> { role }, new HashSet<int> { 1 });
}
