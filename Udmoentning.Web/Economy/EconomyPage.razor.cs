using Microsoft.AspNetCore.Components;
using Udmoentning.Domain.Items;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Economy;

/// <summary>
/// The plan's economy (or a committee's extract of it), live: totals per year by theme, committee and kind, savings
/// and expansions, the targets and the progress charts. Every change on the feed recomputes the figures from the
/// shared plan copy, so a card moved to Afsluttet elsewhere shows up as realised at once.
/// </summary>
public sealed partial class EconomyPage : IDisposable
{
    private PlanSnapshot? _snapshot;
    private EconomyFigures? _figures;
    private int? _planId;
    private string? _problem;

    /// <summary>Not started, in progress, ready, completed: told apart by the legend and the table too, not by colour alone.</summary>
    private static readonly string[] StatusColours = ["#9e9e9e", "#1f5f99", "#e08a00", "#2e7d32"];

    private static readonly string[] HealthColours = ["#2e7d32", "#f2c200", "#c62828"];

    [Inject] private PlanCache Plans { get; set; } = null!;
    [Inject] private LivePlan Live { get; set; } = null!;
    [Inject] private ILogger<EconomyPage> Logger { get; set; } = null!;

    [Parameter] public int? PlanId { get; set; }
    [Parameter] public string? Slug { get; set; }

    private string Heading => _figures?.Committee is { } committee ? $"Økonomi · {committee.Name}" : "Økonomi";

    protected override void OnInitialized() =>
        Live.Attach(InvokeAsync, DispatchExceptionAsync, new LiveHandlers { Changes = _ => RefreshAsync(), Resync = RefreshAsync, Render = StateHasChanged });

    protected override async Task OnParametersSetAsync()
    {
        try
        {
            var planId = _planId = PlanId ?? (await Plans.DefaultAsync())?.Id;
            if (RendererInfo.IsInteractive)
            {
                // Before reading the shared plan: a change saved meanwhile is then in one or the other.
                Live.Follow(planId ?? 0);
            }

            _snapshot = planId is { } id ? await Plans.GetAsync(id) : null;
            Rebuild();
        }
        catch (Exception e) when (StorageFailure.Is(e))
        {
            Logger.LogWarning(e, "The economy page could not load its plan");
            _figures = null;
            _problem = StorageFailure.NotRead;
        }
    }

    private void Rebuild()
    {
        _problem = null;
        _figures = null;
        if (_snapshot is null)
        {
            _problem = PlanId is null ? "Der er endnu ingen udmøntningsplan." : "Planen findes ikke. Vælg en plan i menuen Plan.";
            return;
        }

        var committee = Slug is null ? null : _snapshot.CommitteeBySlug(Slug);
        if (Slug is not null && committee is null)
        {
            _problem = $"Der findes ikke et udvalg med kortnavnet \"{Slug}\". Vælg et udvalg i menuen Udvalg.";
            return;
        }

        _figures = EconomyFigures.Of(_snapshot, committee);
    }

    /// <summary>Items or the plan's structure changed: the shared copy already has it; read it and compute again.</summary>
    private async Task RefreshAsync()
    {
        _snapshot = await Plans.GetAsync(_planId);
        Rebuild();
        Live.Say(Updated);
        StateHasChanged();
    }

    private const string Updated = "Tallene er opdateret.";

    private string BoardLink(PlanItem item)
    {
        var board = _figures?.Committee is { } committee ? PlanLinks.Committee(PlanId, committee.Slug) : PlanLinks.Board(PlanId);
        return $"{board}?q={Uri.EscapeDataString(item.Code)}";
    }

    public void Dispose() => Live.Close();
}
