using System.Diagnostics;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Extensions;

public static class DiagnosticsExtensions
{
    /// <summary>
    /// <c>GET /diagnostics/memory</c> for the benchmark harness: the server's managed heap after a full
    /// collection, its working set, and how many boards are live. Off unless <c>Diagnostics:Enabled</c>; administrators only.
    /// </summary>
    public static WebApplication MapDiagnostics(this WebApplication app)
    {
        if (!app.Configuration.GetValue("Diagnostics:Enabled", false))
        {
            return app;
        }

        app.MapGet("/diagnostics/memory", (LocalChangeFeed feed) =>
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            GC.Collect();
            using var process = Process.GetCurrentProcess();
            return Results.Ok(new MemoryReading(GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64, feed.SubscriberCount));
        }).RequireAuthorization(policy => policy.RequireRole("Administrator"));
        return app;
    }

    public sealed record MemoryReading(long ManagedBytes, long WorkingSetBytes, int LiveBoards);
}
