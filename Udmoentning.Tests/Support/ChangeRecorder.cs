using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Tests.Support;

/// <summary>Listens to the app's change feed like a viewer does, and lets a test wait for what arrives.</summary>
public sealed class ChangeRecorder : IDisposable
{
    private readonly Channel<ItemChange> _received = Channel.CreateUnbounded<ItemChange>();
    private readonly IDisposable _subscription;

    public ChangeRecorder(IServiceProvider services, int planId = 1)
    {
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

    public bool HasMore => _received.Reader.TryPeek(out _);

    public void Dispose() => _subscription.Dispose();
}
