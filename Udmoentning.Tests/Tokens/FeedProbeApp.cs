using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Tests.Support;
using Udmoentning.Web.Tokens;

namespace Udmoentning.Tests.Tokens;

/// <summary>
/// The app with one more endpoint behind <see cref="TokenPolicies.Feed"/> at <see cref="Path"/>, beside the real feed: it
/// answers who the caller is (<see cref="ApiCallers"/>: roles, committees, how the call is logged), which the feed itself
/// never tells, so a test sees whom the feed serves. The feed's own answers are tested in <c>FeedTests</c>.
/// </summary>
public sealed class FeedProbeApp : AppFactory
{
    public const string Path = "/odata/probe";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ProbeFilter>());
    }

    /// <summary>"describe|user id|roles|committee ids", as the feed would log and filter.</summary>
    public static async Task<string> WhoAsync(HttpContext context, ApiCallers callers)
    {
        var actor = await callers.ActorAsync(context.User, context.RequestAborted);
        return $"{callers.Describe(context.User)}|{actor.UserId}|{string.Join(',', actor.Roles.Order())}|{string.Join(',', actor.CommitteeIds.Order())}";
    }

    private sealed class ProbeFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            // UseWhen, not Map: the path stays /odata/…, as the feed's requests are.
            app.UseWhen(context => context.Request.Path.StartsWithSegments(Path), probe =>
            {
                probe.UseRouting();
                probe.UseAuthorization();
                probe.UseEndpoints(endpoints => endpoints.MapGet(Path, (Delegate)WhoAsync).RequireAuthorization(TokenPolicies.Feed));
            });
            next(app);
        };
    }
}
