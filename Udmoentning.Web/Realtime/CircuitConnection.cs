using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Udmoentning.Web.Realtime;

/// <summary>
/// Tells a viewer's components when its connection comes back (laptop sleep, Wi-Fi), so they can
/// reload the current state instead of trusting what they had.
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    private bool _wasDown;

    public event Func<Task>? Reconnected;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        return Task.CompletedTask;
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_wasDown && Reconnected is { } handlers)
        {
            _wasDown = false;
            // Every live component on the page catches up, not only the last to listen.
            foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>())
            {
                await handler();
            }
        }
    }
}
