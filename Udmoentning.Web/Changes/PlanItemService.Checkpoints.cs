using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Notifications;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Notifications;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Changes;

/// <summary>
/// Mark a coordination step as done for an item. For <see cref="CheckpointStep.PoliticallyTreated"/>,
/// <paramref name="CommitteeId"/> is the committee that treated it and <paramref name="MeetingId"/> optionally its meeting.
/// </summary>
public sealed record CheckpointRequest(int ItemId, CheckpointStep Step, int? CommitteeId = null, int? MeetingId = null);

public sealed partial class PlanItemService
{
    public const string CheckpointKind = "Kontrolpunkt";
    public const string NotDone = "Ikke gjort";

    /// <summary>
    /// Marks a step as done: who may (<see cref="AccessRules.RefusalToMarkCheckpoint"/>), an open plan, a committee and
    /// meeting that exist and belong together; one history record; published as <see cref="ChangeKind.Checkpoint"/>.
    /// A checkpoint does not depend on the item's version: an edit open in someone's form stays valid.
    /// </summary>
    public Task<ChangeOutcome<PlanItem>> MarkCheckpointAsync(ClaimsPrincipal user, CheckpointRequest request, CancellationToken cancellationToken = default) =>
        CheckpointAsync(user, request, mark: true, cancellationToken);

    /// <summary>Takes a step back as not done, with the same checks; a completed item keeps the steps it requires.</summary>
    public Task<ChangeOutcome<PlanItem>> ClearCheckpointAsync(ClaimsPrincipal user, int itemId, CheckpointStep step, CancellationToken cancellationToken = default) =>
        CheckpointAsync(user, new CheckpointRequest(itemId, step), mark: false, cancellationToken);

    private Task<ChangeOutcome<PlanItem>> CheckpointAsync(ClaimsPrincipal user, CheckpointRequest request, bool mark, CancellationToken cancellationToken) =>
        OnItemAsync(user, "mark a checkpoint of", request.ItemId, null,
            (actor, item) => Enum.IsDefined(request.Step) ? AccessRules.RefusalToMarkCheckpoint(actor, item, request.Step) : null, withThemes: false,
            async (change, item, _) =>
            {
                if (!Enum.IsDefined(request.Step))
                {
                    return ChangeOutcome.Refused(item, "Det valgte kontrolpunkt findes ikke.");
                }

                var (committees, _) = await StructureAsync(change.Db, item, cancellationToken);
                var existing = item.Checkpoints.FirstOrDefault(c => c.Step == request.Step);
                var meeting = (mark ? request.MeetingId : existing?.MeetingId) is { } meetingId
                    ? await change.Db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
                    : null;
                if (mark && TreatmentProblem(request, committees, meeting) is { } problem)
                {
                    return ChangeOutcome.Refused(item, problem);
                }

                var previous = Previous(item, committees);
                var old = Describe(existing, committees, meeting);
                try
                {
                    if (mark)
                    {
                        item.MarkCheckpoint(request.Step, change.Actor.UserId, change.Actor.Name, change.At, request.CommitteeId, request.MeetingId);
                    }
                    else
                    {
                        item.ClearCheckpoint(request.Step);
                    }
                }
                catch (PlanRuleException e)
                {
                    return ChangeOutcome.Refused(item, e.Message);
                }

                var @new = Describe(item.Checkpoints.FirstOrDefault(c => c.Step == request.Step), committees, meeting);
                change.Record(item, CheckpointKind, [new FieldChange(request.Step.Name(), old, @new)]);
                change.Publish(ChangeKind.Checkpoint, item, previous);
                if (mark && mailer.IsOn)
                {
                    await mailer.QueueAsync(change, MailKind.Coordination,
                        await CoordinationMails.NextStepAsync(change.Db, mailer.Options, item, request.Step, change.Actor, change.At, cancellationToken), cancellationToken);
                }

                return ChangeOutcome.Saved(item);
            }, cancellationToken);

    /// <summary>Why the committee and meeting given for a step cannot be recorded; null when they can.</summary>
    private static string? TreatmentProblem(CheckpointRequest request, IReadOnlyList<Committee> committees, CommitteeMeeting? meeting)
    {
        if (request.Step != CheckpointStep.PoliticallyTreated)
        {
            // The domain refuses a committee or meeting on the other steps.
            return null;
        }

        if (request.CommitteeId is { } committeeId && committees.All(c => c.Id != committeeId))
        {
            return "Det valgte udvalg findes ikke. Vælg det udvalg, der har behandlet punktet.";
        }

        if (request.MeetingId is not null && (meeting is null || meeting.CommitteeId != request.CommitteeId))
        {
            return "Vælg et møde i det udvalg, der har behandlet punktet, eller intet møde.";
        }

        return meeting is { IsCancelled: true }
            ? $"Mødet {meeting.Date.ToString("d. MMM yyyy", _danish)} er aflyst. Vælg det møde, hvor punktet blev behandlet."
            : null;
    }

    /// <summary>A step as the record writes it: "Ikke gjort", "Gjort", or "Gjort (Arbejdsmarkedsudvalget, møde 21. aug. 2025)".</summary>
    private static string Describe(Checkpoint? done, IReadOnlyList<Committee> committees, CommitteeMeeting? meeting)
    {
        if (done is null)
        {
            return NotDone;
        }

        if (done.CommitteeId is not { } committeeId)
        {
            return "Gjort";
        }

        var committee = committees.FirstOrDefault(c => c.Id == committeeId)?.Name ?? "ukendt udvalg";
        var at = done.MeetingId is null ? null
            : meeting?.Id == done.MeetingId ? $", møde {meeting.Date.ToString("d. MMM yyyy", _danish)}"
            : ", møde";
        return $"Gjort ({committee}{at})";
    }
}
