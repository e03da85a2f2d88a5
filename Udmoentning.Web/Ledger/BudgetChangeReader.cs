using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Ledger;
using Udmoentning.Web.Access;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Ledger;

/// <summary>The lines of a budget-change file, or why there are none: the HTTP status and a Danish message.</summary>
public sealed record BudgetChangeSelection(IReadOnlyList<BudgetChangeLine> Lines, string PlanName, int Status, string? Problem);

/// <summary>
/// Reads the kontering lines of a selection of a plan's items for the budget-change file: all items with a kontering, a
/// committee's own items (<c>udvalg</c>), or the items named by code (<c>punkter</c>). Coordinators and administrators only:
/// the file goes to the finance system.
/// </summary>
public sealed class BudgetChangeReader(IDbContextFactory<PlanDbContext> contexts, CurrentUsers currentUsers)
{
    public const string NotAllowed = "Kun koordinatorer og administratorer kan hente budgetændringsfilen.";

    public async Task<BudgetChangeSelection> ReadAsync(ClaimsPrincipal user, int planId, string? committeeSlug, string? codes, CancellationToken cancellationToken)
    {
        if (!AccessRules.CanManagePlans(await currentUsers.ActorAsync(user, cancellationToken)))
        {
            return new BudgetChangeSelection([], string.Empty, StatusCodes.Status403Forbidden, NotAllowed);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plan = await db.Plans.AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
        if (plan is null)
        {
            return new BudgetChangeSelection([], string.Empty, StatusCodes.Status404NotFound, "Planen findes ikke (længere).");
        }

        var committees = await db.Committees.AsNoTracking().ToListAsync(cancellationToken);
        var items = await db.Items.AsNoTracking().Where(i => i.PlanId == planId).ToListAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(committeeSlug))
        {
            var committee = committees.SingleOrDefault(c => string.Equals(c.Slug, committeeSlug, StringComparison.OrdinalIgnoreCase));
            if (committee is null)
            {
                return new BudgetChangeSelection([], plan.Name, StatusCodes.Status404NotFound, $"Udvalget \"{Shorten(committeeSlug)}\" findes ikke.");
            }

            items = [.. items.Where(i => i.CommitteeId == committee.Id)];
        }

        if (!string.IsNullOrWhiteSpace(codes))
        {
            var wanted = codes.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var unknown = wanted.Where(code => items.All(i => !string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase))).ToList();
            if (unknown.Count > 0)
            {
                return new BudgetChangeSelection([], plan.Name, StatusCodes.Status404NotFound, $"Punkterne findes ikke i {(string.IsNullOrWhiteSpace(committeeSlug) ? "planen" : "udvalget")}: {Shorten(string.Join(", ", unknown))}.");
            }

            items = [.. items.Where(i => wanted.Contains(i.Code))];
        }

        var ids = items.Select(i => i.Id).ToList();
        var lines = await db.AccountLines.AsNoTracking().Where(l => ids.Contains(l.ItemId)).ToListAsync(cancellationToken);
        var byId = items.ToDictionary(i => i.Id);
        var names = committees.ToDictionary(c => c.Id, c => c.Name);
        return new BudgetChangeSelection(
            [.. lines.Select(l => (Item: byId[l.ItemId], Line: l.ToLine()))
                .OrderBy(x => x.Item.Code, StringComparer.Ordinal).ThenBy(x => x.Line.Account, StringComparer.Ordinal).ThenBy(x => x.Line.Year)
                .Select(x => new BudgetChangeLine(x.Item.Code, x.Item.Title, names.GetValueOrDefault(x.Item.CommitteeId, string.Empty), x.Line))],
            plan.Name, StatusCodes.Status200OK, null);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
