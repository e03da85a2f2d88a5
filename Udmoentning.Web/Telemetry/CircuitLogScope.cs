using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Udmoentning.Web.Access;

namespace Udmoentning.Web.Telemetry;

/// <summary>Everything a circuit does for its browser (events, navigation, JavaScript calls) logs with the circuit's and the user's id.</summary>
/// <remarks>
/// Every render a browser acknowledges is such an activity, so the handler is one per circuit (a scoped handler) and keeps
/// the scope it wrote until the user changes, rather than writing one for each.
/// </remarks>
public sealed class CircuitLogScope(AuthenticationStateProvider authentication, ILogger<CircuitLogScope> logger) : CircuitHandler
{
    private LogScope? _scope;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var userId = CurrentUsers.UserId((await authentication.GetAuthenticationStateAsync()).User);
            var scope = _scope is { } kept && kept.Concerns(context.Circuit.Id, userId) ? kept : _scope = new LogScope(LogScope.CircuitId, context.Circuit.Id, userId);
            using (logger.BeginScope(scope))
            {
                await next(context);
            }
        };
}
