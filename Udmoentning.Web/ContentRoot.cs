namespace Udmoentning.Web;

/// <summary>
/// Where the app finds its settings (appsettings.json) and static files. ASP.NET Core takes the current folder; an operator
/// who starts the published app from elsewhere (`dotnet /opt/udmoentning/Udmoentning.Web.dll`, a service manager's default
/// folder) would get none of its settings. Then the app's own folder is used.
/// </summary>
public static class ContentRoot
{
    private const string Settings = "appsettings.json";

    /// <summary>The app's own folder when the current one has no settings and none is named; otherwise null (the framework's choice).</summary>
    public static string? Find(string[] args)
    {
        var named = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT"));
        if (named || File.Exists(Path.Combine(Directory.GetCurrentDirectory(), Settings)))
        {
            return null;
        }

        return File.Exists(Path.Combine(AppContext.BaseDirectory, Settings)) ? AppContext.BaseDirectory : null;
    }
}
