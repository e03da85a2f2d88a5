using Microsoft.AspNetCore.Components.Server.Circuits;

namespace Udmoentning.Web.Realtime.Presence;

/// <summary>
/// The circuit's part in presence: its components join scopes under <see cref="Id"/>; while the connection is down (the tab
/// was closed, the network lost) they are not shown as looking, though the circuit is kept for minutes in case it comes
/// back; when the circuit closes they leave.
/// </summary>
public sealed class PresenceCircuit(PresenceRegistry registry) : CircuitHandler
{
    public string Id { get; } = Guid.NewGuid().ToString("N");

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        registry.SetConnected(Id, false);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        registry.SetConnected(Id, true);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        registry.CloseCircuit(Id);
        return Task.CompletedTask;
    }
}
