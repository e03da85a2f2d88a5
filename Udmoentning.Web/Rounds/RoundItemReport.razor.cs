using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Rounds;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Rounds;

public sealed partial class RoundItemReport
{
    private RoundItem _entry = null!;
    private PlanItem _item = null!;
    private string _text = string.Empty;
    private Health _health;
    private Quarter? _timing;
    private (string Text, Health Health, Quarter? Timing) _base;
    private string? _message;
    private bool _problem;
    private string? _yourText;
    private bool _busy;

    [Inject] private PlanItemService Items { get; set; } = null!;

    [Parameter, EditorRequired] public required MyRoundItem Mine { get; set; }
    [Parameter, EditorRequired] public required PlanSnapshot Plan { get; set; }
    [Parameter, EditorRequired] public required ClaimsPrincipal User { get; set; }

    /// <summary>Who answers for the item besides the user, in words.</summary>
    [Parameter] public string? Others { get; set; }

    [Parameter] public DateOnly Today { get; set; }

    /// <summary>
    /// Whether the user may change the item itself. If not (a cross-cutting item, answered by its committee's editors),
    /// they write the round's text and the traffic light and timing stay as the item has them; the service checks it too.
    /// </summary>
    [Parameter] public bool CanChangeItem { get; set; } = true;

    /// <summary>A report or "klar" was saved: the page counts again.</summary>
    [Parameter] public EventCallback Changed { get; set; }

    private string HeadingId => $"round-{Mine.Round.Id}-item-{Mine.Item.Id}";
    private string TextId => $"{HeadingId}-text";
    private string CountId => $"{HeadingId}-count";
    private string TimingId => $"{HeadingId}-timing";
    private bool TooLong => _text.Length > RoundItem.StatusTextLength;
    private bool ReadOnly => !RendererInfo.IsInteractive || Plan.Plan.ReadOnlyReason is not null;
    private bool IsOverdue => !_entry.IsReady && Today > Mine.Round.Deadline;

    /// <summary>What the user typed or chose and has not saved.</summary>
    private bool Dirty => (_text, _health, _timing) != _base;

    protected override void OnParametersSet()
    {
        // A newer copy from the page (someone else's report, a reload) replaces the form only when nothing is typed in it;
        // otherwise the typed text stays, and saving it answers that the entry changed.
        if (_entry is null || (!Dirty && Mine.Entry.Version != _entry.Version))
        {
            Take(Mine.Entry, Mine.Item, keepForm: false);
        }
        else if (!Dirty)
        {
            _item = Mine.Item;
        }
    }

    private void Take(RoundItem entry, PlanItem item, bool keepForm)
    {
        _entry = entry;
        _item = item;
        // Someone who may not change the item confirms it as it is: its own traffic light and timing.
        _base = CanChangeItem
            ? (entry.StatusText ?? string.Empty, entry.Health ?? item.Health, entry.Timing ?? item.Timing)
            : (entry.StatusText ?? string.Empty, item.Health, item.Timing);
        if (!keepForm)
        {
            (_text, _health, _timing) = _base;
        }
    }

    private void OnTimingChanged(ChangeEventArgs e) =>
        _timing = int.TryParse(e.Value as string, NumberStyles.None, CultureInfo.InvariantCulture, out var sortable) ? Quarter.FromSortable(sortable) : null;

    private async Task SaveAsync()
    {
        var typed = _text;
        var outcome = await RunAsync(() => Items.ReportInRoundAsync(User, new RoundReportRequest(Mine.Round.Id, _item.Id, _entry.Version, _text, _health, _timing)));
        if (outcome.Status == ChangeStatus.Stale && outcome.Value?.Entry is { } current)
        {
            Take(current, _item, keepForm: false);
            _yourText = typed == _text ? null : typed;
        }
        else if (outcome.Succeeded)
        {
            _yourText = null;
        }
    }

    private Task MarkAsync(bool ready) =>
        RunAsync(() => Items.MarkReadyInRoundAsync(User, Mine.Round.Id, _item.Id, _entry.Version, ready));

    private async Task<ChangeOutcome<RoundAnswer>> RunAsync(Func<Task<ChangeOutcome<RoundAnswer>>> step)
    {
        _busy = true;
        try
        {
            var outcome = await step();
            _problem = !outcome.Succeeded;
            _message = outcome.Message ?? (outcome.Succeeded ? "Gemt." : "Ændringen er ikke gemt.");
            if (outcome.Succeeded && outcome.Value?.Entry is { } entry)
            {
                // After "klar" the form keeps anything typed and not yet saved.
                var keep = Dirty && _entry.StatusText == entry.StatusText;
                Take(entry, outcome.Value?.Item ?? _item, keepForm: keep);
                await Changed.InvokeAsync();
            }

            return outcome;
        }
        finally
        {
            _busy = false;
        }
    }
}
