using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Primitives;
using Udmoentning.Web.Telemetry;

namespace Udmoentning.Web.Access;

/// <summary>
/// The setting <c>AllowedHosts</c> (host names separated by ";", "*.kommune.dk" for sub-domains, "*" for any), enforced as
/// ASP.NET Core's host filtering does — a request for another host gets 400 — but for health probes and metrics scrapes:
/// a load balancer probes each node at its own address, which is not the site's public host name.
/// </summary>
public static class AllowedHosts
{
    public const string Setting = "AllowedHosts";

    /// <summary>Turns the framework's filter off (it would refuse probes first) and keeps the hosts for <see cref="UseAllowedHosts"/>.</summary>
    public static IHostApplicationBuilder AddAllowedHosts(this IHostApplicationBuilder builder)
    {
        var hosts = (builder.Configuration[Setting] ?? "*").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        builder.Services.AddSingleton(new Hosts(hosts.Length == 0 || hosts.Contains("*") ? null : [.. hosts.Select(h => new StringSegment(h))]));
        builder.Services.PostConfigure<HostFilteringOptions>(options => options.AllowedHosts = ["*"]);
        return builder;
    }

    public static WebApplication UseAllowedHosts(this WebApplication app)
    {
        if (app.Services.GetRequiredService<Hosts>().Allowed is not { } allowed)
        {
            return app;
        }

        app.Use(async (context, next) =>
        {
            var host = context.Request.Host;
            if (TelemetryExtensions.IsProbeOrScrape(context.Request.Path)
                || (host.HasValue ? HostString.MatchesAny(host.Value, allowed) : context.Request.Protocol == "HTTP/1.0"))
            {
                await next();
                return;
            }

            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("Invalid Hostname");
        });
        return app;
    }

    private sealed record Hosts(IList<StringSegment>? Allowed);
}
