using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Benchmarks.Harness;
using Udmoentning.Domain.Import;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Data;
using Udmoentning.Web.ImportExport;
using Udmoentning.Web.Plans;

namespace Udmoentning.Benchmarks.Scenarios;

/// <summary>Three timed runs of each step; the workbook has <see cref="Rows"/> item rows.</summary>
public sealed record ImportResult(int Rows, long FileBytes, IReadOnlyList<double> PreviewNew, IReadOnlyList<double> ImportNew, IReadOnlyList<double> PreviewUpdate, IReadOnlyList<double> ImportUpdate);

/// <summary>
/// Preview and import of a workbook of N rows through the app's own services (in-process, a SQLite file, Development settings):
/// as a new plan, and as an update that changes every item. One untimed warm-up, then <c>runs</c> timed runs of each.
/// </summary>
public static class ImportScenario
{
    public static async Task<ImportResult> RunAsync(int rows, int runs)
    {
        var folder = Directory.CreateTempSubdirectory("udm-bench-import");
        await using var app = InProcessApp.OnSqlite(folder, "import", rows);
        var services = app.Services;
        var importer = services.GetRequiredService<PlanImport>();
        var plans = services.GetRequiredService<PlanCache>();
        var user = await AppUsers.CoordinatorAsync(services);
        var sample = (await plans.GetAsync())!;
        var file = PlanWorkbook.Export(sample);

        var previewNew = new List<double>();
        var importNew = new List<double>();
        var previewUpdate = new List<double>();
        var importUpdate = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var clock = Stopwatch.StartNew();
            var preview = (await importer.PreviewAsync(user, file, null, new ImportOptions())).Preview ?? throw new InvalidOperationException("No preview.");
            var previewMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var created = await importer.ImportAsync(user, preview, new PlanForm($"Benchmark {run}", sample.Plan.FirstBudgetYear, sample.Plan.LastBudgetYear, sample.Plan.AdoptedOn), false);
            var importMs = clock.Elapsed.TotalMilliseconds;
            if (!created.Succeeded || created.Value!.Created != rows)
            {
                throw new InvalidOperationException($"The import did not create {rows} items: {created.Message}");
            }

            // An update that changes every item of the plan just made: the same workbook with every title changed.
            var changed = PlanWorkbook.Export(await RetitledAsync(services, plans, created.Value!.PlanId, run));
            clock.Restart();
            var update = (await importer.PreviewAsync(user, changed, created.Value.PlanId, new ImportOptions())).Preview ?? throw new InvalidOperationException("No preview.");
            var previewUpdateMs = clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var updated = await importer.ImportAsync(user, update, null, false);
            var importUpdateMs = clock.Elapsed.TotalMilliseconds;
            if (!updated.Succeeded || updated.Value!.Changed != rows)
            {
                throw new InvalidOperationException($"The update did not change {rows} items: {updated.Message}");
            }

            if (run > 0)
            {
                previewNew.Add(previewMs);
                importNew.Add(importMs);
                previewUpdate.Add(previewUpdateMs);
                importUpdate.Add(importUpdateMs);
            }
        }

        folder.Delete(recursive: true);
        return new ImportResult(rows, file.LongLength, previewNew, importNew, previewUpdate, importUpdate);
    }

    private static async Task<PlanSnapshot> RetitledAsync(IServiceProvider services, PlanCache plans, int planId, int run)
    {
        var snapshot = (await plans.GetAsync(planId))!;
        await using var db = await services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync();
        var items = await db.Items.AsNoTracking().Where(i => i.PlanId == planId).ToListAsync();
        foreach (var item in items)
        {
            item.Apply(snapshot.Plan, item.ToDetails() with { Title = $"{item.Title[..Math.Min(item.Title.Length, 180)]} (ændret {run})" });
        }

        return snapshot with { Items = items };
    }
}
