using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Public;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Administration;

/// <summary>The plan's details as the administration form edits them.</summary>
public sealed record PlanForm(string Name, int FirstBudgetYear, int LastBudgetYear, DateOnly AdoptedOn);

/// <summary>An economic target as the administration edits it: its name, an amount per budget year (1.000 kr.) and the counted items.</summary>
public sealed record TargetForm(string Name, IReadOnlyDictionary<int, int> AmountsByYear, IReadOnlyCollection<int> ItemIds);

/// <summary>
/// The one way plans, main themes, committees and meetings change: checks that the user is a coordinator or an
/// administrator, applies the domain's rules, saves with a record of the change (who, when, old, new) in the same
/// transaction, and tells every open board to reload. Refusals save and record nothing.
/// </summary>
public sealed partial class PlanAdministration(
    IDbContextFactory<PlanDbContext> contexts,
    PlanChangePublisher publisher,
    CurrentUsers currentUsers,
    TimeProvider clock,
    ILogger<PlanAdministration> logger)
{
    public const string PlanSubject = "Plan";
    public const string ThemeSubject = "Hovedpunkt";
    public const string CommitteeSubject = "Udvalg";
    public const string MeetingSubject = "Møde";
    public const string TargetSubject = "Mål";

    public Task<AdminOutcome> CreatePlanAsync(ClaimsPrincipal user, PlanForm form, IReadOnlyList<string>? themes = null, CancellationToken cancellationToken = default) =>
        RunAsync(user, cancellationToken, async (db, actor, record) =>
        {
            var plan = new Plan(form.Name, form.FirstBudgetYear, form.LastBudgetYear, form.AdoptedOn, PlanStage.Adopted);
            foreach (var theme in themes ?? [])
            {
                plan.AddTheme(theme);
            }

            db.Plans.Add(plan);
            await db.SaveChangesAsync(cancellationToken);
            record(new Recorded(plan.Id, PlanSubject, plan.Name, "Oprettet", PlanFields(plan)), $"Planen \"{plan.Name}\" er oprettet.");
            return AdminOutcome.Saved(plan.Id);
        });

    public Task<AdminOutcome> EditPlanAsync(ClaimsPrincipal user, int planId, Guid expectedVersion, PlanForm form, CancellationToken cancellationToken = default) =>
        WithPlanAsync(user, planId, expectedVersion, cancellationToken, async (db, plan, record) =>
        {
            var outside = await db.Items.Where(i => i.PlanId == planId)
                .SelectMany(i => i.Effects).Where(e => e.AmountThousands != 0 && (e.Year < form.FirstBudgetYear || e.Year > form.LastBudgetYear))
                .Select(e => e.Year).Distinct().OrderBy(y => y).ToListAsync(cancellationToken);
            if (outside.Count > 0)
            {
                return AdminOutcome.Refused($"Punkter har beløb i {string.Join(", ", outside)}, som ikke længere ville være budgetår. Ret beløbene først.");
            }

            var before = PlanFields(plan);
            plan.Edit(form.Name, form.FirstBudgetYear, form.LastBudgetYear, form.AdoptedOn);
            var changes = Changed(before, PlanFields(plan));
            if (changes.Count == 0)
            {
                return AdminOutcome.Saved(plan.Id, "Intet at gemme: planen er uændret.");
            }

            await db.SaveChangesAsync(cancellationToken);
            record(new Recorded(plan.Id, PlanSubject, plan.Name, "Ændret", changes), $"Planen \"{plan.Name}\" er ændret.");
            return AdminOutcome.Saved(plan.Id);
        });

    public Task<AdminOutcome> SetStageAsync(ClaimsPrincipal user, int planId, Guid expectedVersion, PlanStage stage, CancellationToken cancellationToken = default) =>
        RunAsync(user, cancellationToken, async (db, actor, record) =>
        {
            if (await db.Plans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken) is not { } plan)
            {
                return AdminOutcome.NotFound("Planen");
            }

            if (plan.Version != expectedVersion)
            {
                return AdminOutcome.Stale($"Planen \"{plan.Name}\"");
            }

            var old = plan.Stage;
            if (old == stage)
            {
                return AdminOutcome.Saved(plan.Id);
            }

            plan.MoveTo(stage);
            await db.SaveChangesAsync(cancellationToken);
            record(new Recorded(plan.Id, PlanSubject, plan.Name, "Ændret", [new FieldChange("Stade", Plan.StageName(old), Plan.StageName(stage))]),
                $"Planen \"{plan.Name}\" er nu {Plan.StageName(stage).ToLowerInvariant()}.");
            return AdminOutcome.Saved(plan.Id);
        });

    /// <summary>
    /// Opens or closes the plan's public, read-only page (<see cref="PublicPlan"/>). Only an administrator decides what
    /// the municipality publishes; an archived plan may stay public, as old plans stay readable.
    /// </summary>
    public Task<AdminOutcome> SetPublicAsync(ClaimsPrincipal user, int planId, Guid expectedVersion, bool isPublic, CancellationToken cancellationToken = default) =>
        RunAsync(user, cancellationToken, async (db, actor, record) =>
        {
            if (!AccessRules.CanAdminister(actor))
            {
                logger.LogWarning("Forbidden: user {UserId} tried to publish plan {PlanId}", actor.UserId, planId);
                return AdminOutcome.Forbidden(AccessRules.NotPublisher);
            }

            if (await db.Plans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken) is not { } plan)
            {
                return AdminOutcome.NotFound("Planen");
            }

            if (plan.Version != expectedVersion)
            {
                return AdminOutcome.Stale($"Planen \"{plan.Name}\"");
            }

            if (plan.IsPublic == isPublic)
            {
                return AdminOutcome.Saved(plan.Id);
            }

            plan.SetPublic(isPublic);
            await db.SaveChangesAsync(cancellationToken);
            record(new Recorded(plan.Id, PlanSubject, plan.Name, "Ændret", [new FieldChange("Offentlig side", PublicWord(!isPublic), PublicWord(isPublic))]),
                isPublic ? $"Planen \"{plan.Name}\" har nu en offentlig side." : $"Planens offentlige side er lukket.");
            return AdminOutcome.Saved(plan.Id);
        });

    private static string PublicWord(bool isPublic) => isPublic ? "Åben" : "Lukket";

    /// <summary>
    /// "Ny plan fra denne": next period's plan from the open items of this one, under the same main themes; amounts are
    /// kept where the years overlap, the original timing is kept as baseline, and each item remembers where it came from.
    /// </summary>
    public Task<AdminOutcome> CarryOverAsync(ClaimsPrincipal user, int fromPlanId, PlanForm form, CancellationToken cancellationToken = default) =>
        RunAsync(user, cancellationToken, async (db, actor, record) =>
        {
            if (await db.Plans.AsNoTracking().Include(p => p.Themes).SingleOrDefaultAsync(p => p.Id == fromPlanId, cancellationToken) is not { } from)
            {
                return AdminOutcome.NotFound("Planen");
            }

            var plan = new Plan(form.Name, form.FirstBudgetYear, form.LastBudgetYear, form.AdoptedOn, PlanStage.Draft);
            var themes = from.Themes.OrderBy(t => t.Position).ToDictionary(t => t.Id, t => plan.AddTheme(t.Name));
            db.Plans.Add(plan);
            await db.SaveChangesAsync(cancellationToken);

            var open = await db.Items.AsNoTracking().Where(i => i.PlanId == fromPlanId && i.Status != ItemStatus.Completed)
                .OrderBy(i => i.Position).ThenBy(i => i.Id).ToListAsync(cancellationToken);
            var copies = open.Select(original => (original, copy: PlanItem.Bring(
                plan,
                original.ToDetails() with
                {
                    ThemeId = themes[original.ThemeId].Id,
                    Effects = [.. original.Effects.Where(e => plan.CoversYear(e.Year))],
                },
                original.Status,
                original.Position,
                original.BaselineTiming,
                original.Id))).ToList();
            db.Items.AddRange(copies.Select(c => c.copy));
            await db.SaveChangesAsync(cancellationToken);

            var at = clock.GetUtcNow().UtcDateTime;
            db.History.AddRange(copies.Select(c => new ItemHistoryEntry(plan.Id, c.copy.Id, c.copy.Code, at, actor.UserId, actor.Name, "Videreført",
                [new FieldChange("Videreført fra", null, $"{from.Name} ({from.BudgetPeriod}), {c.original.Code}")])));
            var fields = PlanFields(plan).Append(new FieldChange("Videreført fra", null, from.Name))
                .Append(new FieldChange("Punkter", null, copies.Count.ToString(CultureInfo.InvariantCulture))).ToList();
            record(new Recorded(plan.Id, PlanSubject, plan.Name, "Oprettet", fields),
                $"Planen \"{plan.Name}\" er oprettet fra \"{from.Name}\" med {copies.Count} åbne punkter.");
            return AdminOutcome.Saved(plan.Id, $"\"{plan.Name}\" er oprettet med {copies.Count} åbne punkter fra \"{from.Name}\". Den er under udarbejdelse, til du vedtager den.");
        });

    public Task<AdminOutcome> AddThemeAsync(ClaimsPrincipal user, int planId, string name, CancellationToken cancellationToken = default) =>
        WithPlanAsync(user, planId, null, cancellationToken, async (db, plan, record) =>
        {
            var theme = plan.AddTheme(name);
            await db.SaveChangesAsync(cancellationToken);
            record(new Recorded(plan.Id, ThemeSubject, theme.Name, "Oprettet", [new FieldChange("Navn", null, theme.Name), new FieldChange("Nummer", null, Num(theme.Position))]),
                $"Hovedpunktet \"{theme.Name}\" er tilføjet.");
            return AdminOutcome.Saved(theme.Id);
        });

    public Task<AdminOutcome> RenameThemeAsync(ClaimsPrincipal user, int planId, Guid expectedVersion, int themeId, string name, CancellationToken cancellationToken = default) =>
        WithThemeAsync(user, planId, expectedVersion, themeId, cancellationToken, async (db, plan, theme, record) =>
        {
            var old = theme.Name;
            plan.RenameTheme(theme, name);
            if (old == theme.Name)
            {
                return AdminOutcome.Saved(theme.Id);
            }

            await db.SaveChangesAsync(cancellationToken);
            record(new Recorded(plan.Id, ThemeSubject, theme.Name, "Ændret", [new FieldChange("Navn", old, theme.Name)]), $"Hovedpunktet \"{old}\" hedder nu \"{theme.Name}\".");
            return AdminOutcome.Saved(theme.Id);
        });

    public Task<AdminOutcome> MoveThemeAsync(ClaimsPrincipal user, int planId, Guid expectedVersion, int themeId, int direction, CancellationToken cancellationToken = default) =>
        WithThemeAsync(user, planId, expectedVersion, themeId, cancellationToken, async (db, plan, theme, record) =>
        {
            var old = theme.Position;
            plan.MoveTheme(theme, direction);
            await db.SaveChangesAsync(cancellationToken);
            record(new Recorded(plan.Id, ThemeSubject, theme.Name, "Flyttet", [new FieldChange("Nummer", Num(old), Num(theme.Position))]),
                $"Hovedpunktet \"{theme.Name}\" er nu nr. {theme.Position}.");
            return AdminOutcome.Saved(theme.Id);
        });

    public Task<AdminOutcome> RemoveThemeAsync(ClaimsPrincipal user, int planId, Guid expectedVersion, int themeId, CancellationToken cancellationToken = default) =>
        WithThemeAsync(user, planId, expectedVersion, themeId, cancellationToken, async (db, plan, theme, record) =>
        {
            var count = await db.Items.CountAsync(i => i.ThemeId == themeId, cancellationToken);
            plan.RemoveTheme(theme, count);
            db.Themes.Remove(theme);
            await db.SaveChangesAsync(cancellationToken);
            record(new Recorded(plan.Id, ThemeSubject, theme.Name, "Fjernet", [new FieldChange("Navn", theme.Name, null)]), $"Hovedpunktet \"{theme.Name}\" er fjernet.");
            return AdminOutcome.Saved(theme.Id);
        });

    /// <summary>A new target with no amounts yet, counting the plan's råderumsforslag (<see cref="EconomicTarget.DefaultItems"/>).</summary>
    public Task<AdminOutcome> AddTargetAsync(ClaimsPrincipal user, int planId, string name, CancellationToken cancellationToken = default) =>
        WithPlanAsync(user, planId, null, cancellationToken, async (db, plan, record) =>
        {
            var target = new EconomicTarget(plan.Id, name);
            var items = await db.Items.AsNoTracking().Where(i => i.PlanId == planId).ToListAsync(cancellationToken);
            target.CountItems(EconomicTarget.DefaultItems(items));
            db.Targets.Add(target);
            await db.SaveChangesAsync(cancellationToken);
            record(new Recorded(plan.Id, TargetSubject, target.Name, "Oprettet", [new FieldChange("Navn", null, target.Name), new FieldChange("Punkter", null, Num(target.Items.Count))]),
                $"Målet \"{target.Name}\" er tilføjet.");
            return AdminOutcome.Saved(target.Id);
        });

    /// <summary>Saves a target's name, amounts and counted items; amounts only in the plan's budget years, items only from the plan.</summary>
    public Task<AdminOutcome> SaveTargetAsync(ClaimsPrincipal user, int planId, int targetId, Guid expectedVersion, TargetForm form, CancellationToken cancellationToken = default) =>
        WithTargetAsync(user, planId, targetId, expectedVersion, cancellationToken, async (db, plan, target, record) =>
        {
            var outside = form.AmountsByYear.Where(a => a.Value != 0 && (a.Key < plan.FirstBudgetYear || a.Key > plan.LastBudgetYear)).Select(a => a.Key).Order().ToList();
            if (outside.Count > 0)
            {
                return AdminOutcome.Invalid($"{string.Join(", ", outside)} er ikke budgetår i planen ({plan.BudgetPeriod}). Intet er gemt.");
            }

            var codes = await db.Items.AsNoTracking().Where(i => i.PlanId == planId).ToDictionaryAsync(i => i.Id, i => i.Code, cancellationToken);
            var unknown = form.ItemIds.Distinct().Count(id => !codes.ContainsKey(id));
            if (unknown > 0)
            {
                return AdminOutcome.Invalid($"{unknown} af de valgte punkter findes ikke (længere) i planen. Intet er gemt.");
            }

            var before = TargetFields(plan, target, codes);
            var oldName = target.Name;
            target.Rename(form.Name);
            target.SetAmounts(form.AmountsByYear.Where(a => a.Value != 0).ToDictionary());
            target.CountItems(form.ItemIds);
            var changes = Changed(before, TargetFields(plan, target, codes));
            if (changes.Count == 0)
            {
                return AdminOutcome.Saved(target.Id);
            }

            await db.SaveChangesAsync(cancellationToken);
            record(new Recorded(plan.Id, TargetSubject, target.Name, "Ændret", changes),
                oldName == target.Name ? $"Målet \"{target.Name}\" er ændret." : $"Målet \"{oldName}\" hedder nu \"{target.Name}\".");
            return AdminOutcome.Saved(target.Id);
        });

    public Task<AdminOutcome> RemoveTargetAsync(ClaimsPrincipal user, int planId, int targetId, Guid expectedVersion, CancellationToken cancellationToken = default) =>
        WithTargetAsync(user, planId, targetId, expectedVersion, cancellationToken, async (db, plan, target, record) =>
        {
            db.Targets.Remove(target);
            await db.SaveChangesAsync(cancellationToken);
            record(new Recorded(plan.Id, TargetSubject, target.Name, "Fjernet", [new FieldChange("Navn", target.Name, null)]), $"Målet \"{target.Name}\" er fjernet.");
            return AdminOutcome.Saved(target.Id);
        });

    public Task<AdminOutcome> CreateCommitteeAsync(ClaimsPrincipal user, string name, string shortCode, string? slug, CancellationToken cancellationToken = default) =>
        RunAsync(user, cancellationToken, async (db, actor, record) =>
        {
            var committee = new Committee(name, shortCode, slug);
            if (await DuplicateCommitteeAsync(db, committee, null, cancellationToken) is { } duplicate)
            {
                return AdminOutcome.Invalid(duplicate);
            }

            db.Committees.Add(committee);
            await db.SaveChangesAsync(cancellationToken);
            record(new Recorded(null, CommitteeSubject, committee.Name, "Oprettet", CommitteeFields(committee)), $"Udvalget \"{committee.Name}\" er oprettet.");
            return AdminOutcome.Saved(committee.Id);
        });

    /// <summary>Changes a committee; a new short code is carried over to the users who edit for it, so nobody loses their rights.</summary>
    public Task<AdminOutcome> EditCommitteeAsync(ClaimsPrincipal user, int committeeId, Guid expectedVersion, string name, string shortCode, string? slug, CancellationToken cancellationToken = default) =>
        RunAsync(user, cancellationToken, async (db, actor, record) =>
        {
            if (await db.Committees.SingleOrDefaultAsync(c => c.Id == committeeId, cancellationToken) is not { } committee)
            {
                return AdminOutcome.NotFound("Udvalget");
            }

            if (committee.Version != expectedVersion)
            {
                return AdminOutcome.Stale($"Udvalget \"{committee.Name}\"");
            }

            var before = CommitteeFields(committee);
            var oldCode = committee.ShortCode;
            committee.Edit(name, shortCode, slug);
            if (await DuplicateCommitteeAsync(db, committee, committee.Id, cancellationToken) is { } duplicate)
            {
                return AdminOutcome.Invalid(duplicate);
            }

            var changes = Changed(before, CommitteeFields(committee));
            if (changes.Count == 0)
            {
                return AdminOutcome.Saved(committee.Id);
            }

            if (oldCode != committee.ShortCode)
            {
                foreach (var claim in await db.UserClaims.Where(c => c.ClaimType == AccessClaims.Committee && c.ClaimValue == oldCode).ToListAsync(cancellationToken))
                {
                    claim.ClaimValue = committee.ShortCode;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            record(new Recorded(null, CommitteeSubject, committee.Name, "Ændret", changes), $"Udvalget \"{committee.Name}\" er ændret.");
            return AdminOutcome.Saved(committee.Id);
        });

    /// <summary>Adds meetings on the given dates; dates the committee already meets are skipped and said.</summary>
    public Task<AdminOutcome> AddMeetingsAsync(ClaimsPrincipal user, int committeeId, IReadOnlyCollection<DateOnly> dates, CancellationToken cancellationToken = default) =>
        RunAsync(user, cancellationToken, async (db, actor, record) =>
        {
            if (await db.Committees.SingleOrDefaultAsync(c => c.Id == committeeId, cancellationToken) is not { } committee)
            {
                return AdminOutcome.NotFound("Udvalget");
            }

            if (dates.Count == 0)
            {
                return AdminOutcome.Invalid("Skriv mindst én dato.");
            }

            var existing = await db.Meetings.Where(m => m.CommitteeId == committeeId).Select(m => m.Date).ToListAsync(cancellationToken);
            var added = dates.Distinct().Where(d => !existing.Contains(d)).Order().Select(d => new CommitteeMeeting(committee, d)).ToList();
            var skipped = dates.Distinct().Count() - added.Count;
            if (added.Count == 0)
            {
                return AdminOutcome.Invalid($"{committee.ShortCode} har allerede møde på {(dates.Count == 1 ? "den dato" : "de datoer")}.");
            }

            db.Meetings.AddRange(added);
            await db.SaveChangesAsync(cancellationToken);
            record(new Recorded(null, MeetingSubject, committee.ShortCode, "Oprettet",
                    [.. added.Select(m => new FieldChange("Møde", null, IsoDate.Format(m.Date)))]),
                $"{added.Count} {(added.Count == 1 ? "møde" : "møder")} i {committee.ShortCode} er tilføjet.");
            return AdminOutcome.Saved(committee.Id, skipped > 0
                ? $"{added.Count} møder er tilføjet; {skipped} {(skipped == 1 ? "dato fandtes" : "datoer fandtes")} allerede."
                : $"{added.Count} {(added.Count == 1 ? "møde er tilføjet" : "møder er tilføjet")}.");
        });

    public Task<AdminOutcome> MoveMeetingAsync(ClaimsPrincipal user, int meetingId, Guid expectedVersion, DateOnly date, CancellationToken cancellationToken = default) =>
        WithMeetingAsync(user, meetingId, expectedVersion, cancellationToken, async (db, meeting, record) =>
        {
            var old = meeting.Date;
            if (old == date)
            {
                return AdminOutcome.Saved(meeting.Id);
            }

            if (await db.Meetings.AnyAsync(m => m.CommitteeId == meeting.CommitteeId && m.Date == date && m.Id != meeting.Id, cancellationToken))
            {
                return AdminOutcome.Invalid($"Udvalget har allerede et møde {MeetingDates.Format(date)}.");
            }

            meeting.MoveTo(date);
            await db.SaveChangesAsync(cancellationToken);
            record(new Recorded(null, MeetingSubject, $"{meeting.Committee!.ShortCode} {IsoDate.Format(old)}", "Flyttet", [new FieldChange("Dato", IsoDate.Format(old), IsoDate.Format(date))]),
                $"Mødet i {meeting.Committee.ShortCode} {MeetingDates.Format(old)} er flyttet til {MeetingDates.Format(date)}.");
            return AdminOutcome.Saved(meeting.Id);
        });

    /// <summary>Cancels a meeting (or takes the cancellation back); items scheduled for it keep it, marked, until they are moved.</summary>
    public Task<AdminOutcome> CancelMeetingAsync(ClaimsPrincipal user, int meetingId, Guid expectedVersion, bool cancelled, CancellationToken cancellationToken = default) =>
        WithMeetingAsync(user, meetingId, expectedVersion, cancellationToken, async (db, meeting, record) =>
        {
            if (meeting.IsCancelled == cancelled)
            {
                return AdminOutcome.Saved(meeting.Id);
            }

            meeting.Cancel(cancelled);
            await db.SaveChangesAsync(cancellationToken);
            var name = $"{meeting.Committee!.ShortCode} {IsoDate.Format(meeting.Date)}";
            record(new Recorded(null, MeetingSubject, name, cancelled ? "Aflyst" : "Genoptaget",
                    [new FieldChange("Aflyst", cancelled ? "Nej" : "Ja", cancelled ? "Ja" : "Nej")]),
                cancelled ? $"Mødet i {meeting.Committee.ShortCode} {MeetingDates.Format(meeting.Date)} er aflyst." : $"Mødet i {meeting.Committee.ShortCode} {MeetingDates.Format(meeting.Date)} holdes alligevel.");
            var scheduled = await db.Items.CountAsync(i => i.TreatmentMeetingId == meeting.Id, cancellationToken);
            return AdminOutcome.Saved(meeting.Id, cancelled && scheduled > 0 ? $"Mødet er aflyst. {scheduled} punkter skulle behandles på det; flyt dem til et andet møde." : null);
        });

    /// <summary>Every committee, for administration when there is no plan yet.</summary>
    public async Task<IReadOnlyList<Committee>> CommitteesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Committees.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken);
    }

    /// <summary>Every meeting, for administration when there is no plan yet.</summary>
    public async Task<IReadOnlyList<CommitteeMeeting>> MeetingsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Meetings.AsNoTracking().ToListAsync(cancellationToken);
    }

    /// <summary>The record of administrative changes, newest first: one plan's and those every plan shares (committees, meetings).</summary>
    public async Task<IReadOnlyList<AdministrationEntry>> HistoryAsync(int? planId, int take = 200, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AdministrationHistory.AsNoTracking()
            .Where(e => e.PlanId == null || e.PlanId == planId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(take)
            .ToListAsync(cancellationToken);
    }

    private sealed record Recorded(int? PlanId, string Subject, string Name, string Kind, IReadOnlyList<FieldChange> Changes);

    private delegate Task<AdminOutcome> Work(PlanDbContext db, Actor actor, Action<Recorded, string> record);

    private Task<AdminOutcome> WithPlanAsync(ClaimsPrincipal user, int planId, Guid? expectedVersion, CancellationToken cancellationToken,
        Func<PlanDbContext, Plan, Action<Recorded, string>, Task<AdminOutcome>> work, [CallerMemberName] string action = "") =>
        RunAsync(user, cancellationToken, planId, action, async (db, actor, record) =>
        {
            var plan = await db.Plans.Include(p => p.Themes).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken);
            if (plan is null)
            {
                return AdminOutcome.NotFound("Planen");
            }

            if (plan.ReadOnlyReason is { } readOnly)
            {
                return AdminOutcome.Refused(readOnly + " Genåbn den for at ændre den.");
            }

            if (expectedVersion is { } version && plan.Version != version)
            {
                return AdminOutcome.Stale($"Planen \"{plan.Name}\"");
            }

            return await work(db, plan, record);
        });

    private Task<AdminOutcome> WithThemeAsync(ClaimsPrincipal user, int planId, Guid expectedVersion, int themeId, CancellationToken cancellationToken,
        Func<PlanDbContext, Plan, MainTheme, Action<Recorded, string>, Task<AdminOutcome>> work, [CallerMemberName] string action = "") =>
        WithPlanAsync(user, planId, expectedVersion, cancellationToken, (db, plan, record) =>
            plan.Themes.FirstOrDefault(t => t.Id == themeId) is { } theme ? work(db, plan, theme, record) : Task.FromResult(AdminOutcome.NotFound("Hovedpunktet")), action);

    /// <summary>Work on one of a plan's targets; the plan's own version is not checked, the target's is.</summary>
    private Task<AdminOutcome> WithTargetAsync(ClaimsPrincipal user, int planId, int targetId, Guid expectedVersion, CancellationToken cancellationToken,
        Func<PlanDbContext, Plan, EconomicTarget, Action<Recorded, string>, Task<AdminOutcome>> work, [CallerMemberName] string action = "") =>
        WithPlanAsync(user, planId, null, cancellationToken, async (db, plan, record) =>
        {
            var target = await db.Targets.SingleOrDefaultAsync(t => t.Id == targetId && t.PlanId == planId, cancellationToken);
            if (target is null)
            {
                return AdminOutcome.NotFound("Målet");
            }

            return target.Version != expectedVersion ? AdminOutcome.Stale($"Målet \"{target.Name}\"") : await work(db, plan, target, record);
        }, action);

    private Task<AdminOutcome> WithMeetingAsync(ClaimsPrincipal user, int meetingId, Guid expectedVersion, CancellationToken cancellationToken,
        Func<PlanDbContext, CommitteeMeeting, Action<Recorded, string>, Task<AdminOutcome>> work, [CallerMemberName] string action = "") =>
        RunAsync(user, cancellationToken, meetingId, action, async (db, actor, record) =>
        {
            var meeting = await db.Meetings.Include(m => m.Committee).SingleOrDefaultAsync(m => m.Id == meetingId, cancellationToken);
            if (meeting is null)
            {
                return AdminOutcome.NotFound("Mødet");
            }

            return meeting.Version != expectedVersion ? AdminOutcome.Stale("Mødet") : await work(db, meeting, record);
        });

    /// <summary>
    /// Checks access, runs the work in one transaction with the record of what it did, and tells every viewer after the commit.
    /// Domain refusals become Invalid outcomes; a concurrent change becomes Stale; nothing is saved then.
    /// A database that cannot be reached makes it Unavailable, with nothing saved.
    /// </summary>
    private Task<AdminOutcome> RunAsync(ClaimsPrincipal user, CancellationToken cancellationToken, Work work, [CallerMemberName] string action = "") =>
        RunAsync(user, cancellationToken, null, action, work);

    /// <param name="subjectId">The plan or meeting the work is about, for the log of a forbidden attempt.</param>
    private Task<AdminOutcome> RunAsync(ClaimsPrincipal user, CancellationToken cancellationToken, int? subjectId, string action, Work work) =>
        logger.GuardAsync(() => contexts.InStrategyAsync(() => RunOnceAsync(user, cancellationToken, subjectId, action, work), cancellationToken), AdminOutcome.Unavailable);

    private async Task<AdminOutcome> RunOnceAsync(ClaimsPrincipal user, CancellationToken cancellationToken, int? subjectId, string action, Work work)
    {
        var actor = await currentUsers.ActorAsync(user, cancellationToken);
        if (!AccessRules.CanManagePlans(actor))
        {
            logger.LogWarning("Forbidden: user {UserId} tried {Action} on {SubjectId}", CurrentUsers.UserId(user), action, subjectId);
            return AdminOutcome.Forbidden(actor.IsSignedIn ? AccessRules.NotPlanManager : AccessRules.NotSignedIn);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var recorded = new List<(Recorded Entry, string Description)>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        AdminOutcome outcome;
        try
        {
            outcome = await work(db, actor, (entry, description) => recorded.Add((entry, description)));
            if (outcome.Succeeded && recorded.Count > 0)
            {
                var at = clock.GetUtcNow().UtcDateTime;
                db.AdministrationHistory.AddRange(recorded.Select(r =>
                    new AdministrationEntry(r.Entry.PlanId, r.Entry.Subject, r.Entry.Name, at, actor.UserId, actor.Name, r.Entry.Kind, r.Entry.Changes)));
                await db.SaveChangesAsync(cancellationToken);
            }
        }
        catch (PlanRuleException e)
        {
            return AdminOutcome.Invalid(e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AdminOutcome.Stale("Det, du ændrede,");
        }
        catch (DbUpdateException e) when (!StorageFailure.Is(e))
        {
            logger.LogWarning(e, "An administrative change was refused by the database");
            return AdminOutcome.Invalid("Ændringen strider mod noget, der allerede findes (fx en forkortelse eller dato, der er brugt). Intet er gemt.");
        }

        if (!outcome.Succeeded || recorded.Count == 0)
        {
            return outcome;
        }

        await transaction.CommitAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var (entry, description) in recorded)
        {
            await publisher.PublishAsync(new StructureChange(entry.Subject is CommitteeSubject or MeetingSubject ? null : entry.PlanId, description, actor.Name, now), cancellationToken);
        }

        logger.LogInformation("{User} changed the plan's structure: {Changes}", actor.Name, string.Join(" ", recorded.Select(r => r.Description)));
        return outcome;
    }

    /// <summary>Why a committee cannot be saved beside the others (code, address or name taken), or null; the one check for the committee page and the import.</summary>
    internal static async Task<string?> DuplicateCommitteeAsync(PlanDbContext db, Committee committee, int? except, CancellationToken cancellationToken)
    {
        var others = await db.Committees.AsNoTracking().Where(c => c.Id != except).ToListAsync(cancellationToken);
        if (others.FirstOrDefault(c => string.Equals(c.ShortCode, committee.ShortCode, StringComparison.OrdinalIgnoreCase)) is { } sameCode)
        {
            return $"Forkortelsen {committee.ShortCode} bruges allerede af {sameCode.Name}.";
        }

        if (others.FirstOrDefault(c => c.Slug == committee.Slug) is { } sameSlug)
        {
            return $"Kortnavnet \"{committee.Slug}\" bruges allerede af {sameSlug.Name}.";
        }

        return others.FirstOrDefault(c => string.Equals(c.Name, committee.Name, StringComparison.OrdinalIgnoreCase)) is { } sameName
            ? $"Der findes allerede et udvalg ved navn {sameName.Name}."
            : null;
    }

    /// <summary>A plan's fields as a record of its creation; two of them, before and after, give its changes (see <see cref="Changed"/>).</summary>
    private static List<FieldChange> PlanFields(Plan plan) =>
    [
        new("Navn", null, plan.Name),
        new("Budgetår", null, plan.BudgetPeriod),
        new("Vedtaget", null, IsoDate.Format(plan.AdoptedOn)),
        new("Stade", null, Plan.StageName(plan.Stage)),
    ];

    /// <summary>A target's fields: its name, its amount in each of the plan's budget years and the codes of its counted items.</summary>
    private static List<FieldChange> TargetFields(Plan plan, EconomicTarget target, IReadOnlyDictionary<int, string> codes) =>
    [
        new("Navn", null, target.Name),
        .. plan.BudgetYears.Select(year => new FieldChange($"Beløb {year}", null, Amounts.Format((int)target.AmountIn(year)))),
        new("Punkter", null, string.Join(", ", target.Items.Select(i => codes.GetValueOrDefault(i.ItemId, Num(i.ItemId))).Order(StringComparer.Ordinal))),
    ];

    internal static List<FieldChange> CommitteeFields(Committee committee) =>
    [
        new("Navn", null, committee.Name),
        new("Forkortelse", null, committee.ShortCode),
        new("Kortnavn", null, committee.Slug),
    ];

    /// <summary>The fields that differ between two records of the same fields, old to new.</summary>
    private static List<FieldChange> Changed(IReadOnlyList<FieldChange> before, IReadOnlyList<FieldChange> after) =>
        [.. before.Zip(after, (b, a) => new FieldChange(a.Field, b.New, a.New)).Where(c => c.Old != c.New)];

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
