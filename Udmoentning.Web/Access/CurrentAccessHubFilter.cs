using Microsoft.AspNetCore.SignalR;
using Udmoentning.Domain.Access;

namespace Udmoentning.Web.Access;

/// <summary>
/// A hub connection keeps the principal it connected with; every call on it is checked against the user's current
/// account instead, so a disabled user or one without a role left gets nothing more, not even follows.
/// </summary>
public sealed class CurrentAccessHubFilter(CurrentUsers currentUsers, ILogger<CurrentAccessHubFilter> logger) : IHubFilter
{
    public const string NoAccess = "Du har ikke adgang til planen (længere). Log ind igen.";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        var context = invocationContext.Context;
        if (!AccessRules.CanView(await currentUsers.ActorAsync(context.User, context.ConnectionAborted)))
        {
            logger.LogWarning("Forbidden: user {UserId} called {Method} on the hub without current access",
                CurrentUsers.UserId(context.User), invocationContext.HubMethodName);
            throw new HubException(NoAccess);
        }

        return await next(invocationContext);
    }
}
