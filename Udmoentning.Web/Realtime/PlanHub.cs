using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Udmoentning.Domain;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Realtime;

/// <summary>What the hub pushes to its clients.</summary>
public interface IPlanClient
{
    Task ItemChanged(ItemChangedMessage message);

    Task PlanChanged(PlanChangedMessage message);
}

/// <summary>
/// <c>/hubs/plan</c>: live item changes for clients that are not the Blazor UI (a wall display, another system).
/// A client calls <see cref="Follow"/> with a plan id and, optionally, a committee slug. Only signed-in users connect;
/// a move through the hub passes the same service and checks as one on the board.
/// </summary>
[Authorize]
public sealed class PlanHub(PlanItemService items, PlanCache plans, TimeProvider clock) : Hub<IPlanClient>
{
    public const string Path = "/hubs/plan";

    /// <summary>How many plans and committees one connection may follow at once.</summary>
    public const int MaxFollowed = 10;

    /// <summary>
    /// Follows the plan, or one committee's extract, and answers with its items as they are now (each as an
    /// <see cref="ItemChangedMessage"/> whose change is "Current"): the way a client catches up after any (re)connect.
    /// </summary>
    public async Task<IReadOnlyList<ItemChangedMessage>> Follow(int planId, string? committee = null)
    {
        if (committee is { Length: > Limits.CommitteeSlugLength })
        {
            throw new HubException($"Et udvalgs kortnavn har højst {Limits.CommitteeSlugLength} tegn.");
        }

        if (planId <= 0)
        {
            throw new HubException("Angiv planens id.");
        }

        if (await plans.GetAsync(planId, Context.ConnectionAborted) is not { } snapshot)
        {
            throw new HubException($"Plan {planId} findes ikke.");
        }

        var followedCommittee = committee is null ? null : snapshot.CommitteeBySlug(committee);
        if (committee is not null && followedCommittee is null)
        {
            throw new HubException($"\"{committee}\" er ikke et udvalgs kortnavn i planen.");
        }

        var followed = Followed();
        var group = GroupName(planId, followedCommittee?.Slug);
        if (!followed.Contains(group) && followed.Count >= MaxFollowed)
        {
            throw new HubException($"En forbindelse kan følge højst {MaxFollowed} planer eller udvalg. Stop med at følge et (Unfollow) først.");
        }

        // Joined first, read after: a change saved in between comes both ways, and the client keeps the higher revision.
        await Groups.AddToGroupAsync(Context.ConnectionId, group);
        followed.Add(group);
        var now = (await plans.GetAsync(planId, Context.ConnectionAborted)) ?? snapshot;
        var codes = now.Committees.ToDictionary(c => c.Id, c => c.ShortCode);
        return [.. now.Items
            .Where(i => followedCommittee is null || CommitteeExtract.Includes(followedCommittee, i))
            .Select(i => ItemChangedMessage.Current(i, codes.GetValueOrDefault(i.CommitteeId, string.Empty), clock.GetUtcNow()))];
    }

    /// <summary>Moves an item to the bottom of a status (code name, e.g. "InProgress"), as the signed-in user.</summary>
    public Task<HubMoveResult> Move(int itemId, Guid expectedVersion, string status) => MoveBefore(itemId, expectedVersion, status, null);

    /// <summary>Moves an item to a status, above the card <paramref name="beforeItemId"/> of that status (null: the bottom).</summary>
    public async Task<HubMoveResult> MoveBefore(int itemId, Guid expectedVersion, string status, int? beforeItemId)
    {
        if (!Enum.TryParse<ItemStatus>(status, ignoreCase: false, out var to) || !Enum.IsDefined(to) || int.TryParse(status, out _))
        {
            return new HubMoveResult(nameof(ChangeStatus.Refused), $"Ukendt status \"{status}\". Brug {string.Join(", ", Enum.GetNames<ItemStatus>())}.", null, null, null);
        }

        var outcome = await items.MoveAsync(Context.User!, new MoveRequest(itemId, expectedVersion, to, beforeItemId), Context.ConnectionAborted);
        return new HubMoveResult(outcome.Status.ToString(), outcome.Message, outcome.Value?.Version, outcome.Value?.Status.ToString(), outcome.Value?.Code);
    }

    public async Task Unfollow(int planId, string? committee = null)
    {
        if (committee is { Length: > Limits.CommitteeSlugLength })
        {
            return;
        }

        var group = GroupName(planId, committee);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, group);
        Followed().Remove(group);
    }

    /// <summary>The groups this connection follows, so one connection cannot join without bound.</summary>
    private HashSet<string> Followed()
    {
        if (Context.Items.TryGetValue(nameof(Followed), out var value) && value is HashSet<string> followed)
        {
            return followed;
        }

        followed = [];
        Context.Items[nameof(Followed)] = followed;
        return followed;
    }

    internal static string GroupName(int planId, string? committeeSlug) =>
        committeeSlug is null ? $"plan:{planId}" : $"plan:{planId}:udvalg:{committeeSlug.ToLowerInvariant()}";
}

/// <summary>
/// What became of a move through the hub: Saved, Refused, Invalid, Stale, NotFound or Forbidden, and why;
/// with the item's version, status and code as they now are (a stale move tells the current ones).
/// </summary>
public sealed record HubMoveResult(string Outcome, string? Message, Guid? Version, string? Status, string? Code);

/// <summary>The hub's message for a change to a plan's structure (themes, committees, meetings, the plan); <c>planId</c> null concerns every plan.</summary>
public sealed record PlanChangedMessage(int? PlanId, string Description, string ChangedBy, DateTimeOffset ChangedAt);
