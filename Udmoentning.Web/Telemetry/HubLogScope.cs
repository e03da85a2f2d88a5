using Microsoft.AspNetCore.SignalR;
using Udmoentning.Web.Access;

namespace Udmoentning.Web.Telemetry;

/// <summary>Everything a hub connection does (connect, calls, disconnect) logs with the connection's and the user's id.</summary>
public sealed class HubLogScope(ILogger<HubLogScope> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        using (Begin(invocationContext.Context))
        {
            return await next(invocationContext);
        }
    }

    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        using (Begin(context.Context))
        {
            await next(context);
        }
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        using (Begin(context.Context))
        {
            await next(context, exception);
        }
    }

    private IDisposable? Begin(HubCallerContext context) =>
        logger.BeginScope(new LogScope(LogScope.ConnectionId, context.ConnectionId, CurrentUsers.UserId(context.User)));
}
