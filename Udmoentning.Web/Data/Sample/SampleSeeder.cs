using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Collaboration;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;

namespace Udmoentning.Web.Data.Sample;

/// <summary>Seeds the sample plan into an empty database; a database with any data is left alone.</summary>
public static class SampleSeeder
{
    /// <summary>
    /// Seeds the sample plan, placed in time by <paramref name="calendar"/>; with <paramref name="itemCount"/> above the
    /// sample's size, variations of its items are added until the plan has that many (for load tests and benchmarks of
    /// large boards).
    /// </summary>
    public static async Task<bool> SeedIfEmptyAsync(PlanDbContext db, SampleCalendar calendar, int itemCount = 0, CancellationToken cancellationToken = default)
    {
        if (await db.Plans.AnyAsync(cancellationToken) || await db.Committees.AnyAsync(cancellationToken))
        {
            return false;
        }

        // Under a retrying execution strategy (SQL Server, PostgreSQL) the transaction runs inside it, and starts clean on a retry.
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await SeedAsync(db, calendar, itemCount, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        return true;
    }

    private static async Task SeedAsync(PlanDbContext db, SampleCalendar calendar, int itemCount, CancellationToken cancellationToken)
    {
        var committees = SamplePlanData.Committees.ToDictionary(c => c.ShortCode, c => new Committee(c.Name, c.ShortCode));
        db.Committees.AddRange(committees.Values);
        var plan = new Plan(calendar.PlanName, calendar.FirstBudgetYear, calendar.LastBudgetYear, calendar.AdoptedOn);
        var themes = SamplePlanData.Themes.Select(plan.AddTheme).ToList();
        db.Plans.Add(plan);
        await db.SaveChangesAsync(cancellationToken);

        var meetings = calendar.Meetings.ToDictionary(
            m => (m.Committee, m.Date),
            m => new CommitteeMeeting(committees[m.Committee], m.Date));
        db.Meetings.AddRange(meetings.Values);
        await db.SaveChangesAsync(cancellationToken);

        var positions = new Dictionary<ItemStatus, int>();
        foreach (var spec in Specs(itemCount))
        {
            var position = positions[spec.Status] = positions.GetValueOrDefault(spec.Status) + 1;
            var details = ToDetails(spec, calendar, plan, themes, committees, meetings);
            var item = PlanItem.Create(plan, details with { Timing = calendar.Quarter(ParseQuarter(spec.Baseline)) }, spec.Status, position * BoardOrder.Step);
            if (spec.Timing != spec.Baseline)
            {
                item.Apply(plan, details);
            }

            MarkSampleCheckpoints(item, plan);
            db.Items.Add(item);
        }

        await db.SaveChangesAsync(cancellationToken);

        // The seed's efficiency contribution (0,5 pct.), realised partly by the chosen råderumsforslag.
        var target = new EconomicTarget(plan.Id, SamplePlanData.TargetName);
        target.SetAmounts(calendar.TargetAmounts);
        target.CountItems(EconomicTarget.DefaultItems(db.Items.Local.Where(i => i.PlanId == plan.Id)));
        db.Targets.Add(target);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The coordination steps a flagged item has behind it at its status: a completed item has all it requires; one ready
    /// for political treatment all but that treatment; one in progress has been discussed by direktion and koncernledelse,
    /// while MED is still to come.
    /// </summary>
    private static void MarkSampleCheckpoints(PlanItem item, Plan plan)
    {
        var at = plan.AdoptedOn.AddDays(35).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc);
        foreach (var step in CheckpointRules.Required(item))
        {
            var done = item.Status switch
            {
                ItemStatus.Completed => true,
                ItemStatus.ReadyForPoliticalTreatment => step != CheckpointStep.PoliticallyTreated,
                ItemStatus.InProgress => step is CheckpointStep.DiscussedByExecutiveBoard or CheckpointStep.DiscussedByGroupManagement,
                _ => false,
            };
            if (done)
            {
                var political = step == CheckpointStep.PoliticallyTreated;
                item.MarkCheckpoint(step, "sample", "Plansekretariatet", at,
                    political ? item.TreatmentCommitteeId : null, political ? item.TreatmentMeetingId : null);
            }
        }
    }

    private static IEnumerable<SampleItemSpec> Specs(int itemCount)
    {
        var sample = SamplePlanData.Items;
        for (var n = 0; n < Math.Max(itemCount, sample.Count); n++)
        {
            var spec = sample[n % sample.Count];
            var round = n / sample.Count;
            yield return round == 0 ? spec : spec with { Code = $"{spec.Code}.{round}", Title = $"{spec.Title} (variant {round})" };
        }
    }

    private static ItemDetails ToDetails(
        SampleItemSpec spec,
        SampleCalendar calendar,
        Plan plan,
        IReadOnlyList<MainTheme> themes,
        IReadOnlyDictionary<string, Committee> committees,
        IReadOnlyDictionary<(string, DateOnly), CommitteeMeeting> meetings) => new()
        {
            Code = spec.Code,
            Title = calendar.Text(spec.Title)!,
            Description = calendar.Text(spec.Description)!,
            Kind = spec.Kind,
            ThemeId = themes[spec.Theme - 1].Id,
            CommitteeId = committees[spec.Committee].Id,
            ResponsibleUnit = spec.ResponsibleUnit,
            Health = spec.Health,
            Timing = calendar.Quarter(ParseQuarter(spec.Timing)),
            TreatmentCommitteeId = spec.TreatedBy is null ? null : committees[spec.TreatedBy].Id,
            TreatmentMeetingId = spec is { TreatedBy: { } by, MeetingOn: { } on } ? meetings[(by, calendar.Meeting(IsoDate.Parse(on)))].Id : null,
            IsCrossCutting = spec.CrossCutting,
            RequiresMedInvolvement = spec.Med,
            CaseNumber = spec.CaseNumber,
            Notes = calendar.Text(spec.Notes),
            Effects = [.. plan.BudgetYears.Zip(spec.Effects, (year, amount) => new YearlyEffect(year, amount))],
        };

    private static Quarter? ParseQuarter(string? text) => text is null ? null : DanishTiming.Parse(text);
}
