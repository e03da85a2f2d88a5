using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Udmoentning.Web.Access;

namespace Udmoentning.Web.Realtime;

/// <summary>
/// <c>Circuits:*</c>: how many live circuits (open tabs, including ones whose connection dropped and may come back)
/// one user may hold, and how many disconnected circuits the server keeps, for how long.
/// </summary>
public sealed class CircuitSettings
{
    public const string Section = "Circuits";

    public int MaxPerUser { get; init; } = 30;

    /// <summary>
    /// Disconnected circuits kept whole for their browsers to come back to. A room whose Wi-Fi drops loses every viewer's
    /// connection at once: with 200 kept, a reconnect storm of 300 viewers found 109 circuits evicted (issue 37), and
    /// each of those came back only as a new circuit that renders the whole board again, about a second later than the
    /// rest. A node sized for 1,000 viewers keeps them all; a disconnected circuit costs what a connected one does (about
    /// 0.6 MB with a 2,000-item board), for <see cref="DisconnectedRetention"/> at most.
    /// </summary>
    public int DisconnectedMaxRetained { get; init; } = 1000;

    public TimeSpan DisconnectedRetention { get; init; } = TimeSpan.FromMinutes(3);
}

/// <summary>Each user's live circuits, across the server.</summary>
public sealed class CircuitCounts(CircuitSettings settings)
{
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public bool TryAdd(string user)
    {
        while (true)
        {
            var count = _counts.GetOrAdd(user, 0);
            if (count >= settings.MaxPerUser)
            {
                return false;
            }

            if (_counts.TryUpdate(user, count + 1, count))
            {
                return true;
            }
        }
    }

    public void Remove(string user)
    {
        while (_counts.TryGetValue(user, out var count))
        {
            if (count <= 1 ? _counts.TryRemove(new KeyValuePair<string, int>(user, count)) : _counts.TryUpdate(user, count - 1, count))
            {
                return;
            }
        }
    }

    public int For(string user) => _counts.TryGetValue(user, out var count) ? count : 0;
}

/// <summary>
/// Admits a new circuit only while its user holds fewer than <see cref="CircuitSettings.MaxPerUser"/>. Over the cap the
/// newest circuit is refused: it shows a Danish message instead of the page and opens no board, so it subscribes to
/// nothing; the user's older tabs keep working. (Dropping the oldest instead would close a tab the user may be working in.)
/// </summary>
public sealed class CircuitAdmission(CircuitCounts counts, AuthenticationStateProvider authentication) : CircuitHandler
{
    public const string TooMany = "Du har for mange vinduer med Udmøntning åbne. Luk nogle af dem, og genindlæs så denne side.";

    private string? _user;

    public bool Refused { get; private set; }

    public override int Order => -100;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        if (ProtectionExtensions.UserKey(state.User) is not { } user)
        {
            return;
        }

        if (counts.TryAdd(user))
        {
            _user = user;
        }
        else
        {
            Refused = true;
        }
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_user is { } user)
        {
            _user = null;
            counts.Remove(user);
        }

        return Task.CompletedTask;
    }
}
