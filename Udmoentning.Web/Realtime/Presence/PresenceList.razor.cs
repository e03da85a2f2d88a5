using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Udmoentning.Web.Access;
using Udmoentning.Web.Realtime.Presence;

namespace Udmoentning.Web.Realtime.Presence;

/// <summary>
/// Shows who else looks at <see cref="Scope"/> now (see <see cref="PresenceScopes"/>), and counts this viewer in while it
/// is shown: "Ser med nu: Anna Jensen, Bo Hansen og 3 andre", with everyone in a disclosure when there are more than
/// <see cref="PresenceText.ShownNames"/>. Only a live, signed-in page joins; the prerendered one shows nothing.
/// </summary>
public sealed partial class PresenceList : IDisposable
{
    /// <summary>More comings and goings than this in a minute are not announced; the line still shows them.</summary>
    public const int AnnouncementsPerMinute = 3;

    private readonly Queue<DateTimeOffset> _announced = new();
    private IDisposable? _entry;
    private IDisposable? _subscription;
    private string? _joined;
    private string? _me;
    private IReadOnlyList<PresenceViewer> _viewers = [];
    private IReadOnlyList<PresenceViewer>? _others;
    private string? _announcement;

    [Inject] private PresenceRegistry Registry { get; set; } = null!;
    [Inject] private PresenceCircuit Circuit { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = null!;

    /// <summary>What is looked at: <see cref="PresenceScopes.Board"/> or <see cref="PresenceScopes.Meeting"/>.</summary>
    [Parameter, EditorRequired] public required string Scope { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (!RendererInfo.IsInteractive || Scope == _joined)
        {
            return;
        }

        var scope = _joined = Scope;
        Leave();
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        if (CurrentUsers.UserId(user) is not { } userId || scope != _joined)
        {
            return;
        }

        _me = userId;
        _subscription = Registry.Subscribe(scope, () => OnChangedAsync(scope));
        _entry = Registry.Join(scope, Circuit.Id, userId, user.Name());
        Show(Registry.Viewers(scope), announce: false);
    }

    private Task OnChangedAsync(string scope) => InvokeAsync(() =>
    {
        if (scope != _joined)
        {
            return;
        }

        var viewers = Registry.Viewers(scope);
        if (!viewers.SequenceEqual(_viewers))
        {
            Show(viewers, announce: true);
            StateHasChanged();
        }
    });

    private void Show(IReadOnlyList<PresenceViewer> viewers, bool announce)
    {
        var before = _others ?? [];
        _viewers = viewers;
        _others = [.. viewers.Where(v => v.UserId != _me)];
        if (!announce)
        {
            return;
        }

        var joined = _others.Where(v => before.All(b => b.UserId != v.UserId)).ToList();
        var left = before.Where(b => _others.All(v => v.UserId != b.UserId)).ToList();
        if (PresenceText.Change(joined, left) is { } change && MayAnnounce())
        {
            _announcement = change;
        }
    }

    private bool MayAnnounce()
    {
        var now = Clock.GetUtcNow();
        while (_announced.TryPeek(out var at) && now - at >= TimeSpan.FromMinutes(1))
        {
            _announced.Dequeue();
        }

        if (_announced.Count >= AnnouncementsPerMinute)
        {
            return false;
        }

        _announced.Enqueue(now);
        return true;
    }

    private void Leave()
    {
        _subscription?.Dispose();
        _entry?.Dispose();
        _subscription = _entry = null;
        _others = null;
        _viewers = [];
    }

    public void Dispose()
    {
        _joined = null;
        Leave();
    }
}
