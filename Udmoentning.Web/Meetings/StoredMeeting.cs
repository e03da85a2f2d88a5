namespace Udmoentning.Web.Meetings;

/// <summary>
/// The newest state of one meeting as the database keeps it (<see cref="MeetingStore"/>), so a presentation goes on where it
/// was after a node restarts. One row per plan and meeting; <see cref="State"/> is the <see cref="MeetingState"/> as JSON.
/// </summary>
public sealed class StoredMeeting
{
    public int PlanId { get; set; }
    public string Slug { get; set; } = string.Empty;
    public long Sequence { get; set; }
    public string State { get; set; } = string.Empty;
    public DateTime SavedAt { get; set; }
}
