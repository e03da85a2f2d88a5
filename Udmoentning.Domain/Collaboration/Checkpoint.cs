namespace Udmoentning.Domain.Collaboration;

/// <summary>
/// A coordination step done for an item: who marked it and when; for <see cref="CheckpointStep.PoliticallyTreated"/> also
/// which committee treated it and at which meeting. Stored with the item, one per step.
/// </summary>
public sealed record Checkpoint(CheckpointStep Step, DateTime DoneAt, string ByUserId, string ByName, int? CommitteeId = null, int? MeetingId = null);
