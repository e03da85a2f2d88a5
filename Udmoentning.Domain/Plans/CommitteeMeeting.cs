namespace Udmoentning.Domain.Plans;

/// <summary>A committee meeting at which items can be treated politically.</summary>
public sealed class CommitteeMeeting
{
    private CommitteeMeeting()
    {
    }

    public CommitteeMeeting(Committee committee, DateOnly date)
    {
        Committee = committee;
        CommitteeId = committee.Id;
        Date = CheckDate(date);
    }

    public int Id { get; private set; }
    public int CommitteeId { get; private set; }
    public Committee? Committee { get; private set; }
    public DateOnly Date { get; private set; }

    /// <summary>An aflyst meeting stays in the calendar, marked, so items scheduled for it can be moved.</summary>
    public bool IsCancelled { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    /// <summary>
    /// How often the meeting was moved, cancelled or reinstated: the SEQUENCE of its calendar event, so a calendar that
    /// subscribed to it moves or cancels the event it has instead of keeping the old one.
    /// </summary>
    public int Sequence { get; private set; }

    public void MoveTo(DateOnly date)
    {
        var checkedDate = CheckDate(date);
        if (checkedDate != Date)
        {
            Sequence++;
        }

        Date = checkedDate;
        Version = Guid.NewGuid();
    }

    public void Cancel(bool cancelled = true)
    {
        if (cancelled != IsCancelled)
        {
            Sequence++;
        }

        IsCancelled = cancelled;
        Version = Guid.NewGuid();
    }

    private static DateOnly CheckDate(DateOnly date) =>
        date.Year < Limits.EarliestYear || date.Year > Limits.LatestYear
            ? throw new PlanRuleException($"Mødedatoen skal ligge mellem {Limits.EarliestYear} og {Limits.LatestYear}.")
            : date;
}
