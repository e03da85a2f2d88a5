using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Components.Shared;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Workplan;

/// <summary>
/// A committee's arbejdsplan, live: its meetings with the items scheduled for each, and the extract's items not yet
/// scheduled. Scheduling goes through <see cref="PlanItemService.ScheduleAsync"/>; changes by others arrive through the
/// <see cref="LocalChangeFeed"/>.
/// </summary>
public sealed partial class WorkplanPage : IDisposable
{
    private readonly List<ItemChange> _pending = [];
    private PlanSnapshot? _snapshot;
    private CommitteeWorkplan? _workplan;
    private int? _planId;
    private string? _problem;
    private PlanItem? _dragged;
    private DateOnly _today;
    private ClaimsPrincipal _user = new();
    private Actor _actor = Actor.Anonymous;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    [Inject] private PlanCache Plan { get; set; } = null!;
    [Inject] private PlanItemService Items { get; set; } = null!;
    [Inject] private CurrentUsers CurrentUsers { get; set; } = null!;
    [Inject] private LivePlan Live { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;
    [Inject] private ILogger<WorkplanPage> Logger { get; set; } = null!;

    [Parameter] public int? PlanId { get; set; }
    [Parameter] public string Slug { get; set; } = string.Empty;

    /// <summary>Moving needs a live connection; the prerendered page is read-only.</summary>
    private bool CanMove => RendererInfo.IsInteractive;

    private string Heading => _workplan is null ? "Arbejdsplan" : $"Arbejdsplan · {_workplan.Committee.Name}";

    protected override void OnInitialized() => Live.Attach(InvokeAsync, DispatchExceptionAsync, new LiveHandlers
    {
        Changes = OnChangesAsync,
        Structure = change => ReadAgainAsync($"{change.Description} ({change.ChangedBy})"),
        Resync = () => ReadAgainAsync("Forbindelsen er genoprettet. Arbejdsplanen er opdateret."),
        Render = StateHasChanged,
    });

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            // The plan could not be read: the page says so and lives; opening it again reads again.
            Logger.LogWarning(e, "The arbejdsplan could not load its plan");
            _workplan = null;
            _problem = StorageFailure.NotRead;
        }
    }

    private async Task LoadAsync()
    {
        var planId = _planId = PlanId ?? (await Plan.DefaultAsync())?.Id;
        if (_snapshot is not null && _snapshot.Plan.Id != planId)
        {
            _snapshot = null;
            _workplan = null;
            _pending.Clear();
        }

        if (RendererInfo.IsInteractive && Live.Follow(planId ?? 0))
        {
            // Followed before reading the shared plan: a change saved meanwhile is then in one or the other (see PlanCache).
            _snapshot = null;
        }

        _snapshot ??= planId is { } id ? await Plan.GetAsync(id) : null;
        // Runs again when the circuit's user changes (see AccessRevalidation): the rights are read anew.
        _user = Authentication is null ? new ClaimsPrincipal() : (await Authentication).User;
        _actor = await CurrentUsers.ActorAsync(_user);
        _today = DateOnly.FromDateTime(Clock.GetLocalNow().DateTime);
        Rebuild();
    }

    private void Rebuild()
    {
        _problem = null;
        _workplan = null;
        if (_snapshot is null)
        {
            _problem = "Planen findes ikke. Vælg en plan i menuen Plan.";
            return;
        }

        if (_snapshot.CommitteeBySlug(Slug) is not { } committee)
        {
            _problem = $"Der findes ikke et udvalg med kortnavnet \"{Slug}\". Vælg et udvalg i menuen Udvalg.";
            return;
        }

        _workplan = new CommitteeWorkplan(_snapshot, committee, _actor, CanMove);
        if (_pending.Count > 0)
        {
            _workplan.Apply(_pending.Select(c => c.Item));
            _pending.Clear();
        }
    }

    private Task OnChangesAsync(IReadOnlyList<ItemChange> changes)
    {
        if (_workplan is null)
        {
            _pending.AddRange(changes);
            return Task.CompletedTask;
        }

        var applied = _workplan.Apply(changes.Select(c => c.Item));
        if (applied.Count > 0)
        {
            var last = changes.GroupBy(c => c.Item.Id).ToDictionary(g => g.Key, g => g.Last());
            var told = applied.Where(a => last.GetValueOrDefault(a.Item.Id)?.Kind != ChangeKind.Reordered).ToList();
            if (told.Count > 0)
            {
                Live.Say(string.Join(" ", told.TakeLast(3).Select(a => $"{Describe(a.Item, a.Before)} af {last.GetValueOrDefault(a.Item.Id)?.ChangedBy}.")));
            }

            StateHasChanged();
        }

        return Task.CompletedTask;
    }

    /// <summary>Meetings, committees or the plan changed, or the connection came back: read the plan again and rebuild the arbejdsplan.</summary>
    private async Task ReadAgainAsync(string announcement)
    {
        _snapshot = await Plan.GetAsync(_planId);
        Rebuild();
        Live.Say(announcement);
        StateHasChanged();
    }

    private void StartDrag(PlanItem item) => _dragged = item;

    private async Task DropAsync(CommitteeMeeting? meeting)
    {
        var item = _dragged is null ? null : _workplan?.Item(_dragged.Id);
        _dragged = null;
        if (_workplan is null || item is null || _workplan.MeetingOf(item)?.Id == meeting?.Id)
        {
            return;
        }

        await ScheduleAsync(item, meeting, keepFocus: false);
    }

    private async Task OnKeyAsync(WorkplanKey key)
    {
        if (!key.Key.CtrlKey || key.Key.Key is not ("ArrowUp" or "ArrowDown") || _workplan?.Item(key.Item.Id) is not { } item || !CanMove)
        {
            return;
        }

        if (!_workplan.CanChange(item))
        {
            Tell(_workplan.Snapshot.Plan.ReadOnlyReason ?? AccessRules.ReadOnly, Severity.Info);
            return;
        }

        var (meeting, exists) = _workplan.Neighbour(item, key.Key.Key == "ArrowDown" ? 1 : -1);
        if (!exists)
        {
            Live.Say(key.Key.Key == "ArrowDown" ? $"{item.Code} er på udvalgets sidste møde." : $"{item.Code} er ikke planlagt til et møde.");
            return;
        }

        await ScheduleAsync(item, meeting, keepFocus: true);
    }

    private async Task OpenMoveMenuAsync(PlanItem card)
    {
        if (_workplan?.Item(card.Id) is not { } item)
        {
            return;
        }

        var parameters = new DialogParameters<MeetingChoiceDialog>
        {
            { d => d.Item, item },
            { d => d.Meetings, _workplan.Meetings },
            { d => d.CurrentMeetingId, _workplan.MeetingOf(item)?.Id },
        };
        var dialog = await Dialogs.ShowAsync<MeetingChoiceDialog>($"Flyt {item.Code} til møde", parameters,
            new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        var result = await dialog.Result;
        if (_workplan is null)
        {
            return;
        }

        if (result is { Canceled: false, Data: MeetingChoice choice })
        {
            await ScheduleAsync(item, _workplan.Snapshot.Meeting(choice.MeetingId), keepFocus: true);
        }
        else
        {
            _workplan.FocusItemId = item.Id;
            StateHasChanged();
        }
    }

    private void Focused(PlanItem item)
    {
        if (_workplan?.FocusItemId == item.Id)
        {
            _workplan.FocusItemId = null;
        }
    }

    private async Task ScheduleAsync(PlanItem item, CommitteeMeeting? meeting, bool keepFocus)
    {
        var committee = _workplan!.Committee;
        var outcome = await Items.ScheduleAsync(_user, new ScheduleRequest(item.Id, item.Version, committee.Id, meeting?.Id));
        if (_workplan is null)
        {
            return;
        }

        if (outcome.Value is not null)
        {
            _workplan.Apply([outcome.Value]);
        }

        if (keepFocus)
        {
            _workplan.FocusItemId = item.Id;
        }

        if (outcome.Succeeded)
        {
            Live.Say(meeting is null ? $"{item.Code} er ikke længere planlagt til et møde." : $"{item.Code} planlagt til mødet {Format.Date(meeting.Date)}.");
        }
        else
        {
            Tell(outcome.Errors.FirstOrDefault()?.Message ?? outcome.Message ?? "Ændringen blev ikke gemt.", Severity.Warning);
        }

        StateHasChanged();
    }

    private string Describe(PlanItem item, PlanItem? before)
    {
        if (!_workplan!.Contains(item))
        {
            return $"{item.Code} er ikke længere med i udvalgets udsnit";
        }

        var now = _workplan.MeetingOf(item);
        var then = before is null ? null : _workplan.MeetingOf(before);
        return (before, now) switch
        {
            (not null, _) when now?.Id == then?.Id => $"{item.Code} opdateret",
            (_, { } meeting) => $"{item.Code} planlagt til mødet {Format.Date(meeting.Date)}",
            (null, null) => $"{item.Code} er kommet med i udvalgets udsnit uden møde",
            _ => $"{item.Code} er ikke længere planlagt til et møde",
        };
    }

    private void Tell(string message, Severity severity)
    {
        Snackbar.Add(message, severity);
        Live.Say(message);
        StateHasChanged();
    }

    public void Dispose() => Live.Close();
}
