using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Access;
using Udmoentning.Web.Data;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Changes;

/// <summary>
/// The one way an item changes: checks who may do it, loads the item, applies the domain's rules,
/// saves it with its history record in one transaction using the concurrency token, and publishes the
/// saved change to every viewer. A forbidden, refused or stale change saves and records nothing.
/// </summary>
public sealed partial class PlanItemService(
    IDbContextFactory<PlanDbContext> contexts,
    PlanCache plans,
    PlanChangePublisher publisher,
    CurrentUsers currentUsers,
    ChangeLimiter limiter,
    UndoLog undoLog,
    TimeProvider clock,
    ILogger<PlanItemService> logger)
{
    public const string MovedKind = "Flyttet";
    public const string EditedKind = "Redigeret";

    public Task<ChangeOutcome> MoveAsync(ClaimsPrincipal user, MoveRequest request, CancellationToken cancellationToken = default) =>
        logger.GuardAsync(() => MoveOnceAsync(user, request, cancellationToken), ChangeOutcome.Unavailable);

    public Task<ChangeOutcome> UpdateAsync(ClaimsPrincipal user, int itemId, Guid expectedVersion, ItemDetails details, CancellationToken cancellationToken = default) =>
        logger.GuardAsync(() => UpdateOnceAsync(user, itemId, expectedVersion, details, cancellationToken), ChangeOutcome.Unavailable);

    private async Task<ChangeOutcome> MoveOnceAsync(ClaimsPrincipal user, MoveRequest request, CancellationToken cancellationToken)
    {
        if (!limiter.TryAcquire(user))
        {
            return ChangeOutcome.TooMany();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await currentUsers.ActorAsync(user, cancellationToken);
        if (!AccessRules.CanView(actor))
        {
            return Forbidden(user, "move", request.ItemId, null, AccessRules.NotSignedIn);
        }

        // One connection for the move's reads and its save, instead of one from the pool for each.
        await db.Database.OpenConnectionAsync(cancellationToken);

        var item = await ItemAsync(db, request.ItemId, cancellationToken);
        if (item is null)
        {
            return ChangeOutcome.NotFound();
        }

        if (AccessRules.RefusalToChange(actor, item) is { } refusal)
        {
            return Forbidden(user, "move", item.Id, item, refusal);
        }

        // The plan row itself is read: whether it is archived must be true now, not as this node last heard.
        var plan = await PlanAsync(db, item.PlanId, cancellationToken);
        if (plan.ReadOnlyReason is { } readOnly)
        {
            return ChangeOutcome.Refused(item, readOnly);
        }

        if (item.Version != request.ExpectedVersion)
        {
            return ChangeOutcome.Stale(item);
        }

        var cells = await CellsAsync(db, item, request.To, cancellationToken);
        var undo = new MoveUndoState(item.Status, item.Position, cells.BelowOf(item.Id, item.Status));
        var outcome = await PlaceAsync(db, actor, plan, item, cells, request.BeforeItemId,
            position => item.MoveTo(request.To, position), MovedKind, reason => reason, cancellationToken);
        RememberMove(actor, outcome, request.ExpectedVersion, undo);
        return outcome;
    }

    /// <summary>
    /// Puts the item in the target cell of <paramref name="cells"/>, above <paramref name="beforeItemId"/> (last when null),
    /// with <paramref name="place"/> (a move on the board, or an undo); renumbers the cell in the same transaction when its
    /// gaps ran out; and saves it as <paramref name="kind"/>. A plan rule's refusal is answered in <paramref name="refused"/>'s words.
    /// </summary>
    private async Task<ChangeOutcome> PlaceAsync(
        PlanDbContext db, Actor actor, Plan plan, PlanItem item, Cells cells, int? beforeItemId,
        Action<double> place, string kind, Func<string, string> refused, CancellationToken cancellationToken)
    {
        var (committees, themes) = await StructureAsync(db, item, cancellationToken);
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
        List<PlanItem> renumbered = placement.Others.Count == 0 ? [] : await db.Items.Where(i => placement.Others.Keys.Contains(i.Id)).ToListAsync(cancellationToken);
        foreach (var other in renumbered)
        {
            other.Renumber(placement.Others[other.Id]);
        }

        var after = ItemState.Of(item, placement.Others.Count > 0 ? placement.Place : cells.PlaceAfterMove(item));
        return await SaveAsync(db, actor, plan, themes, item, kind, before, after, previous, committees, cancellationToken, renumbered);
    }

    private async Task<ChangeOutcome> UpdateOnceAsync(ClaimsPrincipal user, int itemId, Guid expectedVersion, ItemDetails details, CancellationToken cancellationToken)
    {
        if (!limiter.TryAcquire(user))
        {
            return ChangeOutcome.TooMany();
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var committees = await db.Committees.AsNoTracking().ToListAsync(cancellationToken);
        var actor = await currentUsers.ActorAsync(user, cancellationToken);
        if (!AccessRules.CanView(actor))
        {
            return Forbidden(user, "edit", itemId, null, AccessRules.NotSignedIn);
        }

        var item = await ItemAsync(db, itemId, cancellationToken);
        if (item is null)
        {
            return ChangeOutcome.NotFound();
        }

        if (AccessRules.RefusalToEdit(actor, item, details) is { } refusal)
        {
            return Forbidden(user, "edit", item.Id, item, refusal);
        }

        var plan = await db.Plans.Include(p => p.Themes).SingleAsync(p => p.Id == item.PlanId, cancellationToken);
        if (plan.ReadOnlyReason is { } readOnly)
        {
            return ChangeOutcome.Refused(item, readOnly);
        }

        if (item.Version != expectedVersion)
        {
            return ChangeOutcome.Stale(item);
        }

        var errors = new List<FieldError>(ItemValidation.Validate(details, plan));
        errors.AddRange(await ReferenceErrorsAsync(db, item, details, committees, cancellationToken));
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

        var outcome = await SaveAsync(db, actor, plan, plan.Themes, item, EditedKind, before, ItemState.Of(item, 0), previous, committees, cancellationToken);
        RememberEdit(actor, outcome, expectedVersion, before.Details, plan.BudgetYears);
        return outcome;
    }

    private async Task<ChangeOutcome> SaveAsync(
        PlanDbContext db,
        Actor actor,
        Plan plan,
        IEnumerable<MainTheme> themes,
        PlanItem item,
        string kind,
        ItemState before,
        ItemState after,
        (ItemStatus Status, IReadOnlyList<int> Committees) previous,
        IReadOnlyList<Committee> committees,
        CancellationToken cancellationToken,
        IReadOnlyList<PlanItem>? renumbered = null)
    {
        var changes = ItemDiff.Between(before, after, plan.BudgetYears, await NamesAsync(db, themes, committees, before, after, cancellationToken));
        if (changes.Count == 0)
        {
            // Nothing really changed (e.g. dropped where it was): keep the stored version, record and publish nothing.
            // That answer is only true if the item is still as it was read; if another writer committed since,
            // the user asked for a state that is no longer the stored one: stale, with the item as it is now.
            var readVersion = db.Entry(item).Property(i => i.Version).OriginalValue;
            await db.Entry(item).ReloadAsync(cancellationToken);
            if (db.Entry(item).State == EntityState.Detached)
            {
                return ChangeOutcome.NotFound();
            }

            return item.Version == readVersion ? ChangeOutcome.Saved(item) : ChangeOutcome.Stale(item);
        }

        var now = clock.GetUtcNow();
        db.History.Add(new ItemHistoryEntry(item.PlanId, item.Id, item.Code, now.UtcDateTime, actor.UserId, actor.Name, kind, changes));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            return ChangeOutcome.Stale(await fresh.Items.AsNoTracking().SingleOrDefaultAsync(i => i.Id == item.Id, cancellationToken));
        }
        catch (DbUpdateException e) when (IsDuplicateCode(item))
        {
            logger.LogInformation(e, "Duplicate item code {Code}", item.Code);
            return ChangeOutcome.Invalid(item, [new FieldError(nameof(ItemDetails.Code), $"Nummeret {item.Code} bruges allerede af et andet punkt i planen.")]);
        }

        var change = new ItemChange(item.PlanId, kind switch { MovedKind => ChangeKind.Moved, UndoneKind => ChangeKind.Undone, _ => ChangeKind.Edited }, item, previous.Status, previous.Committees, actor.Name, now);
        await publisher.PublishAsync(change, committees, cancellationToken);
        foreach (var other in renumbered ?? [])
        {
            var (status, extracts) = Previous(other, committees);
            await publisher.PublishAsync(new ItemChange(other.PlanId, ChangeKind.Reordered, other, status, extracts, actor.Name, now), committees, cancellationToken);
        }

        return ChangeOutcome.Saved(item);
    }

    private ChangeOutcome Forbidden(ClaimsPrincipal user, string action, int itemId, PlanItem? item, string reason)
    {
        logger.LogWarning("Forbidden: user {UserId} tried to {Action} item {ItemId}: {Reason}", CurrentUsers.UserId(user), action, itemId, reason);
        return ChangeOutcome.Forbidden(item, reason);
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

    private sealed record CellItem(int Id, ItemStatus Status, double Position);

    /// <summary>Where a moved card goes: its position and place (1-based), and new positions for the others when the cell was renumbered.</summary>
    private sealed record Placement(double Position, int Place, IReadOnlyDictionary<int, double> Others);

    private sealed record Cells(IReadOnlyList<CellItem> Items, ItemStatus To)
    {
        public int PlaceOf(int id, ItemStatus status) => Items.Where(i => i.Status == status).ToList().FindIndex(i => i.Id == id) + 1;

        /// <summary>
        /// The position that puts the item above <paramref name="beforeItemId"/> in the target cell, or last. When that
        /// leaves less than <see cref="BoardOrder.MinimumGap"/> to a neighbour, the whole cell is renumbered: the item and
        /// the others (<see cref="Placement.Others"/>, by id) get evenly spaced positions in their order.
        /// </summary>
        public Placement PlacementFor(int id, int? beforeItemId)
        {
            var cell = Items.Where(i => i.Status == To && i.Id != id).ToList();
            var index = beforeItemId is null ? -1 : cell.FindIndex(i => i.Id == beforeItemId);
            index = index < 0 ? cell.Count : index;
            double? above = index > 0 ? cell[index - 1].Position : null;
            double? below = index < cell.Count ? cell[index].Position : null;
            var position = BoardOrder.Between(above, below);
            if (BoardOrder.FitsBetween(above, position, below))
            {
                return new Placement(position, index + 1, new Dictionary<int, double>());
            }

            var positions = BoardOrder.Renumbered(cell.Count + 1);
            var others = new Dictionary<int, double>();
            for (var i = 0; i < cell.Count; i++)
            {
                others[cell[i].Id] = positions[i < index ? i : i + 1];
            }

            return new Placement(positions[index], index + 1, others);
        }

        /// <summary>The card just below <paramref name="id"/> in its cell, or null when it is the last.</summary>
        public int? BelowOf(int id, ItemStatus status)
        {
            var cell = Items.Where(i => i.Status == status).ToList();
            var at = cell.FindIndex(i => i.Id == id);
            return at >= 0 && at + 1 < cell.Count ? cell[at + 1].Id : null;
        }

        public int PlaceAfterMove(PlanItem item) => Items.Count(i => i.Status == To && i.Id != item.Id && BoardOrder.IsBefore(i.Position, i.Id, item.Position, item.Id)) + 1;
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

    private bool IsDuplicateCode(PlanItem item)
    {
        using var db = contexts.CreateDbContext();
        return db.Items.AsNoTracking().Any(i => i.PlanId == item.PlanId && i.Id != item.Id && i.Code == item.Code);
    }
}
