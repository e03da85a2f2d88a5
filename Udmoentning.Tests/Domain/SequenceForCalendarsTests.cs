using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rounds;

namespace Udmoentning.Tests.Domain;

/// <summary>The counters a calendar event's SEQUENCE comes from: they rise with each change a subscriber must see, and only then.</summary>
public sealed class SequenceForCalendarsTests
{
    [Fact]
    public void MovingCancellingAndReinstatingAMeetingEachRaiseItsSequence()
    {
        var meeting = new CommitteeMeeting(new Committee("Arbejdsmarkedsudvalget", "AU"), new DateOnly(2025, 5, 22));
        Assert.Equal(0, meeting.Sequence);

        meeting.MoveTo(new DateOnly(2025, 5, 27));
        Assert.Equal(1, meeting.Sequence);
        meeting.MoveTo(new DateOnly(2025, 5, 27));
        Assert.Equal(1, meeting.Sequence);

        meeting.Cancel();
        Assert.Equal(2, meeting.Sequence);
        meeting.Cancel();
        Assert.Equal(2, meeting.Sequence);

        meeting.Cancel(cancelled: false);
        Assert.Equal(3, meeting.Sequence);
    }

    [Fact]
    public void MovingARoundsDeadlineRaisesItsSequence()
    {
        var plan = TestPlans.Plan2025();
        var item = TestPlans.Item(plan);
        var round = FollowUpRound.Open(plan, "Budgetopfølgning pr. 30. juni", new DateOnly(2025, 6, 20), null, [item], "u1", "Karin", DateTime.UtcNow);
        Assert.Equal(0, round.DeadlineSequence);

        round.ChangeDeadline(new DateOnly(2025, 6, 27));
        Assert.Equal(1, round.DeadlineSequence);
        round.ChangeDeadline(new DateOnly(2025, 6, 27));
        Assert.Equal(1, round.DeadlineSequence);
    }
}
