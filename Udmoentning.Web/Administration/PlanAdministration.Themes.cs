using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;

namespace Udmoentning.Web.Administration;

/// <summary>Main themes and economic targets of a plan.</summary>
public sealed partial class PlanAdministration
{
    public Task<ChangeOutcome<int>> AddThemeAsync(ClaimsPrincipal user, int planId, string name, CancellationToken cancellationToken = default) =>
        WithPlanAsync(user, planId, null, cancellationToken, async (db, plan, record) =>
        {
            var theme = plan.AddTheme(name);
            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(plan.Id, ThemeSubject, theme.Name, "Oprettet", [new FieldChange("Navn", null, theme.Name), new FieldChange("Nummer", null, Num(theme.Position))]),
                $"Hovedpunktet \"{theme.Name}\" er tilføjet.");
            return ChangeOutcome.Saved(theme.Id);
        });

    public Task<ChangeOutcome<int>> RenameThemeAsync(ClaimsPrincipal user, int planId, Guid expectedVersion, int themeId, string name, CancellationToken cancellationToken = default) =>
        WithThemeAsync(user, planId, expectedVersion, themeId, cancellationToken, async (db, plan, theme, record) =>
        {
            var old = theme.Name;
            plan.RenameTheme(theme, name);
            if (old == theme.Name)
            {
                return ChangeOutcome.Saved(theme.Id);
            }

            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(plan.Id, ThemeSubject, theme.Name, "Ændret", [new FieldChange("Navn", old, theme.Name)]), $"Hovedpunktet \"{old}\" hedder nu \"{theme.Name}\".");
            return ChangeOutcome.Saved(theme.Id);
        });

    public Task<ChangeOutcome<int>> MoveThemeAsync(ClaimsPrincipal user, int planId, Guid expectedVersion, int themeId, int direction, CancellationToken cancellationToken = default) =>
        WithThemeAsync(user, planId, expectedVersion, themeId, cancellationToken, async (db, plan, theme, record) =>
        {
            var old = theme.Position;
            plan.MoveTheme(theme, direction);
            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(plan.Id, ThemeSubject, theme.Name, "Flyttet", [new FieldChange("Nummer", Num(old), Num(theme.Position))]),
                $"Hovedpunktet \"{theme.Name}\" er nu nr. {theme.Position}.");
            return ChangeOutcome.Saved(theme.Id);
        });

    public Task<ChangeOutcome<int>> RemoveThemeAsync(ClaimsPrincipal user, int planId, Guid expectedVersion, int themeId, CancellationToken cancellationToken = default) =>
        WithThemeAsync(user, planId, expectedVersion, themeId, cancellationToken, async (db, plan, theme, record) =>
        {
            var count = await db.Items.CountAsync(i => i.ThemeId == themeId, cancellationToken);
            plan.RemoveTheme(theme, count);
            db.Themes.Remove(theme);
            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(plan.Id, ThemeSubject, theme.Name, "Fjernet", [new FieldChange("Navn", theme.Name, null)]), $"Hovedpunktet \"{theme.Name}\" er fjernet.");
            return ChangeOutcome.Saved(theme.Id);
        });

    /// <summary>A new target with no amounts yet, counting the plan's råderumsforslag (<see cref="EconomicTarget.DefaultItems"/>).</summary>
    public Task<ChangeOutcome<int>> AddTargetAsync(ClaimsPrincipal user, int planId, string name, CancellationToken cancellationToken = default) =>
        WithPlanAsync(user, planId, null, cancellationToken, async (db, plan, record) =>
        {
            var target = new EconomicTarget(plan.Id, name);
            var items = await db.Items.AsNoTracking().Where(i => i.PlanId == planId).ToListAsync(cancellationToken);
            target.CountItems(EconomicTarget.DefaultItems(items));
            db.Targets.Add(target);
            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(plan.Id, TargetSubject, target.Name, "Oprettet", [new FieldChange("Navn", null, target.Name), new FieldChange("Punkter", null, Num(target.Items.Count))]),
                $"Målet \"{target.Name}\" er tilføjet.");
            return ChangeOutcome.Saved(target.Id);
        });

    /// <summary>Saves a target's name, amounts and counted items; amounts only in the plan's budget years, items only from the plan.</summary>
    public Task<ChangeOutcome<int>> SaveTargetAsync(ClaimsPrincipal user, int planId, int targetId, Guid expectedVersion, TargetForm form, CancellationToken cancellationToken = default) =>
        WithTargetAsync(user, planId, targetId, expectedVersion, cancellationToken, async (db, plan, target, record) =>
        {
            var outside = form.AmountsByYear.Where(a => a.Value != 0 && (a.Key < plan.FirstBudgetYear || a.Key > plan.LastBudgetYear)).Select(a => a.Key).Order().ToList();
            if (outside.Count > 0)
            {
                return ChangeOutcome.Invalid($"{string.Join(", ", outside)} er ikke budgetår i planen ({plan.BudgetPeriod}). Intet er gemt.");
            }

            var codes = await db.Items.AsNoTracking().Where(i => i.PlanId == planId).ToDictionaryAsync(i => i.Id, i => i.Code, cancellationToken);
            var unknown = form.ItemIds.Distinct().Count(id => !codes.ContainsKey(id));
            if (unknown > 0)
            {
                return ChangeOutcome.Invalid($"{unknown} af de valgte punkter findes ikke (længere) i planen. Intet er gemt.");
            }

            var before = TargetFields(plan, target, codes);
            var oldName = target.Name;
            target.Rename(form.Name);
            target.SetAmounts(form.AmountsByYear.Where(a => a.Value != 0).ToDictionary());
            target.CountItems(form.ItemIds);
            var changes = Changed(before, TargetFields(plan, target, codes));
            if (changes.Count == 0)
            {
                return ChangeOutcome.Saved(target.Id);
            }

            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(plan.Id, TargetSubject, target.Name, "Ændret", changes),
                oldName == target.Name ? $"Målet \"{target.Name}\" er ændret." : $"Målet \"{oldName}\" hedder nu \"{target.Name}\".");
            return ChangeOutcome.Saved(target.Id);
        });

    public Task<ChangeOutcome<int>> RemoveTargetAsync(ClaimsPrincipal user, int planId, int targetId, Guid expectedVersion, CancellationToken cancellationToken = default) =>
        WithTargetAsync(user, planId, targetId, expectedVersion, cancellationToken, async (db, plan, target, record) =>
        {
            db.Targets.Remove(target);
            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(plan.Id, TargetSubject, target.Name, "Fjernet", [new FieldChange("Navn", target.Name, null)]), $"Målet \"{target.Name}\" er fjernet.");
            return ChangeOutcome.Saved(target.Id);
        });


    private Task<ChangeOutcome<int>> WithThemeAsync(ClaimsPrincipal user, int planId, Guid expectedVersion, int themeId, CancellationToken cancellationToken,
        Func<PlanDbContext, Plan, MainTheme, Records, Task<ChangeOutcome>> work, [CallerMemberName] string action = "") =>
        WithPlanAsync(user, planId, expectedVersion, cancellationToken, (db, plan, record) =>
            plan.Themes.FirstOrDefault(t => t.Id == themeId) is { } theme ? work(db, plan, theme, record) : Task.FromResult(ChangeOutcome.NotFound("Hovedpunktet")), action);

    /// <summary>Work on one of a plan's targets; the plan's own version is not checked, the target's is.</summary>
    private Task<ChangeOutcome<int>> WithTargetAsync(ClaimsPrincipal user, int planId, int targetId, Guid expectedVersion, CancellationToken cancellationToken,
        Func<PlanDbContext, Plan, EconomicTarget, Records, Task<ChangeOutcome>> work, [CallerMemberName] string action = "") =>
        WithPlanAsync(user, planId, null, cancellationToken, async (db, plan, record) =>
        {
            var target = await db.Targets.SingleOrDefaultAsync(t => t.Id == targetId && t.PlanId == planId, cancellationToken);
            if (target is null)
            {
                return ChangeOutcome.NotFound("Målet");
            }

            return target.Version != expectedVersion ? ChangeOutcome.Stale($"Målet \"{target.Name}\"") : await work(db, plan, target, record);
        }, action);

    /// <summary>A target's fields: its name, its amount in each of the plan's budget years and the codes of its counted items.</summary>
    private static List<FieldChange> TargetFields(Plan plan, EconomicTarget target, IReadOnlyDictionary<int, string> codes) =>
    [
        new("Navn", null, target.Name),
        .. plan.BudgetYears.Select(year => new FieldChange($"Beløb {year}", null, Amounts.Format(target.AmountIn(year)))),
        new("Punkter", null, string.Join(", ", target.Items.Select(i => codes.GetValueOrDefault(i.ItemId, Num(i.ItemId))).Order(StringComparer.Ordinal))),
    ];
}
