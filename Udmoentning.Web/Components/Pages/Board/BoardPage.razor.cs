using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Web.Access;
using Udmoentning.Web.Planning;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Components.Pages.Board;

/// <summary>
/// The live board: the plan (or one committee's extract) in lanes by theme and columns by status.
/// Every change goes through <see cref="PlanItemService"/>; changes by others arrive through the
/// <see cref="LocalChangeFeed"/> and re-render only the cells they touch.
/// </summary>
public sealed partial class BoardPage : IDisposable
{
    private readonly List<ItemChange> _pending = [];
    private PlanSnapshot? _snapshot;
    private IDisposable? _subscription;
    private string? _problem;
    private bool _noPlan;
    private int? _subscribedPlanId;
    private string? _announcement;
    private ClaimsPrincipal _user = new();
    private Actor _actor = Actor.Anonymous;

    [CascadingParameter] private Task<AuthenticationState>? Authentication { get; set; }

    [Inject] private PlanCache Plan { get; set; } = null!;
    [Inject] private PlanItemService Items { get; set; } = null!;
    [Inject] private LocalChangeFeed Feed { get; set; } = null!;
    [Inject] private CircuitConnection Connection { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private TimeProvider Clock { get; set; } = null!;

    [Parameter] public string? Slug { get; set; }
    [Parameter] public int? PlanId { get; set; }
    [SupplyParameterFromQuery(Name = "type")] public string? KindQuery { get; set; }
    [SupplyParameterFromQuery(Name = "tema")] public string? ThemeQuery { get; set; }
    [SupplyParameterFromQuery(Name = "status")] public string? StatusQuery { get; set; }
    [SupplyParameterFromQuery(Name = "tilstand")] public string? HealthQuery { get; set; }
    [SupplyParameterFromQuery(Name = "flag")] public string? FlagQuery { get; set; }
    [SupplyParameterFromQuery(Name = "q")] public string? TextQuery { get; set; }

    public BoardState? State { get; private set; }

    /// <summary>Moving needs a live connection; the prerendered page is read-only.</summary>
    public bool CanMove => RendererInfo.IsInteractive;

    /// <summary>Whether to offer dragging and moving this card. A convenience only: the service decides.</summary>
    public bool CanChange(PlanItem item) => CanMove && _snapshot?.Plan.IsArchived == false && AccessRules.CanChange(_actor, item);

    private bool CanManagePlans => AccessRules.CanManagePlans(_actor);

    private string Heading => State?.Committee?.Name ?? _snapshot?.Plan.Name ?? "Udmøntningsplan";

    private string ClearFiltersUrl => Navigation.GetUriWithQueryParameters(BoardFilter.None.ToQuery());

    protected override async Task OnParametersSetAsync()
    {
        var planId = PlanId ?? (await Plan.DefaultAsync())?.Id;
        if (_snapshot is not null && _snapshot.Plan.Id != planId)
        {
            // Another plan: start over, with nothing of the previous plan's board kept.
            _snapshot = null;
            State = null;
            _pending.Clear();
        }

        if (RendererInfo.IsInteractive && _subscribedPlanId != planId)
        {
            // Subscribe before reading the shared plan: a change saved meanwhile is then in one or the other (see PlanCache).
            _subscription?.Dispose();
            _snapshot = null;
            _subscription = Feed.Subscribe(planId ?? 0, OnChangesAsync, OnStructureChangedAsync);
            _subscribedPlanId = planId;
            Connection.Reconnected -= OnReconnectedAsync;
            Connection.Reconnected += OnReconnectedAsync;
        }

        _snapshot ??= planId is { } id ? await Plan.GetAsync(id) : null;
        _noPlan = planId is null;
        _user = Authentication is null ? new ClaimsPrincipal() : (await Authentication).User;
        _actor = _user.ToActor(_snapshot?.Committees ?? []);
        Rebuild(State?.AllItems ?? _snapshot?.Items);
    }

    private void Rebuild(IReadOnlyList<PlanItem>? items)
    {
        _problem = null;
        State = null;
        if (_snapshot is null || items is null)
        {
            _problem = _noPlan ? null : $"Planen findes ikke. Vælg en plan i menuen Plan.";
            return;
        }

        Committee? committee = null;
        if (Slug is not null && (committee = _snapshot.CommitteeBySlug(Slug)) is null)
        {
            _problem = $"Der findes ikke et udvalg med kortnavnet \"{Slug}\". Vælg et udvalg i menuen.";
            return;
        }

        var filter = BoardFilter.Parse(KindQuery, ThemeQuery, StatusQuery, HealthQuery, FlagQuery, TextQuery);
        State = new BoardState(_snapshot with { Items = items }, filter, committee);
        if (_pending.Count > 0)
        {
            State.Apply(_pending.Select(c => c.Item), Clock.GetUtcNow());
            _pending.Clear();
        }
    }

    private Task OnChangesAsync(IReadOnlyList<ItemChange> changes) => InvokeAsync(async () =>
    {
        try
        {
            if (State is null)
            {
                _pending.AddRange(changes);
                return;
            }

            var applied = State.Apply(changes.Select(c => c.Item), Clock.GetUtcNow()).Select(i => i.Id).ToHashSet();
            var announced = changes.Where(c => applied.Contains(c.Item.Id)).ToList();
            if (announced.Count > 0)
            {
                Say(string.Join(" ", announced.TakeLast(3).Select(Describe)));
                StateHasChanged();
            }
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    });

    private Task OnReconnectedAsync() => InvokeAsync(async () =>
    {
        _snapshot = await Plan.GetAsync(_subscribedPlanId);
        Rebuild(_snapshot?.Items);
        Say("Forbindelsen er genoprettet. Tavlen viser den aktuelle plan.");
        StateHasChanged();
    });

    /// <summary>Themes, committees, meetings or the plan itself changed: read the plan again and rebuild the board, keeping the filters.</summary>
    private Task OnStructureChangedAsync(StructureChange change) => InvokeAsync(async () =>
    {
        try
        {
            _snapshot = await Plan.GetAsync(_subscribedPlanId);
            _actor = _user.ToActor(_snapshot?.Committees ?? []);
            Rebuild(_snapshot?.Items);
            Say($"{change.Description} ({change.ChangedBy})");
            StateHasChanged();
        }
        catch (Exception e)
        {
            await DispatchExceptionAsync(e);
        }
    });

    public void StartDrag(PlanItem item)
    {
        if (State is not null)
        {
            State.Dragged = item;
        }
    }

    /// <summary>A card was dropped in a cell, above <paramref name="beforeItemId"/> or at the bottom.</summary>
    public async Task DropAsync(CellKey target, int? beforeItemId)
    {
        var item = State?.Dragged;
        if (State is null || item is null)
        {
            return;
        }

        State.Dragged = null;
        if (target.ThemeId != item.ThemeId)
        {
            var theme = State.Snapshot.Theme(item.ThemeId)?.Name;
            Tell($"{item.Code} hører under hovedpunktet \"{theme}\". Træk det inden for sin egen række; hovedpunktet ændres i punktets detaljer.", Severity.Warning);
            return;
        }

        if (beforeItemId == item.Id)
        {
            return;
        }

        await MoveAsync(item, target.Status, beforeItemId, keepFocus: false);
    }

    public async Task OnCardKeyAsync(PlanItem item, KeyboardEventArgs e)
    {
        if (!e.CtrlKey || e.Key is not ("ArrowRight" or "ArrowLeft" or "ArrowUp" or "ArrowDown") || State is null || !CanMove)
        {
            return;
        }

        var current = State.Item(item.Id) ?? item;
        if (!CanChange(current))
        {
            Tell(AccessRules.RefusalToChange(_actor, current) ?? AccessRules.ReadOnly, Severity.Info);
            return;
        }

        var statuses = Enum.GetValues<ItemStatus>();
        var index = Array.IndexOf(statuses, current.Status);
        var cell = State.Cell(new CellKey(current.ThemeId, current.Status));
        var at = cell.ToList().FindIndex(i => i.Id == current.Id);
        switch (e.Key)
        {
            case "ArrowRight" when index < statuses.Length - 1:
                await MoveAsync(current, statuses[index + 1], null, keepFocus: true);
                break;
            case "ArrowLeft" when index > 0:
                await MoveAsync(current, statuses[index - 1], null, keepFocus: true);
                break;
            case "ArrowUp" when at > 0:
                await MoveAsync(current, current.Status, cell[at - 1].Id, keepFocus: true);
                break;
            case "ArrowDown" when at >= 0 && at < cell.Count - 1:
                await MoveAsync(current, current.Status, at + 2 < cell.Count ? cell[at + 2].Id : null, keepFocus: true);
                break;
        }
    }

    public async Task OpenMoveMenuAsync(PlanItem item)
    {
        if (State is null)
        {
            return;
        }

        var current = State.Item(item.Id) ?? item;
        var cell = State.Cell(new CellKey(current.ThemeId, current.Status));
        var parameters = new DialogParameters<MoveDialog>
        {
            { d => d.Item, current },
            { d => d.IsFirst, cell.Count > 0 && cell[0].Id == current.Id },
            { d => d.IsLast, cell.Count > 0 && cell[^1].Id == current.Id },
        };
        var dialog = await Dialogs.ShowAsync<MoveDialog>($"Flyt {current.Code}", parameters, new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.ExtraSmall, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: MoveChoice choice })
        {
            var at = cell.ToList().FindIndex(i => i.Id == current.Id);
            int? before = choice.Direction switch
            {
                < 0 when at > 0 => cell[at - 1].Id,
                > 0 when at + 2 < cell.Count => cell[at + 2].Id,
                _ => null,
            };
            await MoveAsync(current, choice.To ?? current.Status, before, keepFocus: true);
        }
        else
        {
            State.RequestFocus(current.Id);
            StateHasChanged();
        }
    }

    public async Task OpenDetailsAsync(PlanItem item)
    {
        if (State is null)
        {
            return;
        }

        var parameters = new DialogParameters<ItemDetailsDialog>
        {
            { d => d.Item, State.Item(item.Id) ?? item },
            { d => d.Snapshot, State.Snapshot },
            { d => d.CanEdit, CanChange(State.Item(item.Id) ?? item) },
            { d => d.User, _user },
        };
        var dialog = await Dialogs.ShowAsync<ItemDetailsDialog>(item.Code, parameters,
            new DialogOptions { CloseOnEscapeKey = true, MaxWidth = MaxWidth.Medium, FullWidth = true });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: PlanItem saved })
        {
            State.Apply([saved], Clock.GetUtcNow());
            State.RequestFocus(saved.Id);
            Say($"{saved.Code} er gemt.");
        }
        else
        {
            State.RequestFocus(item.Id);
        }

        StateHasChanged();
    }

    private async Task MoveAsync(PlanItem item, ItemStatus to, int? beforeItemId, bool keepFocus)
    {
        var outcome = await Items.MoveAsync(_user, new MoveRequest(item.Id, item.Version, to, beforeItemId));
        if (State is null)
        {
            return;
        }

        if (outcome.Item is not null)
        {
            State.Apply([outcome.Item], Clock.GetUtcNow());
        }

        if (keepFocus)
        {
            State.RequestFocus(item.Id);
        }

        if (outcome.Succeeded)
        {
            var place = State.Cell(new CellKey(item.ThemeId, to)).ToList().FindIndex(i => i.Id == item.Id) + 1;
            Say(to == item.Status ? $"{item.Code} er nu nr. {place} i {to.Name()}." : $"{item.Code} flyttet til {to.Name()}.");
        }
        else
        {
            Tell(outcome.Message ?? "Flytningen blev ikke gemt.", Severity.Warning);
        }

        StateHasChanged();
    }

    private void Tell(string message, Severity severity)
    {
        Snackbar.Add(message, severity);
        Say(message);
        StateHasChanged();
    }

    /// <summary>Sets the live region's text for the next render; the same text twice in a row gets a zero-width variation so it is read again.</summary>
    private void Say(string message) => _announcement = _announcement == message ? message + "\u200B" : message;

    private static string Describe(ItemChange change) => change.Kind switch
    {
        ChangeKind.Moved when change.PreviousStatus != change.Item.Status => $"{change.Item.Code} flyttet til {change.Item.Status.Name()} af {change.ChangedBy}.",
        ChangeKind.Moved => $"{change.Item.Code} flyttet inden for {change.Item.Status.Name()} af {change.ChangedBy}.",
        _ => $"{change.Item.Code} opdateret af {change.ChangedBy}.",
    };

    public void Dispose()
    {
        _subscription?.Dispose();
        Connection.Reconnected -= OnReconnectedAsync;
    }
}
