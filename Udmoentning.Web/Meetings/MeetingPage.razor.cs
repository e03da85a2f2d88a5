using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;
using Udmoentning.Web.Access;
using Udmoentning.Web.Board;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Meetings;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Meetings;

/// <summary>
/// Meeting mode: a committee's extract (or direktion's cross-cutting items) shown item by item or theme by theme. The
/// presenter's steps go through <see cref="MeetingRegistry"/> to everyone who follows; item changes, by anyone, arrive
/// through the <see cref="LocalChangeFeed"/>.
/// </summary>
public sealed partial class MeetingPage : IDisposable
{
    private static readonly TimeZoneInfo _danish = Udmoentning.Domain.DanishTime.Zone;

    private MeetingSession? _session;
    private IDisposable? _meetingSubscription;
    private MeetingKey? _subscribedKey;
    private string? _problem;
    private ClaimsPrincipal _user = new();
    private Actor _actor = Actor.Anonymous;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    [Inject] private PlanCache Plans { get; set; } = null!;
    [Inject] private MeetingRegistry Meetings { get; set; } = null!;
    [Inject] private CurrentUsers CurrentUsers { get; set; } = null!;
    [Inject] private MeetingHistory History { get; set; } = null!;
    [Inject] private LivePlan Live { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private ILogger<MeetingPage> Logger { get; set; } = null!;

    [Parameter] public int? PlanId { get; set; }
    [Parameter] public string Slug { get; set; } = string.Empty;

    private string Heading => _session?.Scope.Name ?? "Møde";

    private DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Clock.GetUtcNow(), _danish).DateTime);

    private string BackLink => _session?.Scope.Committee is { } committee ? PlanLinks.Committee(PlanId, committee.Slug) : PlanLinks.Board(PlanId);

    private bool IsPresenter => _session?.Presented is { IsRunning: true } presented && presented.PresenterId == _actor.UserId && _actor.IsSignedIn;

    private bool CanPresent => RendererInfo.IsInteractive && _session is not null && AccessRules.CanPresent(_actor, _session.Scope.CommitteeId);

    /// <summary>The presenter steps the meeting; everyone else steps on their own when no meeting runs or they stopped following.</summary>
    private bool CanNavigate => RendererInfo.IsInteractive && _session is not null && (IsPresenter || !_session.IsRunning || !_session.Following);

    private IReadOnlySet<int> ChangedIds => _session?.Changed.Keys.ToHashSet() ?? [];

    private bool CanChange(PlanItem item) =>
        RendererInfo.IsInteractive && _session?.Snapshot.Plan.IsArchived == false && AccessRules.CanChange(_actor, item);

    private IReadOnlyList<FieldChange> ChangesOf(int itemId) =>
        _session?.Changed.TryGetValue(itemId, out var entries) == true ? MeetingHistory.Net(entries) : [];

    protected override void OnInitialized() => Live.Attach(InvokeAsync, DispatchExceptionAsync, new LiveHandlers
    {
        Changes = OnItemsChangedAsync,
        Structure = change => ReadAgainAsync($"{change.Description} ({change.ChangedBy})"),
        Resync = () => ReadAgainAsync("Forbindelsen er genoprettet. Mødet er opdateret."),
        Render = StateHasChanged,
    });

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            await OpenAsync();
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            // The plan could not be read: the page says so and lives; opening it again reads again.
            Logger.LogWarning(e, "The meeting page could not load its plan");
            _session = null;
            _problem = StorageFailure.NotRead;
        }
    }

    private async Task OpenAsync()
    {
        var planId = PlanId ?? (await Plans.DefaultAsync())?.Id;
        var key = planId is { } id ? new MeetingKey(id, Slug) : (MeetingKey?)null;
        if (RendererInfo.IsInteractive && key != _subscribedKey)
        {
            // Subscribe before reading: a step or a change made meanwhile then reaches this viewer one way or the other.
            Unsubscribe();
            if (key is { } k)
            {
                Live.Follow(k.PlanId);
                _meetingSubscription = Meetings.Subscribe(k, OnMeetingChangedAsync);
            }

            _subscribedKey = key;
            _session = null;
        }

        // Runs again when the circuit's user changes (see AccessRevalidation): the rights are read anew.
        _user = Authentication is null ? new ClaimsPrincipal() : (await Authentication).User;
        await CurrentActorAsync();
        if (_session is null || _session.Snapshot.Plan.Id != planId || !string.Equals(_session.Scope.Slug, Slug, StringComparison.OrdinalIgnoreCase))
        {
            await LoadAsync(key);
        }
    }

    /// <summary>The user's rights as they are now, for the page and for each step the registry checks.</summary>
    private async Task<Actor> CurrentActorAsync() => _actor = await CurrentUsers.ActorAsync(_user);

    private async Task LoadAsync(MeetingKey? key, MeetingSession? keep = null)
    {
        _problem = null;
        var snapshot = key is { } k ? await Plans.GetAsync(k.PlanId) : null;
        if (snapshot is null)
        {
            _session = null;
            _problem = "Planen findes ikke. Vælg en plan på tavlen.";
            return;
        }

        if (MeetingScope.For(snapshot, Slug) is not { } scope)
        {
            _session = null;
            _problem = $"Der findes ikke et udvalg med kortnavnet \"{Slug}\". Brug et udvalgs kortnavn (fx au) eller \"{MeetingScope.DirectorsSlug}\".";
            return;
        }

        var session = new MeetingSession(snapshot, scope)
        {
            Presented = keep?.Presented,
            Following = keep?.Following ?? true,
            ChangesSince = keep?.ChangesSince ?? MeetingHistory.PreviousMeeting(snapshot, scope, Today),
        };
        if (keep is not null)
        {
            session.Position = keep.Position;
        }

        _session = session;
        Take(Meetings.Current(key!.Value), announce: false);
        await LoadChangesAsync();
        if (_session.Position.View == MeetingView.Summary)
        {
            await LoadSummaryAsync();
        }
    }

    /// <summary>A state of the presented meeting: followers (and the presenter's other tabs) go where it is.</summary>
    private bool Take(MeetingState? state, bool announce)
    {
        if (_session is null || state is null || (_session.Presented is { } known && known.Sequence >= state.Sequence))
        {
            return false;
        }

        var previous = _session.Presented;
        _session.Presented = state;
        _session.ChangesSince = state.ChangesSince;
        if (previous is null || previous.StartedAt != state.StartedAt)
        {
            // A new meeting: everyone follows it from the start.
            _session.Following = true;
            _session.Summary = null;
        }

        var moves = state.PresenterId == _actor.UserId || _session.Following;
        if (moves)
        {
            _session.Position = state.Position;
        }

        if (announce)
        {
            Live.Say(moves ? Where(state) : $"{state.PresenterName} er gået videre i præsentationen.");
        }

        return true;
    }

    private Task OnMeetingChangedAsync(MeetingState state) => Live.RunAsync(async () =>
    {
        var sinceBefore = _session?.ChangesSince;
        if (!Take(state, announce: true) || _session is null)
        {
            return;
        }

        if (sinceBefore != _session.ChangesSince)
        {
            await LoadChangesAsync();
        }

        if (_session.Position.View == MeetingView.Summary)
        {
            await LoadSummaryAsync();
        }

        StateHasChanged();
    });

    private async Task OnItemsChangedAsync(IReadOnlyList<ItemChange> changes)
    {
        if (_session is null)
        {
            return;
        }

        var touched = _session.Apply(changes.Select(c => c.Item));
        if (touched.Count == 0)
        {
            return;
        }

        var since = Udmoentning.Domain.DanishTime.StartOfDayUtc(_session.ChangesSince);
        foreach (var item in touched)
        {
            if (!_session.Includes(item))
            {
                _session.SetChanged(item.Id, []);
            }
            else if (await ReadHistoryAsync(() => History.ForItemSinceAsync(item.Id, since)) is { } entries)
            {
                _session.SetChanged(item.Id, entries);
            }
        }

        if (_session.Position.View == MeetingView.Summary)
        {
            await LoadSummaryAsync();
        }

        var ids = touched.Select(i => i.Id).ToHashSet();
        Live.Say(string.Join(" ", changes.Where(c => ids.Contains(c.Item.Id)).TakeLast(3).Select(c => $"{c.Item.Code} opdateret af {c.ChangedBy}.")));
        StateHasChanged();
    }

    /// <summary>The plan's structure changed, or the connection came back: read the meeting again where it is.</summary>
    private async Task ReadAgainAsync(string announcement)
    {
        await LoadAsync(_subscribedKey, _session);
        Live.Say(announcement);
        StateHasChanged();
    }

    private async Task ChangeSinceAsync(DateOnly since)
    {
        if (_session is null || _subscribedKey is not { } key)
        {
            return;
        }

        if (IsPresenter)
        {
            if (!Report(Meetings.ChangeSince(key, await CurrentActorAsync(), since)))
            {
                return;
            }
        }

        _session.ChangesSince = since;
        await LoadChangesAsync();
        Live.Say($"Ændringer markeres nu siden {MeetingText.Since(since)}.");
    }

    private async Task EditAsync(PlanItem item)
    {
        if (_session is null)
        {
            return;
        }

        var current = _session.Item(item.Id) ?? item;
        var parameters = new DialogParameters<ItemDetailsDialog>
        {
            { d => d.Item, current },
            { d => d.Snapshot, _session.Snapshot },
            { d => d.CanEdit, CanChange(current) },
            { d => d.User, _user },
        };
        var dialog = await Dialogs.ShowAsync<ItemDetailsDialog>(current.Code, parameters,
            new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Medium, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: PlanItem saved } && _session is not null)
        {
            _session.Apply([saved]);
            var since = Udmoentning.Domain.DanishTime.StartOfDayUtc(_session.ChangesSince);
            if (await ReadHistoryAsync(() => History.ForItemSinceAsync(saved.Id, since)) is { } entries)
            {
                _session.SetChanged(saved.Id, entries);
            }

            if (_session.Position.View == MeetingView.Summary)
            {
                await LoadSummaryAsync();
            }

            Live.Say($"{saved.Code} er gemt.");
        }
    }

    private async Task LoadChangesAsync()
    {
        if (_session is { } session && await ReadHistoryAsync(() => History.SinceAsync(session.Snapshot, session.Scope, Udmoentning.Domain.DanishTime.StartOfDayUtc(session.ChangesSince))) is { } changed)
        {
            session.SetChanged(changed);
        }
    }

    private async Task LoadSummaryAsync()
    {
        if (_session is not { } session)
        {
            return;
        }

        if (session.Presented is not { } presented)
        {
            session.Summary = [];
        }
        else if (await ReadHistoryAsync(() => History.SinceAsync(session.Snapshot, session.Scope, presented.StartedAt.UtcDateTime)) is { } entries)
        {
            session.Summary = [.. entries.Reverse()];
        }
    }

    /// <summary>Reads history to show; when the database cannot be reached the user is told, and the view keeps what it had.</summary>
    private async Task<IReadOnlyList<ItemHistoryEntry>?> ReadHistoryAsync(Func<Task<IReadOnlyList<ItemHistoryEntry>>> read)
    {
        var entries = await Logger.ReadAsync(read);
        if (entries is null)
        {
            Snackbar.Add(StorageFailure.NotRead, Severity.Warning);
            Live.Say(StorageFailure.NotRead);
        }

        return entries;
    }

    private void Unsubscribe()
    {
        Live.Stop();
        _meetingSubscription?.Dispose();
        _meetingSubscription = null;
    }

    public void Dispose()
    {
        Unsubscribe();
        Live.Close();
    }
}
