using CsCheck;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Domain.Import;
using Udmoentning.Domain.Items;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.ImportExport;
using Udmoentning.Web.Plans;

namespace Udmoentning.Tests.Integration;

/// <summary>Issue 38: what the preview says can be imported is exactly what the confirm imports, for committees, units, sheets and new committees.</summary>
public sealed class PlanImportPreviewIsTheImportTests : IAsyncLifetime
{
    private static int _plans;
    private readonly AppFactory _app = new();
    private PlanImport _import = null!;
    private System.Security.Claims.ClaimsPrincipal _coordinator = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _import = _app.Services.GetRequiredService<PlanImport>();
        _coordinator = await TestUsers.PrincipalAsync(_app.Services, TestUsers.Coordinator);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AWorkbookWithoutACommitteeColumnImportsExactlyWhatThePreviewSaysCanBeImported()
    {
        var file = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Type", "2026")
            .Row("AU-D1", "Jobcenter", "Drift", -100.0)
            .Row("AU-D2", "Virksomhedspraktik", "Drift", -200.0)
            .Row("BUU-A1", "Ny skole", "Anlæg", 5000.0)).ToBytes();

        var preview = await PreviewAsync(file, new ImportOptions());
        var outcome = await ImportAsync(preview);

        Assert.Equal(preview.Analysis.Items.Count, outcome.Value?.Created ?? 0);

        var confirmed = await PreviewAsync(file, new ImportOptions { CommitteeFromNumber = true });
        Assert.Equal(3, confirmed.Analysis.Items.Count);
        var imported = await ImportAsync(confirmed);

        Assert.Equal((ChangeStatus.Saved, 3), (imported.Status, imported.Value!.Created));
        var plan = (await _app.Services.GetRequiredService<PlanCache>().GetAsync(imported.Value!.PlanId, Token))!;
        Assert.Equal(["AU", "AU", "BUU"], plan.Items.OrderBy(i => i.Code, StringComparer.Ordinal).Select(i => plan.Committee(i.CommitteeId)!.ShortCode));
    }

    [Fact]
    public async Task WhatThePreviewSaysCanBeImportedIsExactlyWhatIsImported()
    {
        string[] codes = ["AU", "BUU", "ØU", "ZZ"];
        string?[] committeeCells = ["AU", "Børne- og ungdomsudvalget", null, "XYZ", "oeu"];
        string?[] timings = [null, "Q2 2026", "Primo 2027", "2. halvår 2026", "2026", "Medio 2050"];
        object?[] amounts = [null, -100.0, 2500.0, "-1.250", "1,5", 1_200_000.0];
        var rows = Gen.Select(Gen.Int[0, codes.Length - 1], Gen.Int[0, committeeCells.Length - 1], Gen.Int[0, timings.Length - 1], Gen.Int[0, amounts.Length - 1], Gen.Int[0, amounts.Length - 1])
            .Array[1, 8];
        var workbooks = Gen.Select(rows, Gen.Bool, Gen.Bool, Gen.Bool, Gen.Int[0, 3], Gen.Bool,
            (r, committeeColumn, fromNumber, createXyz, unitChoice, twoSheets) =>
                (Rows: r, CommitteeColumn: committeeColumn, FromNumber: fromNumber, CreateXyz: createXyz, Unit: unitChoice, TwoSheets: twoSheets));

        await workbooks.SampleAsync(async sample =>
        {
            // With two sheets, the second half of the rows is on a sheet named after a committee ("AU").
            var split = sample.TwoSheets ? sample.Rows.Length / 2 : sample.Rows.Length;
            void Sheet(TestSheet s, int from, int to)
            {
                s.Row(["Nr.", "Titel", .. sample.CommitteeColumn ? new[] { "Udvalg" } : [], "Tidsplan", "2026", "2027"]);
                for (var n = from; n < to; n++)
                {
                    var (code, committee, timing, first, second) = sample.Rows[n];
                    s.Row([$"{codes[code]}-{n + 1}", $"Punkt {n + 1}", .. sample.CommitteeColumn ? new[] { committeeCells[committee] } : [], timings[timing], amounts[first], amounts[second]]);
                }
            }

            var workbook = new TestWorkbook().Sheet("Plan", s => Sheet(s, 0, split));
            if (sample.TwoSheets)
            {
                workbook.Sheet("AU", s => Sheet(s, split, sample.Rows.Length));
            }

            var file = workbook.ToBytes();
            var options = new ImportOptions
            {
                CommitteeFromNumber = sample.FromNumber,
                Unit = sample.Unit switch { 1 => AmountUnit.Kroner, 2 => AmountUnit.Thousands, _ => null },
                NewCommittees = sample.CreateXyz ? [new NewCommitteeChoice("XYZ", "Xyz-udvalget", "XYZ", null, true)] : [],
            };

            var preview = await PreviewAsync(file, options);
            var outcome = await ImportAsync(preview);

            if (preview.Analysis.Items.Count == 0 || preview.Analysis.UnitUnanswered)
            {
                Assert.Equal(ChangeStatus.Refused, outcome.Status);
                return;
            }

            Assert.True(outcome.Succeeded, outcome.Message);
            var plan = (await _app.Services.GetRequiredService<PlanCache>().GetAsync(outcome.Value!.PlanId, Token))!;
            Assert.Equal(
                preview.Analysis.Items.Select(i => $"{i.Code} {i.Committee} {i.Timing} {i.Amounts.GetValueOrDefault(2026)} {i.Amounts.GetValueOrDefault(2027)}").Order(StringComparer.Ordinal),
                plan.Items.Select(i => $"{i.Code} {plan.Committee(i.CommitteeId)!.ShortCode} {i.Timing} {i.EffectIn(2026)} {i.EffectIn(2027)}").Order(StringComparer.Ordinal));
            Assert.Equal(preview.Analysis.Items.Count, outcome.Value?.Created ?? 0);
        }, iter: 25, threads: 1);
    }

    [Fact]
    public async Task ARealisticWorkbookInKronerBecomesAPlanIn1000Kr()
    {
        var preview = await PreviewAsync(RealisticWorkbooks.NewPlanInKroner().ToBytes(), new ImportOptions());

        Assert.Equal((AmountUnit.Kroner, 1), (preview.Analysis.Sheets.Single().Unit, preview.Analysis.RoundedAmounts));
        Assert.Equal(-1200 - 500 + 1235 + 10000 + 2500, preview.Totals[2026]);
        var outcome = await ImportAsync(preview);

        Assert.Equal((ChangeStatus.Saved, 5), (outcome.Status, outcome.Value!.Created));
        var plan = (await _app.Services.GetRequiredService<PlanCache>().GetAsync(outcome.Value!.PlanId, Token))!;
        Assert.Equal([-1200, -2400, -2400, -2400], plan.Plan.BudgetYears.Select(plan.Items.Single(i => i.Code == "ØU-R1").EffectIn));
        Assert.Equal([1235, 750, 750, 0], plan.Plan.BudgetYears.Select(plan.Items.Single(i => i.Code == "AU-D1").EffectIn));
        Assert.Equal(preview.Totals.Values, plan.Plan.BudgetYears.Select(y => plan.Items.Sum(i => (long)i.EffectIn(y))));
    }

    [Fact]
    public async Task KronerWithoutAStatedUnitAreRefusedByTheServiceUntilTheUnitIsChosen()
    {
        var file = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Udvalg", "2026")
            .Row("ØU-1", "Kloge m²", "ØU", -1_200_000.0)).ToBytes();
        var plans = await CountAsync(db => db.Plans);

        var refused = await ImportAsync(await PreviewAsync(file, new ImportOptions()));

        Assert.Equal(ChangeStatus.Refused, refused.Status);
        Assert.Contains("kr. eller 1.000 kr.", refused.Message);
        Assert.Equal(plans, await CountAsync(db => db.Plans));

        var imported = await ImportAsync(await PreviewAsync(file, new ImportOptions { Unit = AmountUnit.Kroner }));
        var plan = (await _app.Services.GetRequiredService<PlanCache>().GetAsync(imported.Value!.PlanId, Token))!;
        Assert.Equal(-1200, plan.Items.Single().EffectIn(2026));
    }

    [Fact]
    public async Task OneSheetPerCommitteeBecomesOnePlan()
    {
        var preview = await PreviewAsync(RealisticWorkbooks.OneSheetPerCommittee().ToBytes(), new ImportOptions());
        var outcome = await ImportAsync(preview);

        Assert.Equal((ChangeStatus.Saved, 8), (outcome.Status, outcome.Value!.Created));
        var plan = (await _app.Services.GetRequiredService<PlanCache>().GetAsync(outcome.Value!.PlanId, Token))!;
        Assert.Equal(["Økonomisk politik", "Politiske visioner", "Vækst, erhverv og beskæftigelse", "Partnerskaber", "Sociale investeringer"], plan.Themes.Select(t => t.Name));
        Assert.Equal(3, plan.Items.Count(i => plan.Committee(i.CommitteeId)!.ShortCode == "AU"));
        Assert.Equal(new Quarter(2026, 2), plan.Items.Single(i => i.Code == "ØU-2").Timing);
        Assert.Equal(new Quarter(2027, 4), plan.Items.Single(i => i.Code == "BUU-A1").Timing);
    }

    [Fact]
    public async Task OnlyTheNewCommitteeTheUserFilledInIsCreatedWithItsNameShortCodeAndAddress()
    {
        var file = new TestWorkbook().Sheet("Plan", s => s
            .Row("Nr.", "Titel", "Udvalg")
            .Row("TU-1", "Vejplan", "Teknikudvalget")
            .Row("X-1", "Tastefejl", "XYZ")).ToBytes();
        var options = new ImportOptions { NewCommittees = [new NewCommitteeChoice("Teknikudvalget", "Teknik- og miljøudvalget", "TMU", "teknik", true)] };

        var preview = await PreviewAsync(file, options);
        var outcome = await ImportAsync(preview);

        Assert.Equal((ChangeStatus.Saved, 1), (outcome.Status, outcome.Value!.Created));
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        var created = await db.Committees.AsNoTracking().SingleAsync(c => c.ShortCode == "TMU", Token);
        Assert.Equal(("Teknik- og miljøudvalget", "teknik"), (created.Name, created.Slug));
        Assert.False(await db.Committees.AnyAsync(c => c.ShortCode == "XYZ" || c.ShortCode == "TU", Token));
        Assert.True(await db.AdministrationHistory.AnyAsync(e => e.SubjectName == "Teknik- og miljøudvalget", Token));
    }

    private async Task<ImportPreview> PreviewAsync(byte[] file, ImportOptions options)
    {
        var result = await _import.PreviewAsync(_coordinator, file, null, options, Token);
        Assert.True(result.Error is null, result.Error);
        return result.Preview!;
    }

    private Task<ChangeOutcome<ImportResult>> ImportAsync(ImportPreview preview) =>
        _import.ImportAsync(_coordinator, preview, new PlanForm($"Importeret plan {Interlocked.Increment(ref _plans)}", 2026, 2029, new DateOnly(2025, 12, 10)), importValidRowsOnly: true, Token);

    private async Task<int> CountAsync<T>(Func<PlanDbContext, IQueryable<T>> query)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(Token);
        return await query(db).CountAsync(Token);
    }
}
