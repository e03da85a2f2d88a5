using Microsoft.AspNetCore.SignalR;
using Udmoentning.Domain.Plans;

namespace Udmoentning.Web.Realtime;

/// <summary>What the hub pushes to its clients.</summary>
public interface IPlanClient
{
    Task ItemChanged(ItemChangedMessage message);
}

/// <summary>
/// <c>/hubs/plan</c>: live item changes for clients that are not the Blazor UI (a wall display, another system).
/// A client calls <see cref="Follow"/> with a plan id and, optionally, a committee slug.
/// </summary>
public sealed class PlanHub : Hub<IPlanClient>
{
    public const string Path = "/hubs/plan";

    public async Task Follow(int planId, string? committee = null)
    {
        if (planId <= 0)
        {
            throw new HubException("Angiv planens id.");
        }

        if (committee is not null && Committee.ToSlug(committee) != committee.ToLowerInvariant())
        {
            throw new HubException($"\"{committee}\" er ikke et udvalgs kortnavn (fx \"au\").");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupName(planId, committee));
    }

    public Task Unfollow(int planId, string? committee = null) =>
        Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupName(planId, committee));

    internal static string GroupName(int planId, string? committeeSlug) =>
        committeeSlug is null ? $"plan:{planId}" : $"plan:{planId}:udvalg:{committeeSlug.ToLowerInvariant()}";
}
