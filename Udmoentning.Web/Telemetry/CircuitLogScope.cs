using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Udmoentning.Web.Access;

namespace Udmoentning.Web.Telemetry;

/// <summary>Everything a circuit does for its browser (events, navigation, JavaScript calls) logs with the circuit's and the user's id.</summary>
public sealed class CircuitLogScope(AuthenticationStateProvider authentication, ILogger<CircuitLogScope> logger) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var user = (await authentication.GetAuthenticationStateAsync()).User;
            using (logger.BeginScope(new LogScope(LogScope.CircuitId, context.Circuit.Id, CurrentUsers.UserId(user))))
            {
                await next(context);
            }
        };
}
