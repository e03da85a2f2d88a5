namespace Udmoentning.Web.Calendars;

/// <summary>A calendar as its subscriber sees it: its name and its events.</summary>
public sealed record CalendarFeed(string Name, IReadOnlyList<CalendarEntry> Entries);

/// <summary>
/// One all-day event: a meeting (which has a date and no time) or a round's deadline. <see cref="Uid"/> stays the same for
/// the meeting or round for good and <see cref="Sequence"/> rises with each change, so a subscribed calendar moves or
/// cancels the event it already has.
/// </summary>
public sealed record CalendarEntry(string Uid, int Sequence, DateOnly Date, string Summary, string Description, Uri? Link, bool IsCancelled = false)
{
    public static string MeetingUid(int meetingId) => $"meeting-{meetingId}@udmoentning";

    public static string DeadlineUid(int roundId) => $"round-{roundId}-deadline@udmoentning";
}
