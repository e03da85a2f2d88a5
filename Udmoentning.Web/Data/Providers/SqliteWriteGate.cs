using System.Collections.Concurrent;

namespace Udmoentning.Web.Data.Providers;

/// <summary>
/// Lets this process's writes to one SQLite file take turns in order. SQLite has one write lock per file, and a writer that
/// finds it taken waits in SQLite's busy handler, which sleeps for growing spells (1, 2, 5, 10, 15, 20, 25 ms …) instead of
/// queueing: with many writers, a save could sleep long after the lock was free. Here they queue for it instead. SQLite's
/// own lock stays what keeps writes correct; the gate only orders this process's writers. A writer that cannot get its turn
/// within the busy timeout goes ahead anyway, so the gate can delay a write but never stop one.
/// </summary>
public static class SqliteWriteGate
{
    private static readonly TimeSpan _longestWait = TimeSpan.FromSeconds(5);
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Whether a writer of this process has its turn with <paramref name="database"/> now.</summary>
    public static bool IsTaken(string database) => _gates.TryGetValue(database, out var gate) && gate.CurrentCount == 0;

    /// <summary>
    /// Runs <paramref name="write"/> in turn with the other writes to the same <paramref name="database"/> (its connection
    /// string); with no database, at once.
    /// </summary>
    public static async Task<T> RunAsync<T>(string? database, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        var turn = GateOf(database) is { } gate && await gate.WaitAsync(_longestWait, cancellationToken) ? gate : null;
        try
        {
            return await write();
        }
        finally
        {
            turn?.Release();
        }
    }

    /// <summary>The same as <see cref="RunAsync"/>, for a synchronous save.</summary>
    public static T Run<T>(string? database, Func<T> write)
    {
        var turn = GateOf(database) is { } gate && gate.Wait(_longestWait) ? gate : null;
        try
        {
            return write();
        }
        finally
        {
            turn?.Release();
        }
    }

    private static SemaphoreSlim? GateOf(string? database) =>
        database is null ? null : _gates.GetOrAdd(database, _ => new SemaphoreSlim(1, 1));
}
