using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rounds;
using Udmoentning.Web.Access;
using Udmoentning.Web.Data;
using Udmoentning.Web.Realtime;
using Udmoentning.Web.Rounds;

namespace Udmoentning.Web.Changes;

/// <summary>A report on an item in a follow-up round: the round's status text, and the traffic light and timing confirmed.</summary>
public sealed record RoundReportRequest(int RoundId, int ItemId, Guid ExpectedVersion, string? StatusText, Health Health, Quarter? Timing);

/// <summary>
/// Reporting in a follow-up round. The one who answers for the item (<see cref="RoundRules.RefusalToReport"/>) writes the
/// round's status text, confirms traffic light and timing (new values change the item itself, as an edit would) and marks
/// it ready. Each is saved with the item (a new revision) and a history record in one transaction and published as
/// <see cref="ChangeKind.Reported"/>, so boards, the round's progress and every node hear of it.
/// </summary>
public sealed partial class PlanItemService
{
    public const string ReportedKind = "Opfølgning";

    // A report does not depend on the item's place or other fields, so a save that lost the race to a move is tried again.
    private const int RoundAttempts = 3;

    public Task<RoundOutcome> ReportInRoundAsync(ClaimsPrincipal user, RoundReportRequest request, CancellationToken cancellationToken = default) =>
        logger.GuardAsync(() => RoundStepAsync(user, "report on", request.RoundId, request.ItemId, request.ExpectedVersion, (round, entry, item, plan, actor, now) =>
        {
            var (oldText, oldHealth, oldTiming) = (entry.StatusText, item.Health, item.Timing);
            if ((request.Health != item.Health || request.Timing != item.Timing) && AccessRules.RefusalToChange(actor, item) is { } refusal)
            {
                // Answering for the item in the round is writing its text; its own traffic light and timing stay with those
                // who may change the item (cross-cutting items: the coordinators).
                throw new RoundForbiddenException($"{refusal} Gem statusteksten med punktets nuværende tilstand ({item.Health.Name()}) og tidspunkt ({item.Timing?.ToString() ?? "intet"}), og bed en koordinator om at ændre dem.");
            }

            entry.Report(request.StatusText, request.Health, request.Timing, actor.UserId, actor.Name, now);
            item.ConfirmInRound(plan, request.Health, request.Timing);
            var changes = new List<FieldChange>();
            if (oldText != entry.StatusText)
            {
                changes.Add(new FieldChange($"Statustekst ({round.Name})", oldText, entry.StatusText));
            }

            if (oldHealth != item.Health)
            {
                changes.Add(new FieldChange("Tilstand", oldHealth.Name(), item.Health.Name()));
            }

            if (oldTiming != item.Timing)
            {
                changes.Add(new FieldChange("Vejledende tidspunkt", oldTiming?.ToString(), item.Timing?.ToString()));
            }

            if (changes.Count == 0)
            {
                changes.Add(new FieldChange("Bekræftet i runden", null, round.Name));
            }

            return (changes, $"Opfølgningen på {entry.ItemCode} er gemt.");
        }, cancellationToken), RoundOutcome.Unavailable);

    /// <summary>Marks the item ready ("klar") in the round, or takes that back with <paramref name="ready"/> false.</summary>
    public Task<RoundOutcome> MarkReadyInRoundAsync(ClaimsPrincipal user, int roundId, int itemId, Guid expectedVersion, bool ready, CancellationToken cancellationToken = default) =>
        logger.GuardAsync(() => RoundStepAsync(user, "mark ready", roundId, itemId, expectedVersion, (round, entry, item, plan, actor, now) =>
        {
            if (ready)
            {
                entry.MarkReady(actor.Name, now);
            }
            else
            {
                entry.MarkNotReady();
            }

            item.NoteRoundChange();
            return ([new FieldChange($"Klar ({round.Name})", ready ? "Nej" : "Ja", ready ? "Ja" : "Nej")],
                ready ? $"{entry.ItemCode} er markeret klar." : $"{entry.ItemCode} er ikke længere markeret klar.");
        }, cancellationToken), RoundOutcome.Unavailable);

    private delegate (IReadOnlyList<FieldChange> Changes, string Message) RoundStep(
        FollowUpRound round, RoundItem entry, PlanItem item, Plan plan, Actor actor, DateTime now);

    private async Task<RoundOutcome> RoundStepAsync(
        ClaimsPrincipal user, string action, int roundId, int itemId, Guid expectedVersion, RoundStep step, CancellationToken cancellationToken)
    {
        if (!limiter.TryAcquire(user))
        {
            return RoundOutcome.TooMany();
        }

        var actor = await currentUsers.ActorAsync(user, cancellationToken);
        if (!AccessRules.CanView(actor))
        {
            return ForbiddenInRound(user, action, itemId, null, AccessRules.NotSignedIn);
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
            var entry = round is null ? null : await db.RoundItems.SingleOrDefaultAsync(e => e.RoundId == roundId && e.ItemId == itemId, cancellationToken);
            var item = entry is null ? null : await db.Items.SingleOrDefaultAsync(i => i.Id == itemId && i.PlanId == round!.PlanId, cancellationToken);
            if (round is null || entry is null || item is null)
            {
                return RoundOutcome.NotFound(round is null ? "Runden findes ikke (længere)." : RoundOutcome.NotInRound);
            }

            var (committees, _) = await StructureAsync(db, item, cancellationToken);
            var committeeName = committees.FirstOrDefault(c => c.Id == item.CommitteeId)?.Name ?? "udvalget";
            if (RoundRules.RefusalToReport(actor, entry, item.CommitteeId, committeeName) is { } refusal)
            {
                return ForbiddenInRound(user, action, itemId, entry, refusal);
            }

            if (round.IsClosed)
            {
                return RoundOutcome.Refused(FollowUpRound.ClosedRefusal(round.Name), entry);
            }

            var plan = await db.Plans.Include(p => p.Themes).SingleAsync(p => p.Id == item.PlanId, cancellationToken);
            if (plan.ReadOnlyReason is { } readOnly)
            {
                return RoundOutcome.Refused(readOnly, entry);
            }

            if (entry.Version != expectedVersion)
            {
                return RoundOutcome.Stale(entry);
            }

            var previous = Previous(item, committees);
            var now = clock.GetUtcNow();
            (IReadOnlyList<FieldChange> Changes, string Message) result;
            try
            {
                result = step(round, entry, item, plan, actor, now.UtcDateTime);
            }
            catch (RoundForbiddenException e)
            {
                return ForbiddenInRound(user, action, itemId, entry, e.Message);
            }
            catch (PlanRuleException e)
            {
                var message = e.Errors.Count > 0 ? string.Join(" ", e.Errors.Select(f => f.Message)) : e.Message;
                return RoundOutcome.Invalid(message, entry);
            }

            db.History.Add(new ItemHistoryEntry(item.PlanId, item.Id, item.Code, now.UtcDateTime, actor.UserId, actor.Name, ReportedKind, result.Changes));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < RoundAttempts)
            {
                // The item or the entry changed under the save: read both again. A changed entry answers stale above.
                continue;
            }
            catch (DbUpdateConcurrencyException)
            {
                await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
                return RoundOutcome.Stale(await fresh.RoundItems.AsNoTracking().SingleOrDefaultAsync(e => e.Id == entry.Id, cancellationToken));
            }

            await publisher.PublishAsync(new ItemChange(item.PlanId, ChangeKind.Reported, item, previous.Status, previous.Committees, actor.Name, now), committees, cancellationToken);
            return RoundOutcome.Saved(entry, item, result.Message);
        }
    }

    private RoundOutcome ForbiddenInRound(ClaimsPrincipal user, string action, int itemId, RoundItem? entry, string reason)
    {
        logger.LogWarning("Forbidden: user {UserId} tried to {Action} item {ItemId} in a follow-up round: {Reason}", CurrentUsers.UserId(user), action, itemId, reason);
        return RoundOutcome.Forbidden(reason, entry);
    }
}

/// <summary>A step in a round that the actor may not take, found while applying it; saves and records nothing.</summary>
internal sealed class RoundForbiddenException(string message) : Exception(message);
