using System.Globalization;
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

namespace Udmoentning.Web.Changes;

/// <summary>
/// "Fortryd": a user takes back their own last move or edit (<see cref="UndoLog"/>), for a short time, unless the item has
/// changed since. The undo is a change like any other: checked against the user's rights now, saved with its own history
/// record ("Fortrudt") and published to every viewer.
/// </summary>
public sealed partial class PlanItemService
{
    public const string UndoneKind = "Fortrudt";

    /// <summary>A save of the item met another save (a comment, a checkpoint) this many times in a row: give up for now.</summary>
    private const int UndoAttempts = 3;

    /// <summary>What the user can undo now, if anything.</summary>
    public UndoOffer? UndoOfferFor(ClaimsPrincipal user) => undoLog.OfferFor(CurrentUsers.UserId(user));

    /// <summary>
    /// Undoes the user's last move or edit. <paramref name="expected"/> is the <see cref="UndoOffer.Id"/> the user was shown:
    /// when they have made a newer change since, nothing is undone. Refused, and nothing changes, when there is nothing to undo,
    /// the window has passed, the item has a newer version, the user may no longer change it, or the plan is archived.
    /// </summary>
    public Task<ChangeOutcome> UndoAsync(ClaimsPrincipal user, Guid? expected = null, CancellationToken cancellationToken = default) =>
        logger.GuardAsync(() => UndoOnceAsync(user, expected, cancellationToken), ChangeOutcome.Unavailable);

    private async Task<ChangeOutcome> UndoOnceAsync(ClaimsPrincipal user, Guid? expected, CancellationToken cancellationToken)
    {
        if (!limiter.TryAcquire(user))
        {
            return ChangeOutcome.TooMany();
        }

        var actor = await currentUsers.ActorAsync(user, cancellationToken);
        if (!AccessRules.CanView(actor))
        {
            return Forbidden(user, "undo", 0, null, AccessRules.NotSignedIn);
        }

        if (undoLog.Last(actor.UserId) is not { } entry)
        {
            return UndoRefused(null, $"Der er ikke noget at fortryde. Du kan fortryde din egen seneste flytning eller ændring i {Minutes(undoLog.Window)}.");
        }

        if (expected is { } shown && shown != entry.Id)
        {
            return UndoRefused(null, $"Du har lavet en nyere ændring siden: {entry.Done}. Tryk Fortryd igen for at fortryde den.");
        }

        if (!undoLog.TryTake(actor.UserId, entry))
        {
            return UndoRefused(null, "Der er ikke noget at fortryde: ændringen er allerede fortrudt, eller du har lavet en nyere.");
        }

        if (undoLog.IsExpired(entry))
        {
            return UndoRefused(null, $"{entry.Done} for mere end {Minutes(undoLog.Window)} siden, så det kan ikke længere fortrydes. Intet er ændret.");
        }

        try
        {
            for (var attempt = 1; ; attempt++)
            {
                if (await UndoEntryAsync(user, actor, entry, cancellationToken) is { } outcome)
                {
                    return outcome;
                }

                if (attempt == UndoAttempts)
                {
                    undoLog.PutBack(actor.UserId, entry);
                    return UndoRefused(null, $"{entry.Code} blev ændret samtidig. Prøv at fortryde igen.");
                }
            }
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            // Nothing was saved: the user may try again when the database is back.
            undoLog.PutBack(actor.UserId, entry);
            throw;
        }
    }

    /// <summary>One attempt on a fresh context; null when the save met another save of the item and should be tried again.</summary>
    private async Task<ChangeOutcome?> UndoEntryAsync(ClaimsPrincipal user, Actor actor, UndoEntry entry, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await ItemAsync(db, entry.ItemId, cancellationToken);
        if (item is null)
        {
            return ChangeOutcome.NotFound();
        }

        // The rights as they are now: the user may have lost them since the change.
        var refusal = entry is EditUndo edit ? AccessRules.RefusalToEdit(actor, item, edit.Before) : AccessRules.RefusalToChange(actor, item);
        if (refusal is not null)
        {
            return Forbidden(user, "undo", item.Id, item, refusal);
        }

        var plan = await db.Plans.Include(p => p.Themes).SingleAsync(p => p.Id == item.PlanId, cancellationToken);
        if (plan.ReadOnlyReason is { } readOnly)
        {
            return ChangeOutcome.Refused(item, readOnly);
        }

        // Comments and checkpoints leave the version as it is, so they do not stand in the way; any move or edit does.
        if (item.Version != entry.VersionAfter)
        {
            return new ChangeOutcome(ChangeStatus.Stale, item, await ChangedSinceAsync(db, actor, item, cancellationToken), []);
        }

        var outcome = entry switch
        {
            MoveUndo move => await UndoMoveAsync(db, actor, plan, item, move, cancellationToken),
            EditUndo change => await UndoEditAsync(db, actor, plan, item, change, cancellationToken),
            _ => throw new InvalidOperationException($"Unknown undo entry {entry.GetType().Name}."),
        };
        return outcome.Status == ChangeStatus.Stale ? null : outcome;
    }

    private async Task<ChangeOutcome> UndoMoveAsync(PlanDbContext db, Actor actor, Plan plan, PlanItem item, MoveUndo move, CancellationToken cancellationToken)
    {
        var statusNow = item.Status;
        var cells = await CellsAsync(db, item, move.StatusBefore, cancellationToken);
        var outcome = await PlaceAsync(db, actor, plan, item, cells, AboveWhich(cells, item.Id, move),
            position => item.RestoreStatus(move.StatusBefore, position), UndoneKind,
            reason => $"{item.Code} kan ikke flyttes tilbage til {move.StatusBefore.Name()}: {reason}", cancellationToken);
        return outcome.Succeeded
            ? outcome with { Message = statusNow == move.StatusBefore
                ? $"Fortrudt: {item.Code} er flyttet tilbage til sin plads i {move.StatusBefore.Name()}."
                : $"Fortrudt: {item.Code} er flyttet tilbage til {move.StatusBefore.Name()}." }
            : outcome;
    }

    private async Task<ChangeOutcome> UndoEditAsync(PlanDbContext db, Actor actor, Plan plan, PlanItem item, EditUndo edit, CancellationToken cancellationToken)
    {
        // The details as they were may no longer fit (a meeting removed, the number taken by another item since).
        var committees = await db.Committees.AsNoTracking().ToListAsync(cancellationToken);
        var errors = new List<FieldError>(ItemValidation.Validate(edit.Before, plan));
        errors.AddRange(await ReferenceErrorsAsync(db, item, edit.Before, committees, cancellationToken));
        if (errors.Count > 0)
        {
            return ChangeOutcome.Refused(item, $"Ændringen af {item.Code} kan ikke fortrydes: {string.Join(" ", errors.Select(e => e.Message))}");
        }

        var previous = Previous(item, committees);
        var before = ItemState.Of(item, 0);
        try
        {
            item.Apply(plan, edit.Before);
        }
        catch (PlanRuleException e)
        {
            var reason = e.Errors.Count > 0 ? string.Join(" ", e.Errors.Select(f => f.Message)) : e.Message;
            return ChangeOutcome.Refused(item, $"Ændringen af {edit.Code} kan ikke fortrydes: {reason}");
        }

        var outcome = await SaveAsync(db, actor, plan, plan.Themes, item, UndoneKind, before, ItemState.Of(item, 0), previous, committees, cancellationToken);
        return outcome.Succeeded ? outcome with { Message = $"Fortrudt: ændringen af {edit.Code} er taget tilbage." } : outcome;
    }

    /// <summary>
    /// The card to put the item back above: the one that stood below it before, if it is still in that cell; otherwise the
    /// first card now standing after its old position; null (last) when there is none.
    /// </summary>
    private static int? AboveWhich(Cells cells, int itemId, MoveUndo move)
    {
        var cell = cells.Items.Where(i => i.Status == move.StatusBefore && i.Id != itemId).ToList();
        if (move.BelowBefore is { } below && cell.Any(i => i.Id == below))
        {
            return below;
        }

        return cell.FirstOrDefault(i => i.Position > move.PositionBefore)?.Id;
    }

    /// <summary>Who changed the item since, from its newest history record; the user themselves (another tab, another node) is not named.</summary>
    private static async Task<string> ChangedSinceAsync(PlanDbContext db, Actor actor, PlanItem item, CancellationToken cancellationToken)
    {
        var last = await db.History.AsNoTracking()
            .Where(h => h.ItemId == item.Id)
            .OrderByDescending(h => h.Id)
            .Select(h => new { h.UserId, h.UserName })
            .FirstOrDefaultAsync(cancellationToken);
        return last is not null && last.UserId != actor.UserId
            ? $"{item.Code} er ændret af {last.UserName} siden din ændring, så den kan ikke fortrydes."
            : $"{item.Code} er ændret siden din ændring, så den kan ikke fortrydes.";
    }

    private static ChangeOutcome UndoRefused(PlanItem? item, string message) => new(ChangeStatus.Refused, item, message, []);

    private static string Minutes(TimeSpan window) =>
        window.TotalMinutes == 1 ? "1 minut" : $"{window.TotalMinutes.ToString("0.#", CultureInfo.GetCultureInfo("da-DK"))} minutter";

    /// <summary>Where a moved card stood before the move, taken before it moves.</summary>
    private readonly record struct MoveUndoState(ItemStatus Status, double Position, int? Below);

    /// <summary>After the user's own move that saved a new version, the move is what they can undo.</summary>
    private void RememberMove(Actor actor, ChangeOutcome outcome, Guid readVersion, MoveUndoState before)
    {
        if (outcome is not { Succeeded: true, Item: { } item } || item.Version == readVersion)
        {
            return;
        }

        var sameCell = before.Status == item.Status;
        undoLog.Record(actor.UserId, new MoveUndo(item.PlanId, item.Id, item.Code, item.Version, clock.GetUtcNow(),
            sameCell ? $"{item.Code} flyttet inden for {item.Status.Name()}" : $"{item.Code} flyttet til {item.Status.Name()}",
            sameCell ? $"Flyt {item.Code} tilbage til sin plads i {before.Status.Name()}" : $"Flyt {item.Code} tilbage til {before.Status.Name()}",
            before.Status, before.Position, before.Below));
    }

    /// <summary>After the user's own edit that saved a new version, the details before it are what they can undo.</summary>
    private void RememberEdit(Actor actor, ChangeOutcome outcome, Guid readVersion, ItemDetails before, IEnumerable<int> years)
    {
        if (outcome is not { Succeeded: true, Item: { } item } || item.Version == readVersion)
        {
            return;
        }

        // Only the names of the changed fields are wanted here.
        var fields = ItemDiff.Between(new ItemState(item.Status, before, 0), ItemState.Of(item, 0), years, ItemNames.Ids).Select(c => Lower(c.Field)).ToList();
        var what = fields.Count <= 3 ? string.Join(", ", fields) : $"{string.Join(", ", fields.Take(3))} m.fl.";
        undoLog.Record(actor.UserId, new EditUndo(item.PlanId, item.Id, item.Code, item.Version, clock.GetUtcNow(),
            $"{item.Code} ændret ({what})", $"Fortryd ændringen af {item.Code} ({what})", before));
    }

    /// <summary>"Titel" reads "titel" inside a sentence; "MED-inddragelse" keeps its capitals.</summary>
    private static string Lower(string field) =>
        field.Length > 1 && char.IsUpper(field[1]) ? field : char.ToLower(field[0], CultureInfo.GetCultureInfo("da-DK")) + field[1..];
}
