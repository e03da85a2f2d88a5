using Udmoentning.Domain;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Tests.Domain;

/// <summary>Which coordination steps an item needs before X, and that completion waits for them.</summary>
public sealed class CheckpointRulesTests
{
    private static readonly DateTime At = new(2025, 3, 12, 9, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(false, false, false, new CheckpointStep[0])]
    [InlineData(true, false, false, new[] { CheckpointStep.MedInvolved })]
    [InlineData(false, true, false, new[] { CheckpointStep.DiscussedByExecutiveBoard, CheckpointStep.DiscussedByGroupManagement })]
    [InlineData(true, false, true, new[] { CheckpointStep.MedInvolved, CheckpointStep.PoliticallyTreated })]
    [InlineData(true, true, true, new[] { CheckpointStep.MedInvolved, CheckpointStep.DiscussedByExecutiveBoard, CheckpointStep.DiscussedByGroupManagement, CheckpointStep.PoliticallyTreated })]
    [InlineData(false, false, true, new CheckpointStep[0])]
    public void TheFlagsAndTheTreatingCommitteeSayWhichStepsAreRequired(bool med, bool crossCutting, bool treated, CheckpointStep[] expected)
    {
        var item = Item(ItemStatus.InProgress, med, crossCutting, treated);

        Assert.Equal(expected, CheckpointRules.Required(item));
        Assert.Equal(expected, CheckpointRules.Missing(item));
    }

    [Fact]
    public void CompletingAMedItemIsRefusedNamingTheMissingStepAndAllowedOnceItIsDone()
    {
        var item = Item(ItemStatus.InProgress, med: true);

        var refused = Assert.Throws<PlanRuleException>(() => item.MoveTo(ItemStatus.Completed, 1));
        Assert.Equal("AU-D3 kan først afsluttes (X), når \"MED inddraget\" er markeret som gjort. Markér det under Kontrolpunkter i punktets detaljer.", refused.Message);
        Assert.Equal(refused.Message, StatusRules.RefusalReason(item, ItemStatus.Completed));
        Assert.DoesNotContain(ItemStatus.Completed, StatusRules.AllowedMoves(item));
        Assert.Equal(ItemStatus.InProgress, item.Status);

        item.MarkCheckpoint(CheckpointStep.MedInvolved, "u1", "Rita Redaktør", At);
        item.MoveTo(ItemStatus.Completed, 1);

        Assert.Equal(ItemStatus.Completed, item.Status);
    }

    [Fact]
    public void ACrossCuttingItemNamesEveryMissingStep()
    {
        var item = Item(ItemStatus.ReadyForPoliticalTreatment, med: true, crossCutting: true, treated: true);
        item.MarkCheckpoint(CheckpointStep.DiscussedByExecutiveBoard, "u1", "Karin Koordinator", At);

        var reason = StatusRules.RefusalReason(item, ItemStatus.Completed);

        Assert.StartsWith("AU-D3 kan først afsluttes (X), når \"MED inddraget\", \"Drøftet i Koncernledelsen\" og \"Politisk behandlet\" er markeret som gjort.", reason);
        Assert.DoesNotContain("Direktionen", reason);
    }

    [Fact]
    public void AStepRecordsWhoWhenAndForThePoliticalTreatmentTheCommitteeAndMeeting()
    {
        var item = Item(ItemStatus.InProgress, med: true, treated: true);
        var revision = item.Revision;
        var version = item.Version;

        item.MarkCheckpoint(CheckpointStep.PoliticallyTreated, "u1", "Karin Koordinator", At, committeeId: 2, meetingId: 14);

        var done = Assert.Single(item.Checkpoints);
        Assert.Equal(new Checkpoint(CheckpointStep.PoliticallyTreated, At, "u1", "Karin Koordinator", 2, 14), done);
        Assert.Equal(revision + 1, item.Revision);
        Assert.Equal(version, item.Version);
        Assert.Equal([CheckpointStep.MedInvolved], CheckpointRules.Missing(item));
    }

    [Fact]
    public void MarkingRefusesAStepDoneTwiceAPoliticalTreatmentWithoutCommitteeAndACommitteeOnAnotherStep()
    {
        var item = Item(ItemStatus.InProgress, med: true, treated: true);
        item.MarkCheckpoint(CheckpointStep.MedInvolved, "u1", "Rita Redaktør", At);

        var twice = Assert.Throws<PlanRuleException>(() => item.MarkCheckpoint(CheckpointStep.MedInvolved, "u2", "Karin Koordinator", At));
        var noCommittee = Assert.Throws<PlanRuleException>(() => item.MarkCheckpoint(CheckpointStep.PoliticallyTreated, "u2", "Karin Koordinator", At));
        var committeeOnMed = Assert.Throws<PlanRuleException>(() => item.MarkCheckpoint(CheckpointStep.DiscussedByExecutiveBoard, "u2", "Karin Koordinator", At, committeeId: 2));
        var unknown = Assert.Throws<PlanRuleException>(() => item.MarkCheckpoint((CheckpointStep)99, "u2", "Karin Koordinator", At));

        Assert.Equal("\"MED inddraget\" er allerede markeret for AU-D3 af Rita Redaktør.", twice.Message);
        Assert.Equal("Vælg det udvalg, der har behandlet punktet.", noCommittee.Message);
        Assert.Contains("har hverken udvalg eller møde", committeeOnMed.Message);
        Assert.Equal("Det valgte kontrolpunkt findes ikke.", unknown.Message);
        Assert.Single(item.Checkpoints);
    }

    [Fact]
    public void ARequiredStepOfACompletedItemCannotBeTakenBackButAnOpenItemsCan()
    {
        var item = Item(ItemStatus.InProgress, med: true);
        item.MarkCheckpoint(CheckpointStep.MedInvolved, "u1", "Rita Redaktør", At);
        item.MarkCheckpoint(CheckpointStep.DiscussedByExecutiveBoard, "u1", "Karin Koordinator", At);
        item.MoveTo(ItemStatus.Completed, 1);

        var refused = Assert.Throws<PlanRuleException>(() => item.ClearCheckpoint(CheckpointStep.MedInvolved));
        Assert.Equal("AU-D3 er afsluttet, og \"MED inddraget\" kræves for at afslutte det. Genåbn punktet først.", refused.Message);

        // A step the item does not require may be taken back even when it is completed.
        item.ClearCheckpoint(CheckpointStep.DiscussedByExecutiveBoard);
        item.MoveTo(ItemStatus.InProgress, 1);
        item.ClearCheckpoint(CheckpointStep.MedInvolved);

        Assert.Empty(item.Checkpoints);
        var notDone = Assert.Throws<PlanRuleException>(() => item.ClearCheckpoint(CheckpointStep.MedInvolved));
        Assert.Equal("\"MED inddraget\" er ikke markeret for AU-D3.", notDone.Message);
    }

    [Fact]
    public void AWorkbookStillRecordsXAsItSaysWithoutTheSteps()
    {
        var item = Item(ItemStatus.InProgress, med: true, crossCutting: true);

        item.RecordStatus(ItemStatus.Completed, 1);

        Assert.Equal(ItemStatus.Completed, item.Status);
        Assert.NotEmpty(CheckpointRules.Missing(item));
        // A completed item no longer waits for anything, so the board's "Venter på" does not list it.
        Assert.All(Enum.GetValues<CheckpointStep>(), step => Assert.False(CheckpointRules.IsWaitingFor(item, step)));
    }

    [Fact]
    public void AnOpenItemWaitsOnlyForItsRequiredStepsNotYetDone()
    {
        var item = Item(ItemStatus.InProgress, med: true, crossCutting: true);
        item.MarkCheckpoint(CheckpointStep.DiscussedByExecutiveBoard, "u1", "Karin Koordinator", At);

        Assert.True(CheckpointRules.IsWaitingFor(item, CheckpointStep.MedInvolved));
        Assert.True(CheckpointRules.IsWaitingFor(item, CheckpointStep.DiscussedByGroupManagement));
        Assert.False(CheckpointRules.IsWaitingFor(item, CheckpointStep.DiscussedByExecutiveBoard));
        Assert.False(CheckpointRules.IsWaitingFor(item, CheckpointStep.PoliticallyTreated));
    }

    private static PlanItem Item(ItemStatus status, bool med = false, bool crossCutting = false, bool treated = false)
    {
        var plan = TestPlans.Plan2025();
        return PlanItem.Create(plan, TestPlans.Details(plan) with
        {
            RequiresMedInvolvement = med,
            IsCrossCutting = crossCutting,
            TreatmentCommitteeId = treated ? 2 : null,
        }, status);
    }
}
