using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Import;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Changes;

/// <summary>
/// Import a read workbook: into a new plan (<paramref name="NewPlan"/> set) or into an existing one, matched by item number.
/// With refused rows in the analysis, nothing is imported unless <paramref name="ImportValidRowsOnly"/> says so explicitly.
/// </summary>
public sealed record ImportRequest(ImportAnalysis Analysis, int? PlanId, PlanForm? NewPlan, bool ImportValidRowsOnly);

/// <summary>What an import did: the plan, and how many items were created, changed and left as they were.</summary>
public sealed record ImportResult(int PlanId, int Created, int Changed, int Unchanged);

public sealed partial class PlanItemService
{
    public const string ImportedKind = "Importeret";

    /// <summary>
    /// Imports the workbook's valid rows in one transaction: new main themes, committees and meetings first, then every new
    /// and changed item with one history record each, then the changes to every viewer. Items the workbook lacks are kept.
    /// A refusal, or any item the plan's rules refuse, saves nothing.
    /// </summary>
    public async Task<ChangeOutcome<ImportResult>> ImportAsync(ClaimsPrincipal user, ImportRequest request, CancellationToken cancellationToken = default)
    {
        var run = ChangeRun.Administrative("import into", $"plan {request.PlanId}") with
        {
            Conflict = "Importen strider mod noget, der allerede findes (fx et nummer, der er brugt). Intet er importeret.",
        };
        var outcome = await changes.RunAsync<ImportResult>(user, run, change => ImportStepAsync(change, request, cancellationToken), cancellationToken);
        if (outcome is { Succeeded: true, Value: { } done })
        {
            logger.LogInformation("{User} imported {Sheet} into plan {PlanId}: {Created} new, {Changed} changed", CurrentUsers.UserId(user), request.Analysis.Sheet, done.PlanId, done.Created, done.Changed);
        }

        return outcome;
    }

    private async Task<ChangeOutcome> ImportStepAsync(Change change, ImportRequest request, CancellationToken cancellationToken)
    {
        var (db, actor, now) = (change.Db, change.Actor, change.Now);
        var analysis = request.Analysis;
        var committees = await db.Committees.ToListAsync(cancellationToken);
        if (analysis.RefusedRows.Count > 0 && !request.ImportValidRowsOnly)
        {
            return ChangeOutcome.Refused($"{analysis.RefusedRows.Count} rækker har fejl. Ret filen og indlæs den igen, eller vælg udtrykkeligt kun at importere de gyldige rækker.");
        }

        if (analysis.UnitUnanswered)
        {
            return ChangeOutcome.Refused("Vælg, om beløbene i filen er i kr. eller 1.000 kr. Intet er importeret.");
        }

        if (analysis.Items.Count == 0)
        {
            return ChangeOutcome.Refused("Filen har ingen punkter, der kan importeres.");
        }

        var structure = new List<AdministrationEntry>();
        Plan plan;
        if (request.NewPlan is { } form)
        {
            try
            {
                plan = new Plan(form.Name, form.FirstBudgetYear, form.LastBudgetYear, form.AdoptedOn, form.Stage);
            }
            catch (PlanRuleException e)
            {
                return ChangeOutcome.Invalid(e.Message);
            }

            db.Plans.Add(plan);
            structure.Add(Entry(null, PlanAdministration.PlanSubject, plan.Name, "Oprettet",
                [new FieldChange("Navn", null, plan.Name), new FieldChange("Budgetår", null, plan.BudgetPeriod), new FieldChange("Stade", null, Plan.StageName(plan.Stage)),
                    new FieldChange("Importeret fra arket", null, analysis.Sheet)]));
        }
        else if (await db.Plans.Include(p => p.Themes).SingleOrDefaultAsync(p => p.Id == request.PlanId, cancellationToken) is { } existing)
        {
            plan = existing;
            if (plan.ReadOnlyReason is { } readOnly)
            {
                return ChangeOutcome.Refused(readOnly);
            }
        }
        else
        {
            return ChangeOutcome.NotFound("Planen");
        }

        var outsideYears = analysis.Items.SelectMany(i => i.Amounts).Where(a => a.Value != 0 && !plan.CoversYear(a.Key)).Select(a => a.Key).Distinct().Order().ToList();
        if (outsideYears.Count > 0)
        {
            return ChangeOutcome.Refused($"Filen har beløb i {string.Join(", ", outsideYears)}, som ikke er budgetår i planen ({plan.BudgetPeriod}). Ret planens budgetår eller filen.");
        }

        // Committees the user filled in one by one in the preview (checked there with the committee rules), meetings the
        // workbook names, and main themes the plan lacks. A committee is created only when an imported row uses it.
        var byCode = committees.ToDictionary(c => c.ShortCode, StringComparer.OrdinalIgnoreCase);
        foreach (var fresh in analysis.CommitteesToCreate.Where(p => !byCode.ContainsKey(p.ShortCode) && analysis.Items.Any(i => Same(i.Committee, p.ShortCode) || Same(i.TreatmentCommittee, p.ShortCode))))
        {
            Committee committee;
            try
            {
                committee = new Committee(fresh.Name, fresh.ShortCode, fresh.Slug);
            }
            catch (PlanRuleException e)
            {
                return ChangeOutcome.Invalid($"Udvalget \"{fresh.Name}\" kan ikke oprettes: {e.Message} Intet er importeret.");
            }

            if (await PlanAdministration.DuplicateCommitteeAsync(db, committee, null, cancellationToken) is { } duplicate)
            {
                return ChangeOutcome.Invalid($"Udvalget \"{fresh.Name}\" kan ikke oprettes: {duplicate} Intet er importeret.");
            }

            db.Committees.Add(committee);
            committees.Add(committee);
            byCode[committee.ShortCode] = committee;
            structure.Add(Entry(null, PlanAdministration.CommitteeSubject, committee.Name, "Oprettet", PlanAdministration.CommitteeFields(committee)));
        }

        foreach (var name in analysis.Themes.Concat(analysis.Items.Select(i => i.Theme)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!plan.Themes.Any(t => string.Equals(t.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                try
                {
                    var theme = plan.AddTheme(name);
                    structure.Add(Entry(null, PlanAdministration.ThemeSubject, theme.Name, "Oprettet", [new FieldChange("Navn", null, theme.Name)]));
                }
                catch (PlanRuleException e)
                {
                    return ChangeOutcome.Invalid(e.Message);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        var meetings = await db.Meetings.ToListAsync(cancellationToken);
        var wanted = analysis.Items.Where(i => i.TreatmentCommittee is not null && i.TreatmentMeeting is not null)
            .Select(i => (Committee: byCode.GetValueOrDefault(i.TreatmentCommittee!), Date: i.TreatmentMeeting!.Value))
            .Where(m => m.Committee is not null).Distinct().ToList();
        foreach (var (committee, date) in wanted.Where(w => !meetings.Any(m => m.CommitteeId == w.Committee!.Id && m.Date == w.Date)))
        {
            var meeting = new CommitteeMeeting(committee!, date);
            db.Meetings.Add(meeting);
            meetings.Add(meeting);
            structure.Add(Entry(null, PlanAdministration.MeetingSubject, committee!.ShortCode, "Oprettet", [new FieldChange("Møde", null, IsoDate.Format(date))]));
        }

        await db.SaveChangesAsync(cancellationToken);

        var items = await db.Items.Where(i => i.PlanId == plan.Id).ToListAsync(cancellationToken);
        var byItemCode = items.ToDictionary(i => i.Code, StringComparer.Ordinal);
        var names = ItemNames.Of(committees, plan.Themes, meetings);
        var lastPosition = items.GroupBy(i => (i.ThemeId, i.Status)).ToDictionary(g => g.Key, g => g.Max(i => i.Position));
        double NextPosition(int themeId, ItemStatus status) =>
            lastPosition[(themeId, status)] = BoardOrder.Between(lastPosition.GetValueOrDefault((themeId, status), 0), null);

        var created = new List<PlanItem>();
        var changed = new List<(PlanItem Item, ItemStatus PreviousStatus, IReadOnlyList<int> PreviousCommittees, IReadOnlyList<FieldChange> Changes)>();
        var unchanged = 0;
        var errors = new List<string>();
        foreach (var row in analysis.Items)
        {
            try
            {
                if (byItemCode.TryGetValue(row.Code.Trim(), out var item))
                {
                    var previous = Previous(item, committees);
                    var before = ItemState.Of(item, 0);
                    var details = Merge(item.ToDetails(), row, plan, byCode, meetings, analysis.BudgetYears);
                    if (ItemValidation.Validate(details, plan) is { Count: > 0 } invalid)
                    {
                        errors.Add($"{row.Code} (række {row.Row}): {string.Join(" ", invalid.Select(e => e.Message))}");
                        continue;
                    }

                    // Compare first, on the details as the item would keep them, so an unchanged item is not touched at all.
                    var normalized = PlanItem.Create(plan, details).ToDetails();
                    var status = row.Present.Contains(ImportField.Status) ? row.Status : item.Status;
                    var changes = ItemDiff.Between(before, new ItemState(status, normalized, 0), plan.BudgetYears, names);
                    if (changes.Count == 0)
                    {
                        unchanged++;
                        continue;
                    }

                    item.Apply(plan, normalized);
                    if (status != item.Status)
                    {
                        item.RecordStatus(status, NextPosition(item.ThemeId, status));
                    }

                    changed.Add((item, previous.Status, previous.Committees, changes));
                }
                else
                {
                    var details = Merge(Blank(row, plan), row, plan, byCode, meetings, analysis.BudgetYears);
                    if (ItemValidation.Validate(details, plan) is { Count: > 0 } invalid)
                    {
                        errors.Add($"{row.Code} (række {row.Row}): {string.Join(" ", invalid.Select(e => e.Message))}");
                        continue;
                    }

                    var status = row.Present.Contains(ImportField.Status) ? row.Status : ItemStatus.NotStarted;
                    var fresh = PlanItem.Bring(plan, details, status, NextPosition(details.ThemeId, status), row.BaselineTiming ?? details.Timing);
                    db.Items.Add(fresh);
                    byItemCode[fresh.Code] = fresh;
                    created.Add(fresh);
                }
            }
            catch (PlanRuleException e)
            {
                errors.Add($"{row.Code} (række {row.Row}): {e.Message}");
            }
        }

        if (errors.Count > 0)
        {
            return ChangeOutcome.Invalid($"Intet er importeret. {string.Join(" ", errors.Take(10))}{(errors.Count > 10 ? $" … og {errors.Count - 10} flere." : string.Empty)}");
        }

        if (created.Count == 0 && changed.Count == 0 && structure.Count == 0)
        {
            return ChangeOutcome.Saved(new ImportResult(plan.Id, 0, 0, unchanged), $"Ingen ændringer: planen svarer allerede til filen ({unchanged} punkter).");
        }

        await db.SaveChangesAsync(cancellationToken);
        var at = now.UtcDateTime;
        db.History.AddRange(created.Select(i => new ItemHistoryEntry(plan.Id, i.Id, i.Code, at, actor.UserId, actor.Name, ImportedKind,
            ItemDiff.Created(ItemState.Of(i, 0), plan.BudgetYears, names))));
        db.History.AddRange(changed.Select(c => new ItemHistoryEntry(plan.Id, c.Item.Id, c.Item.Code, at, actor.UserId, actor.Name, ImportedKind, c.Changes)));
        db.AdministrationHistory.AddRange(structure.Select(s => new AdministrationEntry(s.Subject == PlanAdministration.CommitteeSubject || s.Subject == PlanAdministration.MeetingSubject ? null : plan.Id,
            s.Subject, s.SubjectName, at, actor.UserId, actor.Name, s.Kind, s.Changes)));
        change.Record(plan.Id, "Import", analysis.Sheet, ImportedKind,
        [
            new FieldChange("Nye punkter", null, created.Count.ToString(CultureInfo.InvariantCulture)),
            new FieldChange("Ændrede punkter", null, changed.Count.ToString(CultureInfo.InvariantCulture)),
            new FieldChange("Uændrede punkter", null, unchanged.ToString(CultureInfo.InvariantCulture)),
            new FieldChange("Afviste rækker", null, analysis.RefusedRows.Count.ToString(CultureInfo.InvariantCulture)),
        ]);
        if (structure.Count > 0)
        {
            change.Publish(structure.Any(s => s.Subject is PlanAdministration.CommitteeSubject or PlanAdministration.MeetingSubject) ? null : plan.Id,
                $"Planen er opdateret fra Excel: {created.Count} nye og {changed.Count} ændrede punkter.");
        }

        foreach (var item in created)
        {
            change.Publish(ChangeKind.Created, item, (item.Status, []));
        }

        foreach (var (item, previousStatus, previousCommittees, _) in changed)
        {
            change.Publish(ChangeKind.Edited, item, (previousStatus, previousCommittees));
        }

        return ChangeOutcome.Saved(new ImportResult(plan.Id, created.Count, changed.Count, unchanged),
            $"Importeret: {created.Count} nye og {changed.Count} ændrede punkter; {unchanged} uændrede.{(analysis.RefusedRows.Count > 0 ? $" {analysis.RefusedRows.Count} rækker med fejl er ikke importeret." : string.Empty)}");

        AdministrationEntry Entry(int? planId, string subject, string name, string kind, IReadOnlyList<FieldChange> changes) =>
            new(planId, subject, name, now.UtcDateTime, actor.UserId, actor.Name, kind, changes);
    }

    /// <summary>The starting point of a new item: only the fields the workbook has are then filled in.</summary>
    private static ItemDetails Blank(WorkbookItem row, Plan plan) => new()
    {
        Code = row.Code,
        Title = row.Title,
        Kind = row.Kind,
        ThemeId = plan.Themes.FirstOrDefault()?.Id ?? 0,
        CommitteeId = 0,
    };

    /// <summary>The details with the workbook's fields laid over them; fields the workbook has no column for stay as they are.</summary>
    private static ItemDetails Merge(
        ItemDetails details, WorkbookItem row, Plan plan, IReadOnlyDictionary<string, Committee> committees, IReadOnlyList<CommitteeMeeting> meetings, IReadOnlyList<int> yearColumns)
    {
        bool Has(ImportField field) => row.Present.Contains(field);
        var result = details with
        {
            Code = row.Code.Trim(),
            Title = Has(ImportField.Title) ? row.Title : details.Title,
            Description = Has(ImportField.Description) ? row.Description : details.Description,
            Kind = Has(ImportField.Kind) ? row.Kind : details.Kind,
            ThemeId = plan.Themes.FirstOrDefault(t => string.Equals(t.Name, row.Theme.Trim(), StringComparison.OrdinalIgnoreCase))?.Id ?? details.ThemeId,
            CommitteeId = Has(ImportField.Committee) && committees.TryGetValue(row.Committee, out var committee) ? committee.Id : details.CommitteeId,
            ResponsibleUnit = Has(ImportField.ResponsibleUnit) ? row.ResponsibleUnit : details.ResponsibleUnit,
            Health = Has(ImportField.Health) ? row.Health : details.Health,
            Timing = Has(ImportField.Timing) ? row.Timing : details.Timing,
            IsCrossCutting = Has(ImportField.CrossCutting) ? row.IsCrossCutting : details.IsCrossCutting,
            RequiresMedInvolvement = Has(ImportField.Med) ? row.RequiresMedInvolvement : details.RequiresMedInvolvement,
            CaseNumber = Has(ImportField.CaseNumber) ? row.CaseNumber : details.CaseNumber,
            Notes = Has(ImportField.Notes) ? row.Notes : details.Notes,
            // A year the workbook has a column for counts as the workbook says (empty = 0); a year it lacks keeps the item's amount.
            Effects = [.. plan.BudgetYears.Select(y => new YearlyEffect(y, yearColumns.Contains(y)
                ? row.Amounts.GetValueOrDefault(y)
                : details.Effects.FirstOrDefault(e => e.Year == y)?.AmountThousands ?? 0))],
        };

        if (Has(ImportField.Treatment))
        {
            var treatedBy = row.TreatmentCommittee is { } code && committees.TryGetValue(code, out var c) ? c : null;
            var meeting = treatedBy is null || row.TreatmentMeeting is null ? null : meetings.FirstOrDefault(m => m.CommitteeId == treatedBy.Id && m.Date == row.TreatmentMeeting);
            result = result with { TreatmentCommitteeId = treatedBy?.Id, TreatmentMeetingId = meeting?.Id };
        }

        return result;
    }

    private static bool Same(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
