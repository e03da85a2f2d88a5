using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Administration;

/// <summary>
/// How every administrative change runs: through <see cref="ChangePipeline"/>, like an item's change, for coordinators
/// and administrators only, in one transaction with its records (<see cref="Records"/>), told to every viewer after the commit.
/// </summary>
public sealed partial class PlanAdministration
{
    private sealed record Recorded(int? PlanId, string Subject, string Name, string Kind, IReadOnlyList<FieldChange> Changes);

    private delegate Task<ChangeOutcome> Work(PlanDbContext db, Actor actor, Records record);

    /// <summary>
    /// What an administrative change records: each entry goes into the administration's history and is told to every open
    /// page of its plan (of every plan, for committees and meetings) after the commit; the descriptions are logged.
    /// </summary>
    private sealed class Records(Change change)
    {
        public Actor Actor => change.Actor;

        /// <summary>The change itself, for what it writes besides records (mails to the outbox).</summary>
        public Change Change => change;

        public List<string> Descriptions { get; } = [];

        public void Add(Recorded entry, string description)
        {
            change.Record(entry.PlanId, entry.Subject, entry.Name, entry.Kind, entry.Changes);
            change.Publish(entry.Subject is CommitteeSubject or MeetingSubject ? null : entry.PlanId, description);
            Descriptions.Add(description);
        }
    }

    private Task<ChangeOutcome<int>> WithPlanAsync(ClaimsPrincipal user, int planId, Guid? expectedVersion, CancellationToken cancellationToken,
        Func<PlanDbContext, Plan, Records, Task<ChangeOutcome>> work, [CallerMemberName] string action = "") =>
        RunAsync(user, cancellationToken, planId, action, async (db, actor, record) =>
        {
            var plan = await db.Plans.Include(p => p.Themes).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
            if (plan is null)
            {
                return ChangeOutcome.NotFound("Planen");
            }

            if (plan.ReadOnlyReason is { } readOnly)
            {
                return ChangeOutcome.Refused(readOnly + " Genåbn den for at ændre den.");
            }

            if (expectedVersion is { } version && plan.Version != version)
            {
                return ChangeOutcome.Stale($"Planen \"{plan.Name}\"");
            }

            return await work(db, plan, record);
        });


    /// <summary>
    /// Runs the work through the pipeline (coordinators and administrators; not counted against the budget of item
    /// changes), in one transaction with its records. A domain rule's refusal becomes Invalid, and nothing is saved.
    /// </summary>
    private Task<ChangeOutcome<int>> RunAsync(ClaimsPrincipal user, CancellationToken cancellationToken, Work work, [CallerMemberName] string action = "") =>
        RunAsync(user, cancellationToken, null, action, work);

    /// <param name="subjectId">The plan, round or meeting the work is about, for the log of a refusal.</param>
    private async Task<ChangeOutcome<int>> RunAsync(ClaimsPrincipal user, CancellationToken cancellationToken, int? subjectId, string action, Work work)
    {
        var run = ChangeRun.Administrative(action, subjectId?.ToString(CultureInfo.InvariantCulture) ?? "-") with
        {
            Busy = ChangeOutcome.Stale("Det, du ændrede,").Message!,
        };
        Records? records = null;
        var outcome = await changes.RunAsync<int>(user, run, async change =>
        {
            records = new Records(change);
            try
            {
                return await work(change.Db, change.Actor, records);
            }
            catch (PlanRuleException e)
            {
                return ChangeOutcome.Invalid(e.Message);
            }
        }, cancellationToken);
        if (outcome.Succeeded && records is { Descriptions.Count: > 0 })
        {
            logger.LogInformation("{User} changed the plan's structure: {Changes}", records.Actor.Name, string.Join(" ", records.Descriptions));
        }

        return outcome;
    }
}
