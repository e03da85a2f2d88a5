using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Data;
using Udmoentning.Web.Notifications;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Changes;

/// <summary>
/// Every change of an item, each a short step through <see cref="ChangePipeline"/> (which checks the user's budget and
/// rights, saves with one retry policy, records and publishes after the commit). The steps of one item share their
/// refusals, in one order (<see cref="OnItemAsync"/>): the item exists, the user may make this change to it, its plan is
/// not archived, and it is still the version the user saw. A forbidden, refused or stale change saves and records nothing.
/// </summary>
public sealed partial class PlanItemService(
    PlanCache plans,
    ChangePipeline changes,
    UndoLog undoLog,
    Mailer mailer,
    AccountStringLayout accounts,
    TimeProvider clock,
    ILogger<PlanItemService> logger)
{
    public const string MovedKind = "Flyttet";
    public const string EditedKind = "Redigeret";

    public async Task<ChangeOutcome<PlanItem>> MoveAsync(ClaimsPrincipal user, MoveRequest request, CancellationToken cancellationToken = default)
    {
        (Actor Actor, MoveUndoState Before)? undo = null;
        var outcome = await OnItemAsync(user, "move", request.ItemId, request.ExpectedVersion, AccessRules.RefusalToChange, withThemes: false,
            async (change, item, plan) =>
            {
                var cells = await CellsAsync(change.Db, item, request.To, cancellationToken);
                undo = (change.Actor, new MoveUndoState(item.Status, item.Position, cells.BelowOf(item.Id, item.Status)));
                return await PlaceAsync(change, plan, item, cells, request.BeforeItemId, position => item.MoveTo(request.To, position), MovedKind, reason => reason, cancellationToken);
            }, cancellationToken);
        if (undo is { } done)
        {
            RememberMove(done.Actor, outcome, request.ExpectedVersion, done.Before);
        }

        return outcome;
    }

    public Task<ChangeOutcome<PlanItem>> UpdateAsync(ClaimsPrincipal user, int itemId, Guid expectedVersion, ItemDetails details, CancellationToken cancellationToken = default) =>
        EditAsync(user, "edit", itemId, expectedVersion, _ => details, (_, _) => Task.FromResult<ChangeOutcome?>(null), cancellationToken);

    /// <summary>
    /// An edit of the item into <paramref name="edited"/> (made from the item as read): the shared refusals, then
    /// <paramref name="check"/>'s refusal if any, the field rules and references, the edit, its record; remembered for undo.
    /// </summary>
    private async Task<ChangeOutcome<PlanItem>> EditAsync(
        ClaimsPrincipal user, string action, int itemId, Guid expectedVersion, Func<PlanItem, ItemDetails> edited,
        Func<Change, PlanItem, Task<ChangeOutcome?>> check, CancellationToken cancellationToken)
    {
        (Actor Actor, ItemDetails Before, IEnumerable<int> Years)? undo = null;
        var outcome = await OnItemAsync(user, action, itemId, expectedVersion, (actor, item) => AccessRules.RefusalToEdit(actor, item, edited(item)), withThemes: true,
            async (change, item, plan) =>
            {
                if (await check(change, item) is { } refused)
                {
                    return refused;
                }

                var details = edited(item);
                var committees = await change.Db.Committees.AsNoTracking().ToListAsync(cancellationToken);
                var errors = new List<FieldError>(ItemValidation.Validate(details, plan));
                errors.AddRange(await ReferenceErrorsAsync(change.Db, item, details, committees, cancellationToken));
                if (errors.Count > 0)
                {
                    return ChangeOutcome.Invalid(item, errors);
                }

                var previous = Previous(item, committees);
                var before = ItemState.Of(item, 0);
                try
                {
                    item.Apply(plan, details);
                }
                catch (PlanRuleException e)
                {
                    return e.Errors.Count > 0 ? ChangeOutcome.Invalid(item, e.Errors) : ChangeOutcome.Refused(item, e.Message);
                }

                undo = (change.Actor, before.Details, plan.BudgetYears);
                return await SaveAsync(change, plan, plan.Themes, item, EditedKind, before, ItemState.Of(item, 0), previous, committees, cancellationToken);
            }, cancellationToken);
        if (undo is { } done)
        {
            RememberEdit(done.Actor, outcome, expectedVersion, done.Before, done.Years);
        }

        return outcome;
    }

    private delegate Task<ChangeOutcome> ItemStep(Change change, PlanItem item, Plan plan);

    /// <summary>
    /// A change of one item through the pipeline, with the refusals every such change shares, in this order: no such item;
    /// <paramref name="access"/> refuses the user (their rights now, on the item as it is now); the plan is archived (read
    /// from the plan row itself, not as this node last heard); the item is no longer <paramref name="expectedVersion"/> (when
    /// given). Then <paramref name="step"/>. The plan comes with its themes when <paramref name="withThemes"/>.
    /// </summary>
    private Task<ChangeOutcome<PlanItem>> OnItemAsync(
        ClaimsPrincipal user, string action, int itemId, Guid? expectedVersion, Func<Actor, PlanItem, string?> access, bool withThemes, ItemStep step,
        CancellationToken cancellationToken) =>
        changes.RunAsync<PlanItem>(user, new ChangeRun(action, ChangeRun.Item(itemId)), async change =>
        {
            var (item, plan, refusal) = await LoadAsync(change, itemId, access, withThemes, cancellationToken);
            return refusal ?? (expectedVersion is { } version && item!.Version != version ? ChangeOutcome.Stale(item) : await step(change, item!, plan!));
        }, cancellationToken);

    /// <summary>The item and its plan for a change, or the refusal every change of an item shares (see <see cref="OnItemAsync"/>).</summary>
    private async Task<(PlanItem? Item, Plan? Plan, ChangeOutcome? Refusal)> LoadAsync(
        Change change, int itemId, Func<Actor, PlanItem, string?> access, bool withThemes, CancellationToken cancellationToken)
    {
        // One connection for the change's reads and its save, instead of one from the pool for each.
        await change.Db.Database.OpenConnectionAsync(cancellationToken);
        var item = await ItemAsync(change.Db, itemId, cancellationToken);
        if (item is null)
        {
            return (null, null, ChangeOutcome.NotFound());
        }

        if (access(change.Actor, item) is { } refusal)
        {
            return (item, null, ChangeOutcome.Forbidden(item, refusal));
        }

        var plan = withThemes
            ? await change.Db.Plans.Include(p => p.Themes).SingleAsync(p => p.Id == item.PlanId, cancellationToken)
            : await PlanAsync(change.Db, item.PlanId, cancellationToken);
        return plan.ReadOnlyReason is { } readOnly ? (item, plan, ChangeOutcome.Refused(item, readOnly)) : (item, plan, null);
    }

    /// <summary>
    /// Puts the item in the target cell of <paramref name="cells"/>, above <paramref name="beforeItemId"/> (last when null),
    /// with <paramref name="place"/> (a move on the board, or an undo); renumbers the cell in the same transaction when its
    /// gaps ran out; and saves it as <paramref name="kind"/>. A plan rule's refusal is answered in <paramref name="refused"/>'s words.
    /// </summary>
    private async Task<ChangeOutcome> PlaceAsync(
        Change change, Plan plan, PlanItem item, Cells cells, int? beforeItemId,
        Action<double> place, string kind, Func<string, string> refused, CancellationToken cancellationToken)
    {
        var (committees, themes) = await StructureAsync(change.Db, item, cancellationToken);
        var previous = Previous(item, committees);
        var before = ItemState.Of(item, cells.PlaceOf(item.Id, item.Status));
        var placement = cells.PlacementFor(item.Id, beforeItemId);
        try
        {
            place(placement.Position);
        }
        catch (PlanRuleException e)
        {
            return ChangeOutcome.Refused(item, refused(e.Message));
        }

        // When the gap ran out, the other cards of the cell get evenly spaced numbers in the same transaction.
        List<PlanItem> renumbered = placement.Others.Count == 0 ? [] : await change.Db.Items.Where(i => placement.Others.Keys.Contains(i.Id)).ToListAsync(cancellationToken);
        foreach (var other in renumbered)
        {
            other.Renumber(placement.Others[other.Id]);
        }

        var after = ItemState.Of(item, placement.Others.Count > 0 ? placement.Place : cells.PlaceAfterMove(item));
        var outcome = await SaveAsync(change, plan, themes, item, kind, before, after, previous, committees, cancellationToken);
        foreach (var other in renumbered.Where(_ => outcome.Succeeded && change.Db.ChangeTracker.HasChanges()))
        {
            change.Publish(ChangeKind.Reordered, other, Previous(other, committees));
        }

        return outcome;
    }

    /// <summary>Records and publishes the item's change; with nothing really changed, keeps the stored version and records nothing.</summary>
    private static async Task<ChangeOutcome> SaveAsync(
        Change change,
        Plan plan,
        IEnumerable<MainTheme> themes,
        PlanItem item,
        string kind,
        ItemState before,
        ItemState after,
        (ItemStatus Status, IReadOnlyList<int> Committees) previous,
        IReadOnlyList<Committee> committees,
        CancellationToken cancellationToken)
    {
        var db = change.Db;
        var changes = ItemDiff.Between(before, after, plan.BudgetYears, await NamesAsync(db, themes, committees, before, after, cancellationToken));
        if (changes.Count == 0)
        {
            // Nothing really changed (e.g. dropped where it was): keep the stored version, record and publish nothing.
            // That answer is only true if the item is still as it was read; if another writer committed since,
            // the user asked for a state that is no longer the stored one: stale, with the item as it is now.
            var readVersion = db.Entry(item).Property(i => i.Version).OriginalValue;
            db.ChangeTracker.Clear();
            var now = await db.Items.AsNoTracking().SingleOrDefaultAsync(i => i.Id == item.Id, cancellationToken);
            return now is null ? ChangeOutcome.NotFound() : now.Version == readVersion ? ChangeOutcome.Saved(now) : ChangeOutcome.Stale(now);
        }

        change.Record(item, kind, changes);
        change.Publish(kind switch { MovedKind => ChangeKind.Moved, UndoneKind => ChangeKind.Undone, _ => ChangeKind.Edited }, item, previous);
        return ChangeOutcome.Saved(item);
    }

    private static (ItemStatus Status, IReadOnlyList<int> Committees) Previous(PlanItem item, IEnumerable<Committee> committees) =>
        (item.Status, CommitteeExtract.CommitteesOf(item, committees));

    /// <summary>
    /// Names for the record. The record lists only values that differ, and the same id reads the same on both sides, so the
    /// meetings are read only when the meeting changed (never for a move).
    /// </summary>
    private static async Task<ItemNames> NamesAsync(
        PlanDbContext db, IEnumerable<MainTheme> themes, IReadOnlyList<Committee> committees, ItemState before, ItemState after, CancellationToken cancellationToken)
    {
        int?[] meetingIds = [before.Details.TreatmentMeetingId, after.Details.TreatmentMeetingId];
        var meetings = meetingIds[0] == meetingIds[1]
            ? []
            : await db.Meetings.AsNoTracking().Where(m => meetingIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        return ItemNames.Of(committees, themes, meetings.Values);
    }

    /// <summary>
    /// The committees and the plan's themes for a move, from the shared copy of the plan (<see cref="PlanCache"/>), which a
    /// structure change drops: a move changes neither, and they only name things in the record and say which committees'
    /// hub clients hear of it. Rights come from the user and the item, never from this list. When the copy does not know the
    /// item's committees or theme (it lags a change made a moment ago), they are read from the database instead.
    /// </summary>
    private async Task<(IReadOnlyList<Committee> Committees, IReadOnlyList<MainTheme> Themes)> StructureAsync(
        PlanDbContext db, PlanItem item, CancellationToken cancellationToken)
    {
        var snapshot = await plans.GetAsync(item.PlanId, cancellationToken);
        if (snapshot is not null
            && snapshot.Committee(item.CommitteeId) is not null
            && (item.TreatmentCommitteeId is null || snapshot.Committee(item.TreatmentCommitteeId) is not null)
            && snapshot.Theme(item.ThemeId) is not null)
        {
            return (snapshot.Committees, snapshot.Themes);
        }

        var committees = await db.Committees.AsNoTracking().ToListAsync(cancellationToken);
        var themes = await db.Themes.AsNoTracking().Where(t => t.PlanId == item.PlanId).ToListAsync(cancellationToken);
        return (committees, themes);
    }

    private static async Task<IEnumerable<FieldError>> ReferenceErrorsAsync(
        PlanDbContext db, PlanItem item, ItemDetails details, IReadOnlyList<Committee> committees, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (committees.All(c => c.Id != details.CommitteeId))
        {
            errors.Add(new FieldError(nameof(ItemDetails.CommitteeId), "Det valgte udvalg findes ikke."));
        }

        if (details.TreatmentCommitteeId is { } treatedBy && committees.All(c => c.Id != treatedBy))
        {
            errors.Add(new FieldError(nameof(ItemDetails.TreatmentCommitteeId), "Det valgte behandlende udvalg findes ikke."));
        }

        if (details.TreatmentMeetingId is { } meetingId)
        {
            var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
            if (meeting is null || meeting.CommitteeId != details.TreatmentCommitteeId)
            {
                errors.Add(new FieldError(nameof(ItemDetails.TreatmentMeetingId), "Vælg et møde i det udvalg, der behandler punktet."));
            }
        }

        var code = details.Code?.Trim();
        if (!string.IsNullOrEmpty(code) && await db.Items.AnyAsync(i => i.PlanId == item.PlanId && i.Id != item.Id && i.Code == code, cancellationToken))
        {
            errors.Add(new FieldError(nameof(ItemDetails.Code), $"Nummeret {code} bruges allerede af et andet punkt i planen."));
        }

        return errors;
    }
}
