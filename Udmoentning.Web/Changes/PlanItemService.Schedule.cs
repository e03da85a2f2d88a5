using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Web.Changes;

/// <summary>
/// Put an item on a committee's arbejdsplan: at <paramref name="MeetingId"/>, one of <paramref name="CommitteeId"/>'s meetings,
/// or, with no meeting, treated by the committee at a meeting not yet chosen.
/// </summary>
public sealed record ScheduleRequest(int ItemId, Guid ExpectedVersion, int CommitteeId, int? MeetingId);

public sealed partial class PlanItemService
{
    private static readonly CultureInfo _danish = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>
    /// Schedules, moves or unschedules an item's political treatment. It is an edit of the item's treatment committee and
    /// meeting, so it passes the same checks as any edit (<see cref="UpdateAsync"/>): who may change it, an archived plan,
    /// a stale version, the meeting belonging to the committee; it records one history record and is published once.
    /// </summary>
    public Task<ChangeOutcome> ScheduleAsync(ClaimsPrincipal user, ScheduleRequest request, CancellationToken cancellationToken = default) =>
        logger.GuardAsync(() => ScheduleOnceAsync(user, request, cancellationToken), ChangeOutcome.Unavailable);

    private async Task<ChangeOutcome> ScheduleOnceAsync(ClaimsPrincipal user, ScheduleRequest request, CancellationToken cancellationToken)
    {
        if (!limiter.TryAcquire(user))
        {
            return ChangeOutcome.TooMany();
        }

        PlanItem? item;
        Domain.Plans.CommitteeMeeting? meeting = null;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            item = await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.Id == request.ItemId, cancellationToken);
            if (request.MeetingId is { } meetingId)
            {
                meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
            }
        }

        if (item is null)
        {
            return ChangeOutcome.NotFound();
        }

        // A cancelled meeting stays in the calendar so its items can be moved away, but takes no new ones.
        if (meeting is { IsCancelled: true } && item.TreatmentMeetingId != meeting.Id)
        {
            return ChangeOutcome.Invalid(item,
                [new FieldError(nameof(ItemDetails.TreatmentMeetingId), $"Mødet {meeting.Date.ToString("d. MMM yyyy", _danish)} er aflyst. Vælg et andet møde.")]);
        }

        // Built from the version the caller expects to change: if the item changed since, UpdateAsync finds it stale.
        var details = item.ToDetails() with { TreatmentCommitteeId = request.CommitteeId, TreatmentMeetingId = request.MeetingId };
        return await UpdateAsync(user, request.ItemId, request.ExpectedVersion, details, cancellationToken);
    }
}
