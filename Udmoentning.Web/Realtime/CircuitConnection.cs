using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Udmoentning.Web.Realtime;

/// <summary>
/// Tells a viewer's components when its connection comes back (laptop sleep, Wi-Fi), so they can
/// reload the current state instead of trusting what they had; and marks the changes the viewer makes with the circuit's
/// <see cref="Origin"/> (see <see cref="ChangeOrigin"/>).
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    private bool _wasDown;

    /// <summary>This circuit's origin id: random, so it names the page to its own script and tells nobody anything.</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N");

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

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            // Set in an async method, the origin lasts for this activity and whatever it awaits, and goes with it.
            ChangeOrigin.Current = Origin;
            await next(context);
        };
}
