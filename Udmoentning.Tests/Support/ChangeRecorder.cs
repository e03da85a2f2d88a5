using System.Security.Claims;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Data;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Support;

/// <summary>Listens to the app's change feed like a viewer does, and lets a test wait for what arrives.</summary>
public sealed class ChangeRecorder : IDisposable
{
    /// <summary>An item of the sample plan that no test asserts on: a comment on it is the marker.</summary>
    public const string MarkerItem = "MTU-D5";

    private readonly Channel<ItemChange> _received = Channel.CreateUnbounded<ItemChange>();
    private readonly IDisposable _subscription;
    private readonly IServiceProvider _services;
    private readonly int _planId;

    public ChangeRecorder(IServiceProvider services, int planId = 1)
    {
        (_services, _planId) = (services, planId);
        _subscription = services.GetRequiredService<LocalChangeFeed>().Subscribe(planId, async changes =>
        {
            foreach (var change in changes)
            {
                await _received.Writer.WriteAsync(change);
            }
        });
    }

    public async Task<ItemChange> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>
    /// Asserts that nothing was published since the last change read: publishes a marker (a comment on
    /// <paramref name="markerItem"/>, through the app's one service) and expects it to be the next change. Every change reaches
    /// a subscriber in the order it was handed out, so when the marker arrives, anything published before it has arrived too;
    /// a fixed wait instead passes wrongly on a slow machine.
    /// </summary>
    /// <param name="by">Who comments the marker: the coordinator unless a test keeps that user's own changes apart (undo).</param>
    public async Task AssertNothingMoreAsync(string markerItem = MarkerItem, ClaimsPrincipal? by = null)
    {
        var token = TestContext.Current.CancellationToken;
        int markerId;
        await using (var db = await _services.GetRequiredService<IDbContextFactory<PlanDbContext>>().CreateDbContextAsync(token))
        {
            markerId = await db.Items.Where(i => i.PlanId == _planId && i.Code == markerItem).Select(i => i.Id).SingleAsync(token);
        }

        by ??= await TestUsers.PrincipalAsync(_services, TestUsers.Coordinator);
        var marked = await _services.GetRequiredService<PlanItemService>().AddCommentAsync(by, markerId, "Markør", token);
        Assert.True(marked.Succeeded, marked.Message);
        var next = await NextAsync();
        Assert.True(next.Item.Id == markerId, $"{next.Kind} of {next.Item.Code} was published before the marker.");
    }

    public void Dispose() => _subscription.Dispose();
}
