using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Changes;

namespace Udmoentning.Web.Administration;

public sealed partial class PlanAdministration
{
    public const string FollowUpSubject = "Opfølgning";

    /// <summary>
    /// "Tag øjebliksbillede": freezes the plan's state as it is now under a name and an as-of date. An archived plan may
    /// be frozen too: taking a snapshot changes nothing in the plan, and a closing follow-up of an archived plan is a
    /// fair record to keep. Snapshots are never edited or deleted afterwards: they are what the follow-up reported.
    /// </summary>
    public Task<ChangeOutcome<int>> TakeFollowUpAsync(ClaimsPrincipal user, int planId, string? name, DateOnly asOf, CancellationToken cancellationToken = default) =>
        RunAsync(user, cancellationToken, planId, nameof(TakeFollowUpAsync), async (db, actor, record) =>
        {
            if (await db.Plans.AsNoTracking().Include(p => p.Themes).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken) is not { } plan)
            {
                return ChangeOutcome.NotFound("Planen");
            }

            var state = FollowUpState.Of(
                plan,
                await db.Committees.AsNoTracking().ToListAsync(cancellationToken),
                await db.Items.AsNoTracking().Where(i => i.PlanId == planId).ToListAsync(cancellationToken),
                await db.Targets.AsNoTracking().Where(t => t.PlanId == planId).ToListAsync(cancellationToken));
            var snapshot = FollowUpSnapshot.Take(planId, name ?? string.Empty, asOf, actor.UserId, actor.Name, clock.GetUtcNow().UtcDateTime, state);
            db.FollowUps.Add(snapshot);
            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(planId, FollowUpSubject, snapshot.Name, "Oprettet",
                [
                    new FieldChange("Navn", null, snapshot.Name),
                    new FieldChange("Pr. dato", null, IsoDate.Format(snapshot.AsOf)),
                    new FieldChange("Punkter", null, state.Items.Count.ToString(CultureInfo.InvariantCulture)),
                ]),
                $"Øjebliksbilledet \"{snapshot.Name}\" af planen \"{plan.Name}\" er gemt.");
            return ChangeOutcome.Saved(snapshot.Id, $"Øjebliksbilledet \"{snapshot.Name}\" er gemt med {state.Items.Count} punkter.");
        });
}
