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
        Date = date;
    }

    public int Id { get; private set; }
    public int CommitteeId { get; private set; }
    public Committee? Committee { get; private set; }
    public DateOnly Date { get; private set; }
}
