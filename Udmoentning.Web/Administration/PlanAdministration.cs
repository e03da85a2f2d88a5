using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Notifications;
using Udmoentning.Web.Data;
using Udmoentning.Web.Public;

namespace Udmoentning.Web.Administration;

/// <summary>
/// The plan's details as the administration form edits them. A new plan (created or imported) starts in <paramref name="Stage"/>:
/// under udarbejdelse unless the user chose otherwise, so it does not become the plan everyone sees until it is adopted.
/// Editing ignores the stage; <see cref="PlanAdministration.SetStageAsync"/> changes it.
/// </summary>
public sealed record PlanForm(string Name, int FirstBudgetYear, int LastBudgetYear, DateOnly AdoptedOn, PlanStage Stage = PlanStage.Draft);

/// <summary>An economic target as the administration edits it: its name, an amount per budget year (1.000 kr.) and the counted items.</summary>
public sealed record TargetForm(string Name, IReadOnlyDictionary<int, int> AmountsByYear, IReadOnlyCollection<int> ItemIds);

/// <summary>
/// The one way plans, main themes, committees and meetings change: checks that the user is a coordinator or an
/// administrator, applies the domain's rules, saves with a record of the change (who, when, old, new) in the same
/// transaction, and tells every open board to reload. Refusals save and record nothing.
/// </summary>
public sealed partial class PlanAdministration(
    IDbContextFactory<PlanDbContext> contexts,
    ChangePipeline changes,
    CurrentUsers currentUsers,
    Mailer mailer,
    TimeProvider clock,
    ILogger<PlanAdministration> logger)
{
    public const string PlanSubject = "Plan";
    public const string ThemeSubject = "Hovedpunkt";
    public const string CommitteeSubject = "Udvalg";
    public const string MeetingSubject = "Møde";
    public const string TargetSubject = "Mål";

    public Task<ChangeOutcome<int>> CreatePlanAsync(ClaimsPrincipal user, PlanForm form, IReadOnlyList<string>? themes = null, CancellationToken cancellationToken = default) =>
        RunAsync(user, cancellationToken, async (db, actor, record) =>
        {
            var plan = new Plan(form.Name, form.FirstBudgetYear, form.LastBudgetYear, form.AdoptedOn, form.Stage);
            foreach (var theme in themes ?? [])
            {
                plan.AddTheme(theme);
            }

            db.Plans.Add(plan);
            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(plan.Id, PlanSubject, plan.Name, "Oprettet", PlanFields(plan)), $"Planen \"{plan.Name}\" er oprettet.");
            return ChangeOutcome.Saved(plan.Id);
        });

    public Task<ChangeOutcome<int>> EditPlanAsync(ClaimsPrincipal user, int planId, Guid expectedVersion, PlanForm form, CancellationToken cancellationToken = default) =>
        WithPlanAsync(user, planId, expectedVersion, cancellationToken, async (db, plan, record) =>
        {
            var outside = await db.Items.Where(i => i.PlanId == planId)
                .SelectMany(i => i.Effects).Where(e => e.AmountThousands != 0 && (e.Year < form.FirstBudgetYear || e.Year > form.LastBudgetYear))
                .Select(e => e.Year).Distinct().OrderBy(y => y).ToListAsync(cancellationToken);
            if (outside.Count > 0)
            {
                return ChangeOutcome.Refused($"Punkter har beløb i {string.Join(", ", outside)}, som ikke længere ville være budgetår. Ret beløbene først.");
            }

            var before = PlanFields(plan);
            plan.Edit(form.Name, form.FirstBudgetYear, form.LastBudgetYear, form.AdoptedOn);
            var changes = Changed(before, PlanFields(plan));
            if (changes.Count == 0)
            {
                return ChangeOutcome.Saved(plan.Id, "Intet at gemme: planen er uændret.");
            }

            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(plan.Id, PlanSubject, plan.Name, "Ændret", changes), $"Planen \"{plan.Name}\" er ændret.");
            return ChangeOutcome.Saved(plan.Id);
        });

    public Task<ChangeOutcome<int>> SetStageAsync(ClaimsPrincipal user, int planId, Guid expectedVersion, PlanStage stage, CancellationToken cancellationToken = default) =>
        RunAsync(user, cancellationToken, async (db, actor, record) =>
        {
            if (await db.Plans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken) is not { } plan)
            {
                return ChangeOutcome.NotFound("Planen");
            }

            if (plan.Version != expectedVersion)
            {
                return ChangeOutcome.Stale($"Planen \"{plan.Name}\"");
            }

            var old = plan.Stage;
            if (old == stage)
            {
                return ChangeOutcome.Saved(plan.Id);
            }

            plan.MoveTo(stage);
            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(plan.Id, PlanSubject, plan.Name, "Ændret", [new FieldChange("Stade", Plan.StageName(old), Plan.StageName(stage))]),
                $"Planen \"{plan.Name}\" er nu {Plan.StageName(stage).ToLowerInvariant()}.");
            return ChangeOutcome.Saved(plan.Id);
        });

    /// <summary>
    /// Opens or closes the plan's public, read-only page (<see cref="PublicPlan"/>). Only an administrator decides what
    /// the municipality publishes; an archived plan may stay public, as old plans stay readable.
    /// </summary>
    public Task<ChangeOutcome<int>> SetPublicAsync(ClaimsPrincipal user, int planId, Guid expectedVersion, bool isPublic, CancellationToken cancellationToken = default) =>
        PublishingAsync(user, planId, expectedVersion, cancellationToken, plan => plan.IsPublic == isPublic ? null : new PublishingChange(
            [new FieldChange("Offentlig side", PublicWord(!isPublic), PublicWord(isPublic))],
            () => plan.SetPublic(isPublic),
            () => isPublic ? $"Planen \"{plan.Name}\" har nu en offentlig side." : $"Planens offentlige side er lukket."));

    private static string PublicWord(bool isPublic) => isPublic ? "Åben" : "Lukket";

    /// <summary>
    /// Whether the plan's public page shows the published questions and answers, and whether it names who asked
    /// (<see cref="Plan.SetQuestionOpenness"/>). As with the page itself, only an administrator decides what is published.
    /// </summary>
    public Task<ChangeOutcome<int>> SetQuestionOpennessAsync(
        ClaimsPrincipal user, int planId, Guid expectedVersion, bool publishesQuestions, bool showsAskerNames, CancellationToken cancellationToken = default) =>
        PublishingAsync(user, planId, expectedVersion, cancellationToken, plan =>
        {
            List<FieldChange> changes =
            [
                new("Spørgsmål og svar på den offentlige side", YesNo(plan.PublishesQuestions), YesNo(publishesQuestions)),
                new("Spørgernes navne på den offentlige side", YesNo(plan.ShowsAskerNames), YesNo(publishesQuestions && showsAskerNames)),
            ];
            changes.RemoveAll(c => c.Old == c.New);
            return changes.Count == 0 ? null : new PublishingChange(
                changes,
                () => plan.SetQuestionOpenness(publishesQuestions, showsAskerNames),
                () => QuestionOpennessText(plan.PublishesQuestions, plan.ShowsAskerNames));
        });

    /// <summary>What a change to what the plan publishes changes (each field's old and new), how, and what is said after.</summary>
    private sealed record PublishingChange(IReadOnlyList<FieldChange> Changes, Action Apply, Func<string> Said);

    /// <summary>
    /// One way to change what a plan publishes: administrators only (<see cref="AccessRules.NotPublisher"/>), on the version
    /// the user saw; <paramref name="change"/> answers null when nothing would change, and then nothing is saved or recorded.
    /// </summary>
    private Task<ChangeOutcome<int>> PublishingAsync(
        ClaimsPrincipal user, int planId, Guid expectedVersion, CancellationToken cancellationToken, Func<Plan, PublishingChange?> change,
        [System.Runtime.CompilerServices.CallerMemberName] string action = "") =>
        RunAsync(user, cancellationToken, async (db, actor, record) =>
        {
            if (!AccessRules.CanAdminister(actor))
            {
                return ChangeOutcome.Forbidden(AccessRules.NotPublisher);
            }

            if (await db.Plans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken) is not { } plan)
            {
                return ChangeOutcome.NotFound("Planen");
            }

            if (plan.Version != expectedVersion)
            {
                return ChangeOutcome.Stale($"Planen \"{plan.Name}\"");
            }

            if (change(plan) is not { } step)
            {
                return ChangeOutcome.Saved(plan.Id);
            }

            step.Apply();
            await db.SaveChangesAsync(cancellationToken);
            record.Add(new Recorded(plan.Id, PlanSubject, plan.Name, "Ændret", step.Changes), step.Said());
            return ChangeOutcome.Saved(plan.Id);
        }, action);

    /// <summary>"Den offentlige side viser spørgsmål og svar uden spørgernes navne.", as the setting now stands.</summary>
    public static string QuestionOpennessText(bool publishesQuestions, bool showsAskerNames) => (publishesQuestions, showsAskerNames) switch
    {
        (false, _) => "Den offentlige side viser ikke spørgsmål og svar.",
        (true, true) => "Den offentlige side viser spørgsmål og svar med spørgernes navne.",
        (true, false) => "Den offentlige side viser spørgsmål og svar uden spørgernes navne.",
    };

    private static string YesNo(bool value) => value ? "Ja" : "Nej";

    /// <summary>
    /// "Ny plan fra denne": next period's plan from the open items of this one, under the same main themes; amounts are
    /// kept where the years overlap, the original timing is kept as baseline, and each item remembers where it came from.
    /// </summary>
    public Task<ChangeOutcome<int>> CarryOverAsync(ClaimsPrincipal user, int fromPlanId, PlanForm form, CancellationToken cancellationToken = default) =>
        RunAsync(user, cancellationToken, async (db, actor, record) =>
        {
            if (await db.Plans.AsNoTracking().Include(p => p.Themes).SingleOrDefaultAsync(p => p.Id == fromPlanId, cancellationToken) is not { } from)
            {
                return ChangeOutcome.NotFound("Planen");
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
            record.Add(new Recorded(plan.Id, PlanSubject, plan.Name, "Oprettet", fields),
                $"Planen \"{plan.Name}\" er oprettet fra \"{from.Name}\" med {copies.Count} åbne punkter.");
            return ChangeOutcome.Saved(plan.Id, $"\"{plan.Name}\" er oprettet med {copies.Count} åbne punkter fra \"{from.Name}\". Den er under udarbejdelse, til du vedtager den.");
        });

    /// <summary>A plan's fields as a record of its creation; two of them, before and after, give its changes (see <see cref="Changed"/>).</summary>
    private static List<FieldChange> PlanFields(Plan plan) =>
    [
        new("Navn", null, plan.Name),
        new("Budgetår", null, plan.BudgetPeriod),
        new("Vedtaget", null, IsoDate.Format(plan.AdoptedOn)),
        new("Stade", null, Plan.StageName(plan.Stage)),
    ];

    /// <summary>The fields that differ between two records of the same fields, old to new.</summary>
    private static List<FieldChange> Changed(IReadOnlyList<FieldChange> before, IReadOnlyList<FieldChange> after) =>
        [.. before.Zip(after, (b, a) => new FieldChange(a.Field, b.New, a.New)).Where(c => c.Old != c.New)];

    private static string Num(int value) => value.ToString(CultureInfo.InvariantCulture);
}
