using Microsoft.AspNetCore.Components.Authorization;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;

namespace Udmoentning.Web.Rounds;

/// <summary>
/// What the signed-in user of this circuit answers for in the plan's open rounds, read once and shared by the menu's
/// badge, the sign-in notice and the rounds page's link. It follows <see cref="RoundReader.RoundsChanged"/> (reports and
/// round changes only), so a move on the board costs it nothing. One per circuit (scoped).
/// </summary>
public sealed class MyRoundStatus(RoundReader rounds, CurrentUsers currentUsers, AuthenticationStateProvider authentication, ILogger<MyRoundStatus> logger) : IDisposable
{
    private int? _planId;
    private Task? _loading;
    private bool _following;

    /// <summary>The user's items in the plan's open rounds, not-ready ones first.</summary>
    public IReadOnlyList<MyRoundItem> Items { get; private set; } = [];

    /// <summary>How many of them are not ready yet.</summary>
    public int Missing => Items.Count(i => !i.Entry.IsReady);

    /// <summary>Per open round with something missing: its name, deadline and how many are missing, soonest deadline first.</summary>
    public IEnumerable<(RoundSummary Round, int Missing)> MissingByRound =>
        Items.Where(i => !i.Entry.IsReady).GroupBy(i => i.Round.Id).Select(g => (g.First().Round, g.Count())).OrderBy(r => r.Item1.Deadline);

    /// <summary>Raised after the items were read again; handlers re-render through their own dispatcher.</summary>
    public event Action? Changed;

    /// <summary>Reads the user's items in <paramref name="planId"/>'s rounds, unless they are read already.</summary>
    public Task FollowAsync(int? planId)
    {
        if (!_following)
        {
            rounds.RoundsChanged += OnRoundsChanged;
            _following = true;
        }

        if (planId == _planId && _loading is not null)
        {
            return _loading;
        }

        _planId = planId;
        return _loading = LoadAsync();
    }

    private void OnRoundsChanged(int planId)
    {
        if (planId == _planId)
        {
            _ = Task.Run(async () =>
            {
                await LoadAsync();
                Changed?.Invoke();
            });
        }
    }

    private async Task LoadAsync()
    {
        if (_planId is not { } planId)
        {
            Items = [];
            return;
        }

        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (user.Identity?.IsAuthenticated != true)
        {
            Items = [];
            return;
        }

        // While the database cannot be reached, the badge keeps what it had; the page says what is wrong.
        var actor = await currentUsers.ActorAsync(user);
        Items = await logger.ReadAsync(() => rounds.MineAsync(actor, planId, shared: true)) ?? Items;
    }

    public void Dispose() => rounds.RoundsChanged -= OnRoundsChanged;
}
