namespace Udmoentning.Web.Access;

/// <summary>Where sign-in may send a user back to: only a path on this site, never another host.</summary>
public static class ReturnUrls
{
    public static string LocalOnly(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/";
}
