using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Udmoentning.Domain.Access;
using Udmoentning.Domain.Rounds;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Rounds;

/// <summary>
/// What the signed-in user answers for in the plan's open rounds: a line per round with how many are missing, then each
/// item with its report form. Follows other people's reports and round changes live without losing what is typed.
/// </summary>
public sealed partial class MyRoundItemsPage : IDisposable
{
    private IReadOnlyList<MyRoundItem> _items = [];
    private readonly List<(int Round, int Item)> _order = [];
    private IReadOnlyList<RoundPerson> _people = [];
    private PlanSnapshot? _plan;
    private ClaimsPrincipal _user = new();
    private Actor _actor = Actor.Anonymous;
    private DateOnly _today;
    private bool _loaded;
    private string? _problem;

    [Inject] private RoundReader Rounds { get; set; } = null!;
    [Inject] private PlanCache Plans { get; set; } = null!;
    [Inject] private CurrentUsers CurrentUsers { get; set; } = null!;
    [Inject] private LivePlan Live { get; set; } = null!;
    [Inject] private ILogger<MyRoundItemsPage> Logger { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = null!;

    [Parameter] public int PlanId { get; set; }

    private sealed record RoundLine(RoundSummary Round, int Total, int Missing);

    private IEnumerable<RoundLine> Lines => _items.GroupBy(m => m.Round.Id)
        .Select(g => new RoundLine(g.First().Round, g.Count(), g.Count(m => !m.Entry.IsReady)))
        .OrderBy(l => l.Round.Deadline);

    protected override void OnInitialized() => Live.Attach(InvokeAsync, DispatchExceptionAsync, new LiveHandlers
    {
        Changes = OnChangesAsync,
        Structure = _ => RefreshAsync("Runderne er ændret, og listen er opdateret."),
        Resync = () => RefreshAsync("Forbindelsen er genoprettet. Listen er opdateret."),
        Render = StateHasChanged,
    });

    protected override async Task OnParametersSetAsync()
    {
        if (RendererInfo.IsInteractive)
        {
            // Before the first read: a report saved meanwhile is then in the read or arrives after it.
            Live.Follow(PlanId);
        }

        _order.Clear();
        _user = (await Authentication).User;
        _actor = await CurrentUsers.ActorAsync(_user);
        await ReloadAsync();
        _loaded = true;
    }

    private async Task ReloadAsync()
    {
        _today = Rounds.Today;
        _plan = await Logger.ReadAsync(() => Plans.GetAsync(PlanId));
        if (_plan?.Plan.Id != PlanId)
        {
            _plan = null;
            return;
        }

        var mine = await Logger.ReadAsync(() => Rounds.MineAsync(_actor, PlanId));
        if (mine is null)
        {
            _problem = StorageFailure.NotRead;
            return;
        }

        _problem = null;
        _people = await Logger.ReadAsync(() => Rounds.PeopleAsync(_plan)) ?? _people;

        // Items keep their place while the page is open, so a card marked ready does not jump away from the keyboard.
        foreach (var key in mine.Select(Key).Where(k => !_order.Contains(k)))
        {
            _order.Add(key);
        }

        _items = [.. mine.OrderBy(m => _order.IndexOf(Key(m)))];
    }

    private static (int Round, int Item) Key(MyRoundItem mine) => (mine.Round.Id, mine.Item.Id);

    private string OthersFor(MyRoundItem mine)
    {
        if (mine.Entry.AssigneeId is not null)
        {
            return "Du er valgt til at svare for punktet.";
        }

        var others = _people.Where(p => p.UserId != _actor.UserId && RoundRules.Answers(p, mine.Entry, mine.Item.CommitteeId)).Select(p => p.Name).ToList();
        var committee = _plan?.Committee(mine.Item.CommitteeId)?.Name ?? "udvalget";
        return others.Count == 0
            ? $"Du er den eneste redaktør for {committee}, der svarer for punktet."
            : $"Svarer også: {string.Join(", ", others)} (redaktører for {committee}).";
    }

    private Task OnChangesAsync(IReadOnlyList<ItemChange> changes)
    {
        var fromOthers = changes.Where(c => c.Kind == ChangeKind.Reported && c.ChangedBy != _actor.Name && _items.Any(m => m.Item.Id == c.Item.Id)).ToList();
        if (fromOthers.Count == 0)
        {
            return Task.CompletedTask;
        }

        var codes = string.Join(", ", fromOthers.Select(c => c.Item.Code).Distinct());
        return RefreshAsync($"{codes} er opdateret i runden af {string.Join(", ", fromOthers.Select(c => c.ChangedBy).Distinct())}.");
    }

    private async Task RefreshAsync(string announcement)
    {
        await ReloadAsync();
        Live.Say(announcement);
        StateHasChanged();
    }

    public void Dispose() => Live.Close();
}
