using System.Net;
using Microsoft.AspNetCore.SignalR.Client;

namespace Udmoentning.Benchmarks.Harness;

/// <summary>Moves items through the app's hub as the coordinator: the same service and checks as a move on the board.</summary>
public sealed class PlanMover : IAsyncDisposable
{
    private readonly HubConnection _hub;

    private PlanMover(HubConnection hub) => _hub = hub;

    public static async Task<PlanMover> ConnectAsync(Uri baseUri, CookieContainer cookies)
    {
        var hub = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "hubs/plan"), o => o.Cookies = cookies).Build();
        await hub.StartAsync();
        return new PlanMover(hub);
    }

    /// <summary>The item's version and status now: a move with an empty version is refused as stale and tells both.</summary>
    public async Task<(Guid Version, string Status)> CurrentAsync(int itemId)
    {
        var probe = await _hub.InvokeAsync<MoveResult>("Move", itemId, Guid.Empty, "InProgress");
        return probe is { Version: { } version, Status: { } status }
            ? (version, status)
            : throw new InvalidOperationException($"Item {itemId}: {probe.Outcome} {probe.Message}");
    }

    /// <summary>The item's code, as the stale probe reports it.</summary>
    public async Task<string> CurrentCodeAsync(int itemId) =>
        (await _hub.InvokeAsync<MoveResult>("Move", itemId, Guid.Empty, "InProgress")).Code ?? throw new InvalidOperationException($"Item {itemId} has no code.");

    /// <summary>Toggles the item between "Ikke påbegyndt" and "I gang" (from any status "I gang" is allowed).</summary>
    public async Task<MoveResult> ToggleAsync(int itemId, Guid version, string status) =>
        await _hub.InvokeAsync<MoveResult>("Move", itemId, version, status == "InProgress" ? "NotStarted" : "InProgress");

    /// <summary>Moves the item to <paramref name="status"/>, above <paramref name="beforeItemId"/> (null: the bottom of the cell).</summary>
    public async Task<MoveResult> MoveAsync(int itemId, Guid version, string status, int? beforeItemId) =>
        await _hub.InvokeAsync<MoveResult>("MoveBefore", itemId, version, status, beforeItemId);

    public ValueTask DisposeAsync() => _hub.DisposeAsync();

    public sealed record MoveResult(string Outcome, string? Message, Guid? Version, string? Status, string? Code);
}
