using System.Diagnostics;
using System.Runtime;
using Udmoentning.Web.ApiReference;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Telemetry;

public static class DiagnosticsExtensions
{
    /// <summary>
    /// For the benchmark harness, off unless <c>Diagnostics:Enabled</c>, administrators only: <c>GET /diagnostics/memory</c>,
    /// the server's managed heap after a full collection, its working set, and how many boards are live; and
    /// <c>GET /diagnostics/jit</c>, the methods the JIT has compiled so far and its time, so the harness can time a server
    /// whose code has reached its last tier.
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
        }).RequireAuthorization(policy => policy.RequireRole("Administrator"))
        .Described(ApiTags.Operations, "Hukommelse (benchmark)", "The server's managed heap after a full collection, its working set and its live boards. Only with Diagnostics:Enabled; administrators only.");
        app.MapGet("/diagnostics/jit", () => Results.Ok(new JitReading(JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime().TotalMilliseconds)))
            .RequireAuthorization(policy => policy.RequireRole("Administrator"))
            .Described(ApiTags.Operations, "JIT-oversættelse (benchmark)", "How many methods the JIT has compiled and its time so far. Only with Diagnostics:Enabled; administrators only.");
        return app;
    }

    public sealed record MemoryReading(long ManagedBytes, long WorkingSetBytes, int LiveBoards);

    public sealed record JitReading(long CompiledMethods, double CompilationMilliseconds);
}
