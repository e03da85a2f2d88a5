using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rounds;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Changes;

/// <summary>A report on an item in a follow-up round: the round's status text, and the traffic light and timing confirmed.</summary>
public sealed record RoundReportRequest(int RoundId, int ItemId, Guid ExpectedVersion, string? StatusText, Health Health, Quarter? Timing);

/// <summary>What a report in a round is about, as it is now: the item's entry in the round, and the item itself once saved.</summary>
public sealed record RoundAnswer(RoundItem Entry, PlanItem? Item);

/// <summary>
/// Reporting in a follow-up round. The one who answers for the item (<see cref="RoundRules.RefusalToReport"/>) writes the
/// round's status text, confirms traffic light and timing (new values change the item itself, as an edit would) and marks
/// it ready. Each is saved with the item (a new revision) and a history record in one transaction and published as
/// <see cref="ChangeKind.Reported"/>, so boards, the round's progress and every node hear of it.
/// </summary>
public sealed partial class PlanItemService
{
    public const string ReportedKind = "Opfølgning";

    public const string NotInRound = "Punktet er ikke med i runden (længere).";

    public Task<ChangeOutcome<RoundAnswer>> ReportInRoundAsync(ClaimsPrincipal user, RoundReportRequest request, CancellationToken cancellationToken = default) =>
        RoundStepAsync(user, "report on", request.RoundId, request.ItemId, request.ExpectedVersion, (change, round, entry, item, plan, changes) =>
        {
            var (oldText, oldHealth, oldTiming) = (entry.StatusText, item.Health, item.Timing);
            if ((request.Health != item.Health || request.Timing != item.Timing) && AccessRules.RefusalToChange(change.Actor, item) is { } refusal)
            {
                // Answering for the item in the round is writing its text; its own traffic light and timing stay with those
                // who may change the item (cross-cutting items: the coordinators).
                return ChangeOutcome.Forbidden(new RoundAnswer(entry, null),
                    $"{refusal} Gem statusteksten med punktets nuværende tilstand ({item.Health.Name()}) og tidspunkt ({item.Timing?.ToString() ?? "intet"}), og bed en koordinator om at ændre dem.");
            }

            entry.Report(request.StatusText, request.Health, request.Timing, change.Actor.UserId, change.Actor.Name, change.At);
            item.ConfirmInRound(plan, request.Health, request.Timing);
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

            return ChangeOutcome.Saved(new RoundAnswer(entry, item), $"Opfølgningen på {entry.ItemCode} er gemt.");
        }, cancellationToken);

    /// <summary>Marks the item ready ("klar") in the round, or takes that back with <paramref name="ready"/> false.</summary>
    public Task<ChangeOutcome<RoundAnswer>> MarkReadyInRoundAsync(ClaimsPrincipal user, int roundId, int itemId, Guid expectedVersion, bool ready, CancellationToken cancellationToken = default) =>
        RoundStepAsync(user, "mark ready", roundId, itemId, expectedVersion, (change, round, entry, item, plan, changes) =>
        {
            if (ready)
            {
                entry.MarkReady(change.Actor.Name, change.At);
            }
            else
            {
                entry.MarkNotReady();
            }

            item.NoteRelatedChange();
            changes.Add(new FieldChange($"Klar ({round.Name})", ready ? "Nej" : "Ja", ready ? "Ja" : "Nej"));
            return ChangeOutcome.Saved(new RoundAnswer(entry, item), ready ? $"{entry.ItemCode} er markeret klar." : $"{entry.ItemCode} er ikke længere markeret klar.");
        }, cancellationToken);

    /// <summary>A step in a round: changes the entry and the item, adds what to record to <paramref name="changes"/>, and answers.</summary>
    private delegate ChangeOutcome RoundStep(Change change, FollowUpRound round, RoundItem entry, PlanItem item, Plan plan, List<FieldChange> changes);

    /// <summary>
    /// A step in a round through the pipeline, after the refusals every step in a round shares: no such round or item in it;
    /// the user does not answer for the item; the round is closed; the plan is archived; the entry is no longer the version
    /// the user saw (stale). A report does not depend on the item's place, so a move that saved first does not refuse it.
    /// </summary>
    private Task<ChangeOutcome<RoundAnswer>> RoundStepAsync(
        ClaimsPrincipal user, string action, int roundId, int itemId, Guid expectedVersion, RoundStep step, CancellationToken cancellationToken) =>
        changes.RunAsync<RoundAnswer>(user, new ChangeRun(action, $"{ChangeRun.Item(itemId)} in follow-up round {roundId}"), async change =>
        {
            var db = change.Db;
            var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
            var entry = round is null ? null : await db.RoundItems.SingleOrDefaultAsync(e => e.RoundId == roundId && e.ItemId == itemId, cancellationToken);
            var item = entry is null ? null : await db.Items.SingleOrDefaultAsync(i => i.Id == itemId && i.PlanId == round!.PlanId, cancellationToken);
            if (round is null || entry is null || item is null)
            {
                return round is null ? ChangeOutcome.NotFound("Runden") : new ChangeOutcome(ChangeStatus.NotFound, NotInRound, []);
            }

            var answer = new RoundAnswer(entry, null);
            var (committees, _) = await StructureAsync(db, item, cancellationToken);
            var committeeName = committees.FirstOrDefault(c => c.Id == item.CommitteeId)?.Name ?? "udvalget";
            if (RoundRules.RefusalToReport(change.Actor, entry, item.CommitteeId, committeeName) is { } refusal)
            {
                return ChangeOutcome.Forbidden(answer, refusal);
            }

            if (round.IsClosed)
            {
                return ChangeOutcome.Refused(answer, FollowUpRound.ClosedRefusal(round.Name));
            }

            var plan = await db.Plans.Include(p => p.Themes).SingleAsync(p => p.Id == item.PlanId, cancellationToken);
            if (plan.ReadOnlyReason is { } readOnly)
            {
                return ChangeOutcome.Refused(answer, readOnly);
            }

            if (entry.Version != expectedVersion)
            {
                return ChangeOutcome.Stale(answer, $"{entry.ItemCode} er ændret i runden af en anden, siden du åbnede det. {ChangeOutcome.NothingSaved}");
            }

            var previous = Previous(item, committees);
            var changes = new List<FieldChange>();
            ChangeOutcome outcome;
            try
            {
                outcome = step(change, round, entry, item, plan, changes);
            }
            catch (PlanRuleException e)
            {
                return ChangeOutcome.Invalid(answer, e.Errors.Count > 0 ? string.Join(" ", e.Errors.Select(f => f.Message)) : e.Message);
            }

            if (outcome.Succeeded)
            {
                change.Record(item, ReportedKind, changes);
                change.Publish(ChangeKind.Reported, item, previous);
            }

            return outcome;
        }, cancellationToken);
}
