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

    /// <summary>
    /// Whether the browser is connected now. Work that a timer starts (not the user) checks it before it calls the browser:
    /// a navigation to a browser that has left fails, and Blazor ends the circuit with an error.
    /// </summary>
    public bool IsUp { get; private set; } = true;

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        _wasDown = true;
        IsUp = false;
        return Task.CompletedTask;
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsUp = true;
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
