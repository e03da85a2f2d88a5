using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Udmoentning.Domain;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rounds;
using Udmoentning.Web.Access;
using Udmoentning.Web.Administration;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Rounds;

/// <summary>
/// One follow-up round: its progress per committee and per person, and its items with who answers and what they reported.
/// Coordinators choose who answers, move the deadline and close the round here. Follows reports and round changes live.
/// </summary>
public sealed partial class RoundPage : IDisposable
{
    private const string ShowAll = "alle";
    private const string ShowMissing = "mangler";
    private const string ShowOverdue = "overskredet";
    private const string Progressed = "Fremdriften er opdateret.";

    /// <summary>Live changes are read out at most this often; what arrives meanwhile is said together afterwards.</summary>
    private static readonly TimeSpan _announceEvery = TimeSpan.FromSeconds(3);

    private PlanSnapshot? _plan;
    private FollowUpRound? _round;
    private RoundProgress? _progress;
    private IReadOnlyList<RoundPerson> _people = [];
    private Actor _actor = Actor.Anonymous;
    private bool _loaded;
    private bool _busy;
    private DateOnly _deadline;
    private string _filter = ShowAll;
    private string? _message;
    private bool _messageFailed;
    private string? _itemMessage;
    private bool _itemMessageFailed;
    private int _refusals;
    private string? _pendingAnnouncement;
    private DateTimeOffset _lastAnnounced = DateTimeOffset.MinValue;
    private ITimer? _announceTimer;

    [Inject] private PlanCache Plans { get; set; } = null!;
    [Inject] private RoundReader Rounds { get; set; } = null!;
    [Inject] private PlanAdministration Administration { get; set; } = null!;
    [Inject] private LivePlan Live { get; set; } = null!;
    [Inject] private CurrentUsers CurrentUsers { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    [Parameter] public int PlanId { get; set; }
    [Parameter] public int RoundId { get; set; }

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = null!;

    private DateOnly Today => Rounds.Today;

    private bool CanManage => RendererInfo.IsInteractive && _round is { IsClosed: false } && _plan?.Plan.ReadOnlyReason is null && RoundRules.CanManage(_actor);

    private string Scope => _round?.CommitteeId is { } id ? _plan?.Committee(id)?.Name ?? "Udvalg" : PlanAdministration.WholePlan;

    private bool AnswersForAny => _round is not null && _plan is not null &&
        _round.Items.Any(e => _plan.Item(e.ItemId) is { } item && RoundRules.Answers(_actor, e, item.CommitteeId));

    /// <summary>The round's items in the plan's order (items gone since last), as the filter shows them.</summary>
    private IReadOnlyList<(RoundItem Entry, PlanItem? Item)> Shown
    {
        get
        {
            if (_round is null || _plan is null)
            {
                return [];
            }

            var order = _plan.Items.Select((item, index) => (item.Id, index)).ToDictionary(x => x.Id, x => x.index);
            return [.. _round.Items
                .Where(e => _filter switch
                {
                    ShowMissing => !e.IsReady,
                    ShowOverdue => _round.IsOverdue(e, Today),
                    _ => true,
                })
                .OrderBy(e => order.GetValueOrDefault(e.ItemId, int.MaxValue)).ThenBy(e => e.ItemCode, StringComparer.Ordinal)
                .Select(e => (e, _plan.Item(e.ItemId)))];
        }
    }

    protected override void OnInitialized() => Live.Attach(InvokeAsync, DispatchExceptionAsync, new LiveHandlers
    {
        Changes = OnChangesAsync,
        Structure = _ => ReloadLiveAsync(),
        Resync = ReloadLiveAsync,
        Render = StateHasChanged,
    });

    protected override async Task OnParametersSetAsync()
    {
        if (RendererInfo.IsInteractive)
        {
            // Before the first read: a report saved meanwhile is then in the read or arrives after it.
            Live.Follow(PlanId);
        }

        if (_round?.Id != RoundId)
        {
            _round = null;
            _message = _itemMessage = null;
        }

        _actor = await CurrentUsers.ActorAsync(await UserAsync());
        await LoadAsync();
        _loaded = true;
    }

    private async Task<ClaimsPrincipal> UserAsync() => (await Authentication).User;

    private async Task LoadAsync()
    {
        var before = _round;
        _plan = await Plans.GetAsync(PlanId);
        _round = _plan is null ? null : await Rounds.GetAsync(PlanId, RoundId);
        if (_plan is null || _round is null)
        {
            _progress = null;
            return;
        }

        _progress = await Rounds.ProgressAsync(_round, _plan);
        _people = RoundRules.CanManage(_actor) && !_round.IsClosed ? await Rounds.PeopleAsync(_plan) : [];
        if (before is null || before.Id != _round.Id || before.Deadline != _round.Deadline)
        {
            _deadline = _round.Deadline;
        }
    }

    /// <summary>Who may be chosen for the item: the users who may answer, and whoever is chosen now even if no longer among them.</summary>
    private IEnumerable<RoundPerson> PeopleFor(RoundItem entry) =>
        entry.AssigneeId is { } id && _people.All(p => p.UserId != id)
            ? _people.Append(new RoundPerson(id, entry.AssigneeName ?? "Ukendt bruger", new HashSet<int>()))
            : _people;

    private static string StateName(RoundItem entry) => entry.IsReady ? "Klar" : entry.HasReport ? "Rapporteret" : "Mangler";

    private static string StateClass(RoundItem entry) => entry.IsReady ? "ready" : entry.HasReport ? "reported" : "missing";

    private async Task AssignAsync(RoundItem entry, ChangeEventArgs e)
    {
        var chosen = e.Value as string;
        var outcome = await RunAsync(user => Administration.AssignInRoundAsync(user, entry.RoundId, entry.ItemId, entry.Version, string.IsNullOrEmpty(chosen) ? null : chosen));
        _itemMessage = outcome.Message;
        _itemMessageFailed = !outcome.Succeeded;
        if (!outcome.Succeeded)
        {
            // The list shows the choice the user made; draw it again so it shows who answers now.
            _refusals++;
        }
    }

    private async Task ChangeDeadlineAsync()
    {
        if (_round is not { } round)
        {
            return;
        }

        Show(await RunAsync(user => Administration.ChangeRoundDeadlineAsync(user, round.Id, round.Version, _deadline)));
        _deadline = _round?.Deadline ?? _deadline;
    }

    private async Task CloseAsync()
    {
        if (_round is not { } round)
        {
            return;
        }

        var missing = round.Items.Count(e => !e.IsReady);
        var confirmed = await Dialogs.ShowMessageBoxAsync("Luk runden?",
            $"Runden fryses som et øjebliksbillede med statusteksterne. Den kan ikke ændres bagefter. {(missing == 1 ? "1 punkt er" : $"{missing} punkter er")} ikke klar.",
            yesText: "Luk runden", cancelText: "Annullér");
        if (confirmed != true)
        {
            return;
        }

        Show(await RunAsync(user => Administration.CloseRoundAsync(user, round.Id, round.Version)));
    }

    /// <summary>Runs a change through the service and reads the round again, whatever the answer, so the page shows it as it is.</summary>
    private async Task<ChangeOutcome<int>> RunAsync(Func<ClaimsPrincipal, Task<ChangeOutcome<int>>> change)
    {
        _busy = true;
        try
        {
            var outcome = await change(await UserAsync());
            await LoadAsync();
            return outcome;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Show(ChangeOutcome<int> outcome)
    {
        _message = outcome.Message;
        _messageFailed = !outcome.Succeeded;
    }

    private Task OnChangesAsync(IReadOnlyList<ItemChange> changes) =>
        _round is { } round && changes.Any(c => c.Kind == ChangeKind.Reported && round.ItemFor(c.Item.Id) is not null)
            ? ReloadLiveAsync()
            : Task.CompletedTask;

    private async Task ReloadLiveAsync()
    {
        var before = _round;
        var progressBefore = _progress?.Total;
        await LoadAsync();
        if (Describe(before, progressBefore) is { } news)
        {
            Announce(news);
        }

        StateHasChanged();
    }

    /// <summary>What changed in the round since <paramref name="before"/>, in words, or null when nothing a viewer follows changed.</summary>
    private string? Describe(FollowUpRound? before, RoundCount? progressBefore)
    {
        if (before is null || _round is null || before.Id != _round.Id)
        {
            return null;
        }

        if (!before.IsClosed && _round.IsClosed)
        {
            return $"Runden er lukket af {_round.ClosedByName}.";
        }

        var newlyReady = _round.Items.Where(e => e.IsReady && before.ItemFor(e.ItemId) is { IsReady: false }).ToList();
        if (newlyReady.Count == 1)
        {
            return $"{newlyReady[0].ItemCode} er markeret klar af {newlyReady[0].ReadyByName}.";
        }

        if (newlyReady.Count > 1)
        {
            return $"{newlyReady.Count} punkter er markeret klar. {Progressed}";
        }

        return progressBefore != _progress?.Total || before.Deadline != _round.Deadline ? Progressed : null;
    }

    /// <summary>Reads a live change out politely, at most once every few seconds; changes that come sooner are said together after.</summary>
    private void Announce(string text)
    {
        var wait = _lastAnnounced + _announceEvery - Clock.GetUtcNow();
        if (wait <= TimeSpan.Zero && _pendingAnnouncement is null)
        {
            Say(text);
            return;
        }

        _pendingAnnouncement = _pendingAnnouncement is null ? text : Progressed;
        _announceTimer ??= Clock.CreateTimer(_ => _ = Live.RunAsync(() =>
        {
            _announceTimer?.Dispose();
            _announceTimer = null;
            if (_pendingAnnouncement is { } pending)
            {
                _pendingAnnouncement = null;
                Say(pending);
                StateHasChanged();
            }

            return Task.CompletedTask;
        }), null, wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    private void Say(string message)
    {
        Live.Say(message);
        _lastAnnounced = Clock.GetUtcNow();
    }

    public void Dispose()
    {
        Live.Close();
        _announceTimer?.Dispose();
    }
}
