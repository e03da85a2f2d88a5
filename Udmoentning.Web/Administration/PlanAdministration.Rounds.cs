using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Notifications;
using Udmoentning.Domain.Rounds;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Notifications;

namespace Udmoentning.Web.Administration;

/// <summary>A new follow-up round as the coordinator fills it in; <see cref="CommitteeId"/> null asks about the whole plan.</summary>
/// <param name="Assignees">Who answers for which item (by item id) from the start, e.g. items whose committee has no editor.</param>
public sealed record RoundForm(string? Name, DateOnly Deadline, int? CommitteeId, IReadOnlyDictionary<int, string>? Assignees = null);

public sealed partial class PlanAdministration
{
    public const string RoundSubject = "Opfølgningsrunde";
    public const string WholePlan = "Hele planen";

    /// <summary>
    /// Opens a follow-up round (coordinators and administrators): the open items of the plan, or of a committee's extract,
    /// each answered by its committee's editors until someone else is chosen.
    /// </summary>
    public Task<ChangeOutcome<int>> OpenRoundAsync(ClaimsPrincipal user, int planId, RoundForm form, CancellationToken cancellationToken = default) =>
        WithPlanAsync(user, planId, null, cancellationToken, async (db, plan, record) =>
        {
            var actor = record.Actor;
            var committee = form.CommitteeId is { } committeeId ? await db.Committees.AsNoTracking().SingleOrDefaultAsync(c => c.Id == committeeId, cancellationToken) : null;
            if (form.CommitteeId is not null && committee is null)
            {
                return ChangeOutcome.NotFound("Udvalget");
            }

            var items = await db.Items.AsNoTracking().Where(i => i.PlanId == planId).ToListAsync(cancellationToken);
            var round = FollowUpRound.Open(plan, form.Name, form.Deadline, committee, FollowUpRound.ItemsFor(committee, items), actor.UserId, actor.Name, clock.GetUtcNow().UtcDateTime);
            var assigned = new List<FieldChange>();
            foreach (var (itemId, assigneeId) in form.Assignees ?? new Dictionary<int, string>())
            {
                if (round.Items.SingleOrDefault(e => e.ItemId == itemId) is not { } entry)
                {
                    return ChangeOutcome.NotFound("Punktet i runden");
                }

                var (refusal, name) = await AnswererAsync(assigneeId, cancellationToken);
                if (refusal is not null)
                {
                    return refusal;
                }

                entry.Assign(assigneeId, name);
                assigned.Add(new FieldChange($"Ansvarlig for {entry.ItemCode}", null, name));
            }

            db.Rounds.Add(round);
            await db.SaveChangesAsync(cancellationToken);
            if (mailer.IsOn)
            {
                await mailer.QueueAsync(record.Change, MailKind.RoundOpened,
                    await RoundMails.OpenedAsync(db, mailer.Options, round, plan.Name, actor.Name, cancellationToken), cancellationToken);
            }

            record.Add(new Recorded(planId, RoundSubject, round.Name, "Oprettet",
                [
                    new FieldChange("Navn", null, round.Name),
                    new FieldChange("Frist", null, IsoDate.Format(round.Deadline)),
                    new FieldChange("Omfang", null, committee?.Name ?? WholePlan),
                    new FieldChange("Punkter", null, Num(round.Items.Count)),
                    .. assigned,
                ]),
                $"Opfølgningsrunden \"{round.Name}\" er åbnet.");
            return ChangeOutcome.Saved(round.Id, $"Runden \"{round.Name}\" er åbnet med {round.Items.Count} punkter, frist {MeetingDates.Format(round.Deadline)}.");
        });

    /// <summary>Moves an open round's deadline.</summary>
    public Task<ChangeOutcome<int>> ChangeRoundDeadlineAsync(ClaimsPrincipal user, int roundId, Guid expectedVersion, DateOnly deadline, CancellationToken cancellationToken = default) =>
        WithRoundAsync(user, roundId, expectedVersion, withItems: false, cancellationToken, async (db, round, record) =>
        {
            var old = round.Deadline;
            round.ChangeDeadline(deadline);
            if (old == deadline)
            {
                return ChangeOutcome.Saved(round.Id, "Intet at gemme: fristen er uændret.");
            }

            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(round.PlanId, RoundSubject, round.Name, "Ændret", [new FieldChange("Frist", IsoDate.Format(old), IsoDate.Format(deadline))]),
                $"Fristen for \"{round.Name}\" er nu {MeetingDates.Format(deadline)}.");
            return ChangeOutcome.Saved(round.Id, $"Fristen er nu {MeetingDates.Format(deadline)}.");
        });

    /// <summary>
    /// Chooses who answers for an item in an open round: a user who may write (<see cref="RoundRules.CanAnswer"/>), or null
    /// to give it back to the editors of the item's committee. <paramref name="expectedVersion"/> is the round item's.
    /// </summary>
    public Task<ChangeOutcome<int>> AssignInRoundAsync(ClaimsPrincipal user, int roundId, int itemId, Guid expectedVersion, string? assigneeId, CancellationToken cancellationToken = default) =>
        WithRoundAsync(user, roundId, null, withItems: false, cancellationToken, async (db, round, record) =>
        {
            var entry = await db.RoundItems.SingleOrDefaultAsync(e => e.RoundId == roundId && e.ItemId == itemId, cancellationToken);
            if (entry is null)
            {
                return ChangeOutcome.NotFound("Punktet i runden");
            }

            if (entry.Version != expectedVersion)
            {
                return ChangeOutcome.Stale($"{entry.ItemCode} i runden");
            }

            string? name = null;
            if (!string.IsNullOrEmpty(assigneeId))
            {
                (var refusal, name) = await AnswererAsync(assigneeId, cancellationToken);
                if (refusal is not null)
                {
                    return refusal;
                }
            }

            var (oldId, old) = (entry.AssigneeId, entry.AssigneeName ?? DefaultAnswerers);
            entry.Assign(assigneeId, name);
            var now = entry.AssigneeName ?? DefaultAnswerers;
            // By id: two people may have the same name, and giving the item from one to the other is a change.
            if (oldId == entry.AssigneeId)
            {
                return ChangeOutcome.Saved(round.Id, "Intet at gemme: ansvaret er uændret.");
            }

            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(round.PlanId, RoundSubject, round.Name, "Ansvar ændret", [new FieldChange($"Ansvarlig for {entry.ItemCode}", old, now)]),
                $"{entry.ItemCode} besvares nu af {now} i \"{round.Name}\".");
            return ChangeOutcome.Saved(round.Id, $"{entry.ItemCode} besvares nu af {now}.");
        });

    /// <summary>The name of a user who may be chosen to answer in a round, or why they may not (when opening it and later alike).</summary>
    private async Task<(ChangeOutcome? Refusal, string? Name)> AnswererAsync(string userId, CancellationToken cancellationToken)
    {
        var access = await currentUsers.FindAsync(userId, cancellationToken);
        if (access is null || access.IsDisabled)
        {
            return (ChangeOutcome.NotFound("Brugeren"), null);
        }

        return RoundRules.CanAnswer(access.Roles) ? (null, access.Name) : (ChangeOutcome.Refused(RoundRules.NotAssignable), null);
    }

    /// <summary>What "who answers" says when nobody is chosen.</summary>
    public const string DefaultAnswerers = "Udvalgets redaktører";

    /// <summary>
    /// Closes a round: freezes the items in it as a follow-up snapshot with their status texts (<see cref="FollowUpState"/>),
    /// then marks the round and every item in it closed, all in one transaction. A report saved while the round closes makes
    /// the close fail as stale rather than leave it out.
    /// </summary>
    public Task<ChangeOutcome<int>> CloseRoundAsync(ClaimsPrincipal user, int roundId, Guid expectedVersion, CancellationToken cancellationToken = default) =>
        WithRoundAsync(user, roundId, expectedVersion, withItems: true, cancellationToken, async (db, round, record) =>
        {
            round.RequireOpen();
            var actor = record.Actor;
            var plan = await db.Plans.AsNoTracking().Include(p => p.Themes).SingleAsync(p => p.Id == round.PlanId, cancellationToken);
            var ids = round.Items.Select(i => i.ItemId).ToList();
            var items = await db.Items.AsNoTracking().Where(i => i.PlanId == round.PlanId && ids.Contains(i.Id)).ToListAsync(cancellationToken);
            var texts = round.Items.ToDictionary(i => i.ItemId, i => i.StatusText);
            var state = FollowUpState.Of(
                plan,
                await db.Committees.AsNoTracking().ToListAsync(cancellationToken),
                items,
                await db.Targets.AsNoTracking().Where(t => t.PlanId == round.PlanId).ToListAsync(cancellationToken),
                texts);
            var now = clock.GetUtcNow();
            var today = DanishTime.Today(now);
            var snapshot = FollowUpSnapshot.Take(round.PlanId, round.Name, today, actor.UserId, actor.Name, now.UtcDateTime, state);
            db.FollowUps.Add(snapshot);
            await db.SaveChangesAsync(cancellationToken);
            round.Close(snapshot.Id, actor.UserId, actor.Name, now.UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
            var ready = round.Items.Count(i => i.IsReady);
            record.Add(new Recorded(round.PlanId, RoundSubject, round.Name, "Lukket",
                [
                    new FieldChange("Status", "Åben", "Lukket"),
                    new FieldChange("Klar", null, $"{Num(ready)} af {Num(round.Items.Count)}"),
                    new FieldChange("Øjebliksbillede", null, snapshot.Name),
                ]),
                $"Opfølgningsrunden \"{round.Name}\" er lukket.");
            return ChangeOutcome.Saved(round.Id, $"Runden \"{round.Name}\" er lukket og gemt som øjebliksbillede: {ready} af {round.Items.Count} punkter var klar.");
        });

    /// <summary>Work on a round of a plan that is not archived; <paramref name="expectedVersion"/> is the round's own, when given.</summary>
    private Task<ChangeOutcome<int>> WithRoundAsync(ClaimsPrincipal user, int roundId, Guid? expectedVersion, bool withItems, CancellationToken cancellationToken,
        Func<PlanDbContext, FollowUpRound, Records, Task<ChangeOutcome>> work, [System.Runtime.CompilerServices.CallerMemberName] string action = "") =>
        RunAsync(user, cancellationToken, roundId, action, async (db, actor, record) =>
        {
            var query = withItems ? db.Rounds.Include(r => r.Items) : db.Rounds.AsQueryable();
            var round = await query.SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken);
            if (round is null)
            {
                return ChangeOutcome.NotFound("Runden");
            }

            if (round.IsClosed)
            {
                return ChangeOutcome.Refused(FollowUpRound.ClosedRefusal(round.Name));
            }

            var plan = await db.Plans.AsNoTracking().SingleAsync(p => p.Id == round.PlanId, cancellationToken);
            if (plan.ReadOnlyReason is { } readOnly)
            {
                return ChangeOutcome.Refused(readOnly + " Genåbn den for at ændre den.");
            }

            if (expectedVersion is { } version && round.Version != version)
            {
                return ChangeOutcome.Stale($"Runden \"{round.Name}\"");
            }

            return await work(db, round, record);
        });
}
