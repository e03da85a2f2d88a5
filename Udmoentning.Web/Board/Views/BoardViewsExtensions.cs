using Microsoft.AspNetCore.SignalR;
using Udmoentning.Web.Access;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Board.Views;

public static class BoardViewsExtensions
{
    /// <summary>The views boards share (ADR 0025) and their hub, with the same call limit and access check as <c>/hubs/plan</c>.</summary>
    public static IHostApplicationBuilder AddBoardViews(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BoardViews>();
        builder.Services.AddSignalR().AddHubOptions<BoardHub>(options =>
        {
            options.AddFilter<CurrentAccessHubFilter>();
            options.AddFilter<HubCallLimiter>();
        });
        return builder;
    }

    public static WebApplication MapBoardViews(this WebApplication app)
    {
        app.MapHub<BoardHub>(BoardHub.Path);
        return app;
    }
}
