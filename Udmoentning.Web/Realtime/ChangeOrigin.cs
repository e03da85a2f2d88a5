namespace Udmoentning.Web.Realtime;

/// <summary>
/// Which page a change was made from: each circuit's own random id, set for the length of everything the browser asks of
/// the circuit (<see cref="CircuitConnection"/>), and carried on the <see cref="ItemChange"/>. A board's script leaves out
/// the announcement of a change its own page made (the page says that itself). Null for a change from anywhere else: the
/// API, an import, another node.
/// </summary>
public static class ChangeOrigin
{
    private static readonly AsyncLocal<string?> Origin = new();

    /// <summary>The origin of changes made in the current flow of work, or null.</summary>
    public static string? Current
    {
        get => Origin.Value;
        internal set => Origin.Value = value;
    }
}
