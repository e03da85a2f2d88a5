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

    /// <summary>What the user can undo now, if anything.</summary>
    public UndoOffer? UndoOfferFor(ClaimsPrincipal user) => undoLog.OfferFor(CurrentUsers.UserId(user));

    /// <summary>
    /// Undoes the user's last move or edit. <paramref name="expected"/> is the <see cref="UndoOffer.Id"/> the user was shown:
    /// when they have made a newer change since, nothing is undone. Refused, and nothing changes, when there is nothing to undo,
    /// the window has passed, the item has a newer version, the user may no longer change it, or the plan is archived.
    /// The entry is taken from the log once; when nothing could be saved (the database away, the item busy), it is put back.
    /// </summary>
    public async Task<ChangeOutcome<PlanItem>> UndoAsync(ClaimsPrincipal user, Guid? expected = null, CancellationToken cancellationToken = default)
    {
        (string UserId, UndoEntry Entry)? taken = null;
        var outcome = await changes.RunAsync<PlanItem>(user, new ChangeRun("undo", "their last change"), async change =>
        {
            if (taken is null)
            {
                var (entry, refused) = Take(change.Actor, expected);
                if (refused is not null)
                {
                    return refused;
                }

                taken = (change.Actor.UserId, entry!);
            }

            return await UndoEntryAsync(change, taken.Value.Entry, cancellationToken);
        }, cancellationToken);
        if (taken is { } undone && (outcome.Status == ChangeStatus.Unavailable || outcome.Message == ChangeRun.DefaultBusy))
        {
            undoLog.PutBack(undone.UserId, undone.Entry);
            return outcome.Status == ChangeStatus.Unavailable ? outcome : outcome.Saying($"{undone.Entry.Code} blev ændret samtidig. Prøv at fortryde igen.");
        }

        return outcome;
    }

    /// <summary>Takes the user's last change from the log, or says why there is nothing to undo.</summary>
    private (UndoEntry? Entry, ChangeOutcome? Refused) Take(Actor actor, Guid? expected)
    {
        if (undoLog.Last(actor.UserId) is not { } entry)
        {
            return (null, ChangeOutcome.Refused($"Der er ikke noget at fortryde. Du kan fortryde din egen seneste flytning eller ændring i {Minutes(undoLog.Window)}."));
        }

        if (expected is { } shown && shown != entry.Id)
        {
            return (null, ChangeOutcome.Refused($"Du har lavet en nyere ændring siden: {entry.Done}. Tryk Fortryd igen for at fortryde den."));
        }

        if (!undoLog.TryTake(actor.UserId, entry))
        {
            return (null, ChangeOutcome.Refused("Der er ikke noget at fortryde: ændringen er allerede fortrudt, eller du har lavet en nyere."));
        }

        return undoLog.IsExpired(entry)
            ? (null, ChangeOutcome.Refused($"{entry.Done} for mere end {Minutes(undoLog.Window)} siden, så det kan ikke længere fortrydes. Intet er ændret."))
            : (entry, null);
    }

    private async Task<ChangeOutcome> UndoEntryAsync(Change change, UndoEntry entry, CancellationToken cancellationToken)
    {
        // The rights as they are now: the user may have lost them since the change.
        var (item, plan, refusal) = await LoadAsync(change, entry.ItemId,
            (actor, item) => entry is EditUndo edit ? AccessRules.RefusalToEdit(actor, item, edit.Before) : AccessRules.RefusalToChange(actor, item),
            withThemes: true, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        // Comments and checkpoints leave the version as it is, so they do not stand in the way; any move or edit does.
        if (item!.Version != entry.VersionAfter)
        {
            return ChangeOutcome.Stale(item, await ChangedSinceAsync(change.Db, change.Actor, item, cancellationToken));
        }

        return entry switch
        {
            MoveUndo move => await UndoMoveAsync(change, plan!, item, move, cancellationToken),
            EditUndo edit => await UndoEditAsync(change, plan!, item, edit, cancellationToken),
            _ => throw new InvalidOperationException($"Unknown undo entry {entry.GetType().Name}."),
        };
    }

    private async Task<ChangeOutcome> UndoMoveAsync(Change change, Plan plan, PlanItem item, MoveUndo move, CancellationToken cancellationToken)
    {
        var statusNow = item.Status;
        var cells = await CellsAsync(change.Db, item, move.StatusBefore, cancellationToken);
        var outcome = await PlaceAsync(change, plan, item, cells, AboveWhich(cells, item.Id, move),
            position => item.RestoreStatus(move.StatusBefore, position), UndoneKind,
            reason => $"{item.Code} kan ikke flyttes tilbage til {move.StatusBefore.Name()}: {reason}", cancellationToken);
        return outcome.Succeeded
            ? outcome with { Message = statusNow == move.StatusBefore
                ? $"Fortrudt: {item.Code} er flyttet tilbage til sin plads i {move.StatusBefore.Name()}."
                : $"Fortrudt: {item.Code} er flyttet tilbage til {move.StatusBefore.Name()}." }
            : outcome;
    }

    private async Task<ChangeOutcome> UndoEditAsync(Change change, Plan plan, PlanItem item, EditUndo edit, CancellationToken cancellationToken)
    {
        var db = change.Db;
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

        var outcome = await SaveAsync(change, plan, plan.Themes, item, UndoneKind, before, ItemState.Of(item, 0), previous, committees, cancellationToken);
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

    private static string Minutes(TimeSpan window) =>
        window.TotalMinutes == 1 ? "1 minut" : $"{window.TotalMinutes.ToString("0.#", CultureInfo.GetCultureInfo("da-DK"))} minutter";

    /// <summary>Where a moved card stood before the move, taken before it moves.</summary>
    private readonly record struct MoveUndoState(ItemStatus Status, double Position, int? Below);

    /// <summary>After the user's own move that saved a new version, the move is what they can undo.</summary>
    private void RememberMove(Actor actor, ChangeOutcome<PlanItem> outcome, Guid readVersion, MoveUndoState before)
    {
        if (outcome is not { Succeeded: true, Value: { } item } || item.Version == readVersion)
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
    private void RememberEdit(Actor actor, ChangeOutcome<PlanItem> outcome, Guid readVersion, ItemDetails before, IEnumerable<int> years)
    {
        if (outcome is not { Succeeded: true, Value: { } item } || item.Version == readVersion)
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
