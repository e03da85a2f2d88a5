using Microsoft.Playwright;

namespace Udmoentning.Benchmarks.Harness;

/// <summary>
/// A slower device in Chromium: the DevTools protocol's <c>Emulation.setCPUThrottlingRate</c> makes the page's main
/// thread that many times slower (4: a tablet or thin client against this machine's cores). The network is not slowed.
/// </summary>
public static class CpuThrottle
{
    /// <summary>Slows <paramref name="page"/> by <paramref name="rate"/>; 1 or less leaves it as it is.</summary>
    public static async Task ApplyAsync(IBrowserContext context, IPage page, double rate)
    {
        if (rate > 1)
        {
            var session = await context.NewCDPSessionAsync(page);
            await session.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = rate });
        }
    }
}
