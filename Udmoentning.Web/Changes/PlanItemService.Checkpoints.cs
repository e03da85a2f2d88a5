using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Data;
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

    // A checkpoint does not depend on the item's other fields, so a save that lost the race to another is tried again.
    private const int CheckpointAttempts = 3;

    /// <summary>
    /// Marks a step as done: who may (<see cref="AccessRules.RefusalToMarkCheckpoint"/>), an open plan, a committee and
    /// meeting that exist and belong together; one history record; published as <see cref="ChangeKind.Checkpoint"/>.
    /// </summary>
    public Task<ChangeOutcome> MarkCheckpointAsync(ClaimsPrincipal user, CheckpointRequest request, CancellationToken cancellationToken = default) =>
        logger.GuardAsync(() => CheckpointOnceAsync(user, request, mark: true, cancellationToken), ChangeOutcome.Unavailable);

    /// <summary>Takes a step back as not done, with the same checks; a completed item keeps the steps it requires.</summary>
    public Task<ChangeOutcome> ClearCheckpointAsync(ClaimsPrincipal user, int itemId, CheckpointStep step, CancellationToken cancellationToken = default) =>
        logger.GuardAsync(() => CheckpointOnceAsync(user, new CheckpointRequest(itemId, step), mark: false, cancellationToken), ChangeOutcome.Unavailable);

    private async Task<ChangeOutcome> CheckpointOnceAsync(ClaimsPrincipal user, CheckpointRequest request, bool mark, CancellationToken cancellationToken)
    {
        if (!limiter.TryAcquire(user))
        {
            return ChangeOutcome.TooMany();
        }

        var actor = await currentUsers.ActorAsync(user, cancellationToken);
        if (!AccessRules.CanView(actor))
        {
            return Forbidden(user, "mark a checkpoint of", request.ItemId, null, AccessRules.NotSignedIn);
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var item = await ItemAsync(db, request.ItemId, cancellationToken);
            if (item is null)
            {
                return ChangeOutcome.NotFound();
            }

            if (!Enum.IsDefined(request.Step))
            {
                return ChangeOutcome.Refused(item, "Det valgte kontrolpunkt findes ikke.");
            }

            if (AccessRules.RefusalToMarkCheckpoint(actor, item, request.Step) is { } refusal)
            {
                return Forbidden(user, "mark a checkpoint of", item.Id, item, refusal);
            }

            if (await ReadOnlyReasonAsync(db, item, cancellationToken) is { } readOnly)
            {
                return ChangeOutcome.Refused(item, readOnly);
            }

            var (committees, _) = await StructureAsync(db, item, cancellationToken);
            var existing = item.Checkpoints.FirstOrDefault(c => c.Step == request.Step);
            var meeting = (mark ? request.MeetingId : existing?.MeetingId) is { } meetingId
                ? await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
                : null;
            if (mark && TreatmentProblem(request, committees, meeting) is { } problem)
            {
                return ChangeOutcome.Refused(item, problem);
            }

            var previous = Previous(item, committees);
            var old = Describe(existing, committees, meeting);
            var now = clock.GetUtcNow();
            try
            {
                if (mark)
                {
                    item.MarkCheckpoint(request.Step, actor.UserId, actor.Name, now.UtcDateTime, request.CommitteeId, request.MeetingId);
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
            db.History.Add(new ItemHistoryEntry(item.PlanId, item.Id, item.Code, now.UtcDateTime, actor.UserId, actor.Name, CheckpointKind,
                [new FieldChange(request.Step.Name(), old, @new)]));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < CheckpointAttempts)
            {
                // Another save of the item came first (its revision moved, or the same step was just marked): read it again.
                continue;
            }
            catch (DbUpdateConcurrencyException)
            {
                await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
                return ChangeOutcome.Stale(await fresh.Items.AsNoTracking().SingleOrDefaultAsync(i => i.Id == item.Id, cancellationToken));
            }

            await publisher.PublishAsync(new ItemChange(item.PlanId, ChangeKind.Checkpoint, item, previous.Status, previous.Committees, actor.Name, now), committees, cancellationToken);
            return ChangeOutcome.Saved(item);
        }
    }

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
