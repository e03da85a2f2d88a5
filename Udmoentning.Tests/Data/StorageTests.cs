using Microsoft.EntityFrameworkCore;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Data;
using Udmoentning.Web.Data.Sample;

namespace Udmoentning.Tests.Data;

/// <summary>The same storage behaviour on every provider that runs here.</summary>
public abstract class StorageTests : IAsyncLifetime
{
    private Func<PlanDbContext> _contexts = null!;

    protected abstract Task<Func<PlanDbContext>> CreateEmptyDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        _contexts = await CreateEmptyDatabaseAsync();
        await using var db = _contexts();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task MigrationsLeaveNothingPending()
    {
        await using var db = _contexts();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SeedsTheSamplePlanOnceAndNeverTouchesADatabaseWithData()
    {
        var token = TestContext.Current.CancellationToken;
        await using (var db = _contexts())
        {
            Assert.True(await SampleSeeder.SeedIfEmptyAsync(db, SampleCalendar.AsWritten, cancellationToken: token));
        }

        await using (var db = _contexts())
        {
            var item = await db.Items.OrderBy(i => i.Id).FirstAsync(token);
            item.Apply(await db.Plans.Include(p => p.Themes).SingleAsync(token), item.ToDetails() with { Title = "Rettet af en bruger" });
            await db.SaveChangesAsync(token);
            Assert.False(await SampleSeeder.SeedIfEmptyAsync(db, SampleCalendar.AsWritten, cancellationToken: token));
        }

        await using (var db = _contexts())
        {
            Assert.Equal(SamplePlanData.Items.Count, await db.Items.CountAsync(token));
            Assert.Equal(1, await db.Plans.CountAsync(token));
            Assert.Equal(1, await db.Items.CountAsync(i => i.Title == "Rettet af en bruger", token));
        }
    }

    [Fact]
    public async Task SeededOnAnotherDayTheSamplePlanLivesAroundThatDayWithMeetingsBehindAndAhead()
    {
        var token = TestContext.Current.CancellationToken;
        var day = new DateOnly(2026, 12, 6);
        await using (var db = _contexts())
        {
            Assert.True(await SampleSeeder.SeedIfEmptyAsync(db, SampleCalendar.For(day), cancellationToken: token));
        }

        await using var read = _contexts();
        var plan = await read.Plans.SingleAsync(token);
        Assert.Equal(("Udmøntningsplan 2026-2029", 2026, 2029, new DateOnly(2025, 12, 11)), (plan.Name, plan.FirstBudgetYear, plan.LastBudgetYear, plan.AdoptedOn));
        var meetings = await read.Meetings.Include(m => m.Committee).ToListAsync(token);
        foreach (var committee in meetings.GroupBy(m => m.Committee!.ShortCode))
        {
            Assert.True(committee.Any(m => m.Date < day) && committee.Any(m => m.Date > day), $"{committee.Key} has no meeting behind or ahead of {day}.");
        }

        // Meetings keep their weekday; every item's treatment meeting is one of them; timings and amounts are in the plan's years.
        Assert.Equal(SamplePlanData.Meetings.Select(m => m.Date.DayOfWeek).ToHashSet(), meetings.Select(m => m.Date.DayOfWeek).ToHashSet());
        var items = await read.Items.Include(i => i.Effects).ToListAsync(token);
        Assert.All(items.Where(i => i.TreatmentMeetingId is not null), i => Assert.Contains(meetings, m => m.Id == i.TreatmentMeetingId));
        Assert.All(items.Where(i => i.Timing is not null), i => Assert.InRange(i.Timing!.Value.Year, 2026, 2030));
        Assert.All(items.SelectMany(i => i.Effects), e => Assert.InRange(e.Year, 2026, 2029));
        Assert.Contains(items, i => i.Title == "Budgetoverholdelse 2026");
        Assert.DoesNotContain(items, i => i.Title.Contains("2025", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheSamplePlanHasItsEfficiencyTargetCountingTheRaaderumsforslag()
    {
        var token = TestContext.Current.CancellationToken;
        await using (var db = _contexts())
        {
            await SampleSeeder.SeedIfEmptyAsync(db, SampleCalendar.AsWritten, cancellationToken: token);
        }

        await using (var db = _contexts())
        {
            var target = await db.Targets.AsNoTracking().SingleAsync(token);
            var proposals = await db.Items.Where(i => i.Kind == ItemKind.FiscalLeewayProposal).Select(i => i.Id).OrderBy(id => id).ToListAsync(token);
            Assert.Equal(SamplePlanData.TargetName, target.Name);
            Assert.Equal(-5800, target.AmountIn(2025));
            Assert.Equal(-11600, target.AmountIn(2028));
            Assert.NotEmpty(proposals);
            Assert.Equal(proposals, target.Items.Select(i => i.ItemId).Order());
        }
    }

    [Fact]
    public async Task KeepsTimingsBaselinesAndAmountsAsSaved()
    {
        var token = TestContext.Current.CancellationToken;
        await using (var db = _contexts())
        {
            await SampleSeeder.SeedIfEmptyAsync(db, SampleCalendar.AsWritten, cancellationToken: token);
        }

        await using (var db = _contexts())
        {
            var items = await db.Items.AsNoTracking().ToListAsync(token);
            var slipped = items.Where(i => i.Slippage > 0).ToList();
            var expectedSlipped = SamplePlanData.Items.Count(s => s.Timing != s.Baseline);
            Assert.Equal(expectedSlipped, slipped.Count);

            var spec = SamplePlanData.Items.First(s => s.Timing != s.Baseline);
            var stored = items.Single(i => i.Code == spec.Code);
            Assert.Equal(spec.Baseline, stored.BaselineTiming?.ToString());
            Assert.Equal(spec.Timing, stored.Timing?.ToString());
            Assert.Equal(spec.Effects, new[] { 2025, 2026, 2027, 2028 }.Select(stored.EffectIn));
        }
    }

    [Fact]
    public async Task AStaleWriteIsRefusedAndTheFirstWriteSurvives()
    {
        var token = TestContext.Current.CancellationToken;
        await using (var seed = _contexts())
        {
            await SampleSeeder.SeedIfEmptyAsync(seed, SampleCalendar.AsWritten, cancellationToken: token);
        }

        await using var first = _contexts();
        await using var second = _contexts();
        var firstCopy = await first.Items.SingleAsync(i => i.Code == FirstNotStarted(), token);
        var secondCopy = await second.Items.SingleAsync(i => i.Code == FirstNotStarted(), token);

        firstCopy.MoveTo(ItemStatus.InProgress, 1);
        await first.SaveChangesAsync(token);

        var plan = await second.Plans.Include(p => p.Themes).SingleAsync(token);
        secondCopy.Apply(plan, secondCopy.ToDetails() with { Title = "Overskrevet af en forældet kopi" });
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(token));

        await using var check = _contexts();
        var stored = await check.Items.AsNoTracking().SingleAsync(i => i.Code == FirstNotStarted(), token);
        Assert.Equal(ItemStatus.InProgress, stored.Status);
        Assert.NotEqual("Overskrevet af en forældet kopi", stored.Title);
        Assert.Equal(firstCopy.Version, stored.Version);
    }

    private static string FirstNotStarted() => SamplePlanData.Items.First(s => s.Status == ItemStatus.NotStarted).Code;
}

public sealed class SqliteStorageTests : StorageTests
{
    protected override Task<Func<PlanDbContext>> CreateEmptyDatabaseAsync()
    {
        var file = TestDatabases.NewSqliteFile();
        Assert.False(File.Exists(file));
        return Task.FromResult(TestDatabases.Sqlite(TestDatabases.SqliteConnectionString(file)));
    }
}

public sealed class PostgresStorageTests : StorageTests
{
    protected override async Task<Func<PlanDbContext>> CreateEmptyDatabaseAsync() =>
        TestDatabases.Postgres(await TestDatabases.NewPostgresDatabaseAsync());
}
