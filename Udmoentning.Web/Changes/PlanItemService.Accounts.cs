using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Changes;

/// <summary>
/// Place an item's amounts on accounts: <paramref name="Lines"/> replace its kontering. <paramref name="Expected"/> is the
/// kontering the user started from: when it is no longer the stored one, someone else changed it meanwhile and nothing is saved.
/// </summary>
public sealed record AccountsRequest(int ItemId, IReadOnlyList<AccountLine> Expected, IReadOnlyList<AccountLine> Lines);

public sealed partial class PlanItemService
{
    public const string AccountsKind = "Kontering";

    /// <summary>
    /// Replaces the item's kontering: who may change the item may place it (editors their committees' items, coordinators
    /// all); an open plan; every line fits the layout and the plan's years (<see cref="AccountLines.Check"/>). The lines need
    /// not add up to the item's amount: what is missing is shown, never filled in. One history record with each changed
    /// year's lines, old and new; published as <see cref="ChangeKind.Accounts"/>. Like a checkpoint, it does not change the
    /// item's version: an edit open in someone's form stays valid.
    /// </summary>
    public Task<ChangeOutcome<PlanItem>> PlaceOnAccountsAsync(ClaimsPrincipal user, AccountsRequest request, CancellationToken cancellationToken = default) =>
        OnItemAsync(user, "place on accounts", request.ItemId, null, AccessRules.RefusalToChange, withThemes: false,
            async (change, item, plan) =>
            {
                var errors = AccountLines.Check(accounts, request.Lines, plan.FirstBudgetYear, plan.LastBudgetYear);
                if (errors.Count > 0)
                {
                    return ChangeOutcome.Invalid(item, errors);
                }

                var stored = await change.Db.AccountLines.Where(l => l.ItemId == item.Id).ToListAsync(cancellationToken);
                var old = AccountLines.Normalise(accounts, stored.Select(l => l.ToLine()));
                if (!old.SequenceEqual(AccountLines.Normalise(accounts, request.Expected)))
                {
                    return ChangeOutcome.Stale(item, $"Konteringen af {item.Code} er netop ændret af en anden. Se den nye, og ret den igen. {ChangeOutcome.NothingSaved}");
                }

                var @new = AccountLines.Normalise(accounts, request.Lines);
                var changed = old.Concat(@new).Select(l => l.Year).Distinct().Order()
                    .Select(year => new FieldChange($"Konti {year}", AccountLines.Record(old, year), AccountLines.Record(@new, year)))
                    .Where(c => c.Old != c.New)
                    .ToList();
                if (changed.Count == 0)
                {
                    return ChangeOutcome.Saved(item, "Konteringen er uændret.");
                }

                var (committees, _) = await StructureAsync(change.Db, item, cancellationToken);
                change.Db.AccountLines.RemoveRange(stored);
                // The old rows go before the new ones are added: one account and year may be on both sides.
                await change.Db.SaveChangesAsync(cancellationToken);
                change.Db.AccountLines.AddRange(@new.Select(l => new ItemAccountLine(item.PlanId, item.Id, l)));
                item.NoteRelatedChange();
                change.Record(item, AccountsKind, changed);
                change.Publish(ChangeKind.Accounts, item, Previous(item, committees));
                return ChangeOutcome.Saved(item);
            }, cancellationToken);
}
