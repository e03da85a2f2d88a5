using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Benchmarks.Harness;
using Udmoentning.Domain.Ledger;
using Udmoentning.Web.Ledger;
using Udmoentning.Web.Plans;

namespace Udmoentning.Benchmarks.Scenarios;

/// <summary>Timed runs of a ledger extract's preview and import; the file has <see cref="Lines"/> postings.</summary>
public sealed record LedgerResult(int Lines, long FileBytes, IReadOnlyList<double> Preview, IReadOnlyList<double> Import);

/// <summary>
/// A finance system's extract of N postings (Windows-1252, semicolons, title and total lines, Danish kroner with trailing
/// minus and brackets), previewed and imported through the app's own services (in-process, a SQLite file): the preview
/// reads the file, finds the header, reads every row and sums the balances; the import writes the snapshot. One untimed
/// warm-up, then <c>runs</c> timed runs of each.
/// </summary>
public static class LedgerScenario
{
    public static async Task<LedgerResult> RunAsync(int lines, int runs)
    {
        var folder = Directory.CreateTempSubdirectory("udm-bench-ledger");
        await using var app = InProcessApp.OnSqlite(folder, "ledger");
        var services = app.Services;
        var importer = services.GetRequiredService<LedgerImport>();
        var plan = (await services.GetRequiredService<PlanCache>().GetAsync())!;
        var user = await AppUsers.CoordinatorAsync(services);
        var file = Extract(lines, [.. plan.Items.Select(i => i.Code)]);

        var preview = new List<double>();
        var import = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var clock = Stopwatch.StartNew();
            var result = (await importer.PreviewAsync(user, file, "kontoudtraek.csv", plan.Plan.Id, new LedgerReadOptions(), null)).Preview
                ?? throw new InvalidOperationException("No preview.");
            var previewMs = clock.Elapsed.TotalMilliseconds;
            if (result.Extract.Postings != lines)
            {
                throw new InvalidOperationException($"The preview read {result.Extract.Postings} postings of {lines}.");
            }

            clock.Restart();
            var imported = await importer.ImportAsync(user, result, new DateOnly(2026, 9, 30), withoutRefusedRows: false);
            var importMs = clock.Elapsed.TotalMilliseconds;
            if (!imported.Succeeded)
            {
                throw new InvalidOperationException($"The import failed: {imported.Message}");
            }

            if (run > 0)
            {
                preview.Add(previewMs);
                import.Add(importMs);
            }
        }

        folder.Delete(recursive: true);
        return new LedgerResult(lines, file.LongLength, preview, import);
    }

    /// <summary>The extract as a finance system writes it, in Windows-1252.</summary>
    private static byte[] Extract(int lines, IReadOnlyList<string> codes)
    {
        var danish = CultureInfo.GetCultureInfo("da-DK");
        var random = new Random(34);
        var text = new StringBuilder("Kontoudtræk – drift og anlæg\r\nUdskrevet pr. 30.09.2026\r\n\r\nKontostreng;Periode;Korrigeret budget;Forbrug;Bilagstekst\r\n");
        for (var i = 0; i < lines; i++)
        {
            var account = $"{random.Next(0, 7)}.{random.Next(10, 80)}.{random.Next(1, 20):00}-{(random.Next(4) == 0 ? 3 : 1)}-{random.Next(0, 10)}.{random.Next(0, 10)}-{random.Next(1000, 1100)}";
            var amount = Math.Round((decimal)(random.NextDouble() * 2_000_000 - 1_000_000), 2);
            var written = (i % 3) switch
            {
                0 => amount.ToString("N2", danish),
                1 => amount < 0 ? (-amount).ToString("N2", danish) + "-" : amount.ToString("N2", danish),
                _ => amount < 0 ? $"({(-amount).ToString("N2", danish)})" : amount.ToString("0.00", danish),
            };
            var budget = i % 2 == 0;
            var reference = i % 10 == 0 ? $"Udm. {codes[i % codes.Count]} budgetomplacering" : "Løn og øvrig drift";
            text.Append(CultureInfo.InvariantCulture, $"{account};2026-{1 + (i % 9):00};{(budget ? written : "")};{(budget ? "" : written)};{reference}\r\n");
            if (i % 1000 == 999)
            {
                text.Append("I alt;;;;\r\n\r\n");
            }
        }

        return CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(text.ToString());
    }
}
