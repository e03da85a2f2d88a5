using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Benchmarks.Harness;
using Udmoentning.Web.Tokens;

namespace Udmoentning.Benchmarks.Scenarios;

/// <summary>Timed reads of the OData feed: every item of the plan with its amounts, page by page; and one filtered page.</summary>
/// <param name="Whole">Per run: all pages of all items with <c>$expand=Amounts</c>, following the next links (ms, in total).</param>
/// <param name="FilteredPage">Per run: the median of 20 reads of one filtered page (ms).</param>
public sealed record FeedResult(int Items, int Pages, long Bytes, IReadOnlyList<double> Whole, IReadOnlyList<double> FilteredPage);

/// <summary>
/// The feed as Power BI reads it, over HTTP with a personal access token, from the app in-process (the test server: the
/// whole ASP.NET Core pipeline with authentication, rate limit and OData, no sockets) on a SQLite file with the sample
/// plan grown to <c>items</c> items. One untimed warm-up, then <c>runs</c> timed runs.
/// </summary>
public static class FeedScenario
{
    public const string Whole = "odata/Items?$filter=PlanId eq 1&$expand=Amounts";

    public const string Filtered = "odata/Items?$filter=PlanId eq 1 and CommitteeId eq 3 and Status eq 'InProgress' and TimingYear ge 2026&$expand=Amounts";

    public static async Task<FeedResult> RunAsync(int items, int runs)
    {
        var folder = Directory.CreateTempSubdirectory("udm-bench-feed");
        await using var app = InProcessApp.OnSqlite(folder, "feed", items);
        var token = await app.Services.GetRequiredService<AccessTokens>().CreateAsync(
            await AppUsers.CoordinatorAsync(app.Services), "Benchmark", DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)));
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value ?? throw new InvalidOperationException(token.Message));

        var whole = new List<double>();
        var filtered = new List<double>();
        var (count, pages, bytes) = (0, 0, 0L);
        for (var run = 0; run <= runs; run++)
        {
            var clock = Stopwatch.StartNew();
            (count, pages, bytes) = (0, 0, 0L);
            for (string? next = Whole; next is not null; pages++)
            {
                var text = await client.GetStringAsync(next);
                bytes += text.Length;
                using var page = JsonDocument.Parse(text);
                count += page.RootElement.GetProperty("value").GetArrayLength();
                next = page.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
            }

            var wholeMs = clock.Elapsed.TotalMilliseconds;
            if (count != items)
            {
                throw new InvalidOperationException($"The feed gave {count} items of {items}.");
            }

            var reads = new List<double>();
            for (var i = 0; i < 20; i++)
            {
                clock.Restart();
                using var page = JsonDocument.Parse(await client.GetStringAsync(Filtered));
                reads.Add(clock.Elapsed.TotalMilliseconds);
                if (page.RootElement.GetProperty("value").GetArrayLength() == 0)
                {
                    throw new InvalidOperationException("The filtered page is empty: it measures nothing.");
                }
            }

            if (run > 0)
            {
                whole.Add(wholeMs);
                filtered.Add(Stats.Of(reads).P50);
            }
        }

        folder.Delete(recursive: true);
        return new FeedResult(count, pages, bytes, whole, filtered);
    }
}
