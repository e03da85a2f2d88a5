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
    public Task<ChangeOutcome<PlanItem>> ScheduleAsync(ClaimsPrincipal user, ScheduleRequest request, CancellationToken cancellationToken = default) =>
        EditAsync(user, "schedule", request.ItemId, request.ExpectedVersion,
            item => item.ToDetails() with { TreatmentCommitteeId = request.CommitteeId, TreatmentMeetingId = request.MeetingId },
            async (change, item) =>
            {
                // A cancelled meeting stays in the calendar so its items can be moved away, but takes no new ones.
                var meeting = request.MeetingId is { } meetingId
                    ? await change.Db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken)
                    : null;
                return meeting is { IsCancelled: true } && item.TreatmentMeetingId != meeting.Id
                    ? ChangeOutcome.Invalid(item, [new FieldError(nameof(ItemDetails.TreatmentMeetingId), $"Mødet {meeting.Date.ToString("d. MMM yyyy", _danish)} er aflyst. Vælg et andet møde.")])
                    : null;
            }, cancellationToken);
}
