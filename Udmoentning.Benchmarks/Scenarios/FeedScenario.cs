using System.Diagnostics;
using System.Text.Json;
using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Benchmarks.Scenarios;

/// <summary>Timed reads of the OData feed: every item of the plan with its amounts, page by page; and one filtered page.</summary>
/// <param name="Whole">Per run: all pages of all items with <c>$expand=Amounts</c>, following the next links (ms, in total).</param>
/// <param name="FilteredPage">Per run: the median of 20 reads of one filtered page (ms).</param>
public sealed record FeedResult(int Items, int Pages, long Bytes, IReadOnlyList<double> Whole, IReadOnlyList<double> FilteredPage);

/// <summary>
/// The feed as Power BI reads it, over HTTP on 127.0.0.1 from the published app in its own process (SQLite, the sample
/// plan grown to <c>items</c> items), signed in as the demo coordinator (the cookie: a personal token costs one indexed
/// lookup more per request, and the harness cannot make one in another process). Five untimed whole reads so the code
/// is at its final JIT tier, the app settled, then <c>runs</c> timed runs.
/// </summary>
public static class FeedScenario
{
    public const string Whole = "odata/Items?$filter=PlanId eq 1&$expand=Amounts";

    public const string Filtered = "odata/Items?$filter=PlanId eq 1 and CommitteeId eq 3 and Status eq 'InProgress' and TimingYear ge 2026&$expand=Amounts";

    public static async Task<FeedResult> RunAsync(string publish, int items, int runs)
    {
        await using var server = await AppServer.StartAsync(publish, items);
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = await server.SignInAsync("demo-koordinator") }) { BaseAddress = server.BaseUri };
        for (var warm = 0; warm < 5; warm++)
        {
            await ReadAllAsync(client, items);
        }

        await server.SettleAsync(TimeSpan.FromSeconds(20));
        var whole = new List<double>();
        var filtered = new List<double>();
        var (count, pages, bytes) = (0, 0, 0L);
        for (var run = 0; run < runs; run++)
        {
            var clock = Stopwatch.StartNew();
            (count, pages, bytes) = await ReadAllAsync(client, items);
            whole.Add(clock.Elapsed.TotalMilliseconds);
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

            filtered.Add(Stats.Of(reads).P50);
        }

        return new FeedResult(count, pages, bytes, whole, filtered);
    }

    /// <summary>Every page of <see cref="Whole"/> by its next links: the items, the pages and the bytes read.</summary>
    private static async Task<(int Items, int Pages, long Bytes)> ReadAllAsync(HttpClient client, int expected)
    {
        var (count, pages, bytes) = (0, 0, 0L);
        for (string? next = Whole; next is not null; pages++)
        {
            var text = await client.GetStringAsync(next);
            bytes += text.Length;
            using var page = JsonDocument.Parse(text);
            count += page.RootElement.GetProperty("value").GetArrayLength();
            next = page.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
        }

        return count == expected ? (count, pages, bytes) : throw new InvalidOperationException($"The feed gave {count} items of {expected}.");
    }
}
