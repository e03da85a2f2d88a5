using Udmoentning.Web.Realtime.Presence;

namespace Udmoentning.Web.Realtime.Presence;

/// <summary>The Danish sentences of <see cref="PresenceList"/>: who else looks, and who came or went.</summary>
public static class PresenceText
{
    /// <summary>How many names the line shows before it counts the rest.</summary>
    public const int ShownNames = 4;

    public const string NobodyElse = "Ingen andre ser med lige nu.";

    public static string Summary(IReadOnlyList<PresenceViewer> others) => others.Count switch
    {
        0 => NobodyElse,
        <= ShownNames => $"Ser med nu: {List(others.Select(v => v.Name))}",
        _ => $"Ser med nu: {string.Join(", ", others.Take(ShownNames).Select(v => v.Name))} og {others.Count - ShownNames} {(others.Count - ShownNames == 1 ? "anden" : "andre")}",
    };

    /// <summary>What a screen reader is told when others come and go; null when nobody did.</summary>
    public static string? Change(IReadOnlyList<PresenceViewer> joined, IReadOnlyList<PresenceViewer> left)
    {
        var parts = new List<string>(2);
        if (joined.Count > 0)
        {
            parts.Add($"{People(joined)} ser nu med.");
        }

        if (left.Count > 0)
        {
            parts.Add($"{People(left)} ser ikke længere med.");
        }

        return parts.Count == 0 ? null : string.Join(" ", parts);
    }

    private static string People(IReadOnlyList<PresenceViewer> viewers) =>
        viewers.Count <= 3 ? List(viewers.Select(v => v.Name)) : $"{viewers.Count} personer";

    /// <summary>"A", "A og B", "A, B og C".</summary>
    private static string List(IEnumerable<string> names)
    {
        var all = names.ToList();
        return all.Count <= 1 ? string.Concat(all) : $"{string.Join(", ", all.SkipLast(1))} og {all[^1]}";
    }
}
