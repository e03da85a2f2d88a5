namespace Udmoentning.Web.Workplan;

/// <summary>The meeting chosen in the move dialog; null for "not scheduled".</summary>
public sealed record MeetingChoice(int? MeetingId);
