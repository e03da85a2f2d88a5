namespace Udmoentning.Web.Realtime.Presence;

/// <summary>The names of what can be looked at: the whole board of a plan, a committee's view of it, a meeting.</summary>
public static class PresenceScopes
{
    public static string Board(int planId, string? committeeSlug) =>
        committeeSlug is null ? $"plan:{planId}" : $"plan:{planId}:udvalg:{committeeSlug.ToLowerInvariant()}";

    public static string Meeting(int planId, string slug) => $"plan:{planId}:moede:{slug.ToLowerInvariant()}";
}
