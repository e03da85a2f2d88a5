using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;
using Udmoentning.Web.Access;
using Udmoentning.Web.Changes;
using Udmoentning.Web.Realtime;

namespace Udmoentning.Web.Ledger;

public sealed partial class ItemAccounts
{
    /// <summary>One line of the form as typed: the amount stays text until it is read by the one Danish grammar.</summary>
    private sealed class Row
    {
        public string? Account { get; set; }
        public int Year { get; set; }
        public string? Amount { get; set; }
    }

    private ItemAccountsView? _view;
    private List<Row> _rows = [];
    private Dictionary<string, string> _errors = [];
    private string? _message;
    private string? _changedMeanwhile;
    private bool _busy;

    [Inject] private PlanItemService Items { get; set; } = null!;
    [Inject] private AccountLineReader Reader { get; set; } = null!;
    [Inject] private AccountStringLayout Layout { get; set; } = null!;
    [Inject] private LivePlan Live { get; set; } = null!;
    [Inject] private ILogger<ItemAccounts> Logger { get; set; } = null!;

    [Parameter, EditorRequired] public required int ItemId { get; set; }
    [Parameter, EditorRequired] public required int PlanId { get; set; }
    [Parameter, EditorRequired] public required ClaimsPrincipal User { get; set; }

    /// <summary>How to write a line, after the layout's example: the parts that must be there and those that may, and the amount.</summary>
    private string Hint
    {
        get
        {
            var required = Layout.Parts.Where(p => p.Required).Select(p => p.Name.ToLowerInvariant()).ToList();
            var optional = Layout.Parts.Where(p => !p.Required).Select(p => p.Name.ToLowerInvariant()).ToList();
            var parts = optional.Count == 0 ? Join(required) : $"{Join(required)}, og hvis I bruger dem, {Join(optional)}";
            return $"{parts}. Beløbet skrives i 1.000 kr., med minus for en besparelse.";
        }
    }

    private static string Join(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} og {names[^1]}";

    private IEnumerable<int> Years => _view is null ? [] : Enumerable.Range(_view.FirstYear, Math.Max(0, _view.LastYear - _view.FirstYear + 1));

    protected override async Task OnInitializedAsync()
    {
        Live.Attach(InvokeAsync, DispatchExceptionAsync, new LiveHandlers
        {
            // The user's own save is read again where it is made.
            Changes = changes => changes.FirstOrDefault(c => c.Item.Id == ItemId && c.Kind == ChangeKind.Accounts && c.ChangedBy != User.Name()) is { } change
                ? OnChangedAsync(change.ChangedBy)
                : Task.CompletedTask,
            Resync = () => OnChangedAsync(null),
            Render = StateHasChanged,
        });
        if (RendererInfo.IsInteractive)
        {
            // Before the first read: a kontering saved meanwhile is then in the read or arrives after it.
            Live.Follow(PlanId);
        }

        await LoadAsync();
    }

    /// <summary>Someone saved the kontering: read it again, unless the user is changing it (their lines are kept; the save then says so).</summary>
    private async Task OnChangedAsync(string? changedBy)
    {
        if (IsEdited)
        {
            _changedMeanwhile = changedBy ?? "En anden";
            StateHasChanged();
            return;
        }

        await LoadAsync();
        if (changedBy is not null)
        {
            Live.Say($"Konteringen er ændret af {changedBy}.");
        }

        StateHasChanged();
    }

    private async Task LoadAsync()
    {
        var view = await Logger.ReadAsync(() => Reader.ItemAsync(User, ItemId));
        _view = view ?? ItemAccountsView.Nothing(StorageFailure.NotRead);
        _rows = [.. _view.Lines.Select(l => new Row { Account = l.Account, Year = l.Year, Amount = Amounts.Format(l.AmountThousands) })];
        _errors = [];
        _changedMeanwhile = null;
    }

    /// <summary>Whether the form differs from the kontering as read.</summary>
    private bool IsEdited =>
        _view is not null && (_rows.Count != _view.Lines.Count || _rows.Zip(_view.Lines).Any(p =>
            p.First.Account != p.Second.Account || p.First.Year != p.Second.Year || p.First.Amount != Amounts.Format(p.Second.AmountThousands)));

    private void Add()
    {
        // A new line starts in the first year with something still to place, the plan's first otherwise.
        var year = _view is null ? 0 : AccountLines.Gaps(_view.Effects, Lines(out _)).Select(g => g.Year).Where(y => Years.Contains(y)).DefaultIfEmpty(_view.FirstYear).First();
        _rows.Add(new Row { Year = year });
        _message = null;
    }

    private void Remove(int index)
    {
        _rows.RemoveAt(index);
        _errors = [];
        _message = null;
    }

    /// <summary>The form's lines as amounts; the amounts that are not amounts by the Danish grammar are in <paramref name="errors"/>.</summary>
    private List<AccountLine> Lines(out Dictionary<string, string> errors)
    {
        errors = [];
        var lines = new List<AccountLine>();
        for (var i = 0; i < _rows.Count; i++)
        {
            var reading = Amounts.Read(_rows[i].Amount);
            if (!reading.IsOk)
            {
                errors[AccountLines.Field(i, "Amount")] = reading.Error!;
            }

            lines.Add(new AccountLine(_rows[i].Account?.Trim() ?? string.Empty, _rows[i].Year, reading.Value));
        }

        return lines;
    }

    private async Task SaveAsync()
    {
        if (_view is null)
        {
            return;
        }

        _message = null;
        var lines = Lines(out var unreadable);
        // The service checks the same rules; here every mistake shows at once, before the amounts are sent.
        foreach (var error in AccountLines.Check(Layout, lines, _view.FirstYear, _view.LastYear).Where(e => !e.Field.EndsWith(".Amount", StringComparison.Ordinal) || !unreadable.ContainsKey(e.Field)))
        {
            unreadable.TryAdd(error.Field, error.Message);
        }

        if (unreadable.Count > 0)
        {
            _errors = unreadable;
            _message = "Konteringen er ikke gemt. Ret de markerede felter.";
            return;
        }

        _busy = true;
        try
        {
            var outcome = await Items.PlaceOnAccountsAsync(User, new AccountsRequest(ItemId, _view.Lines, lines));
            if (outcome.Succeeded)
            {
                await LoadAsync();
                Live.Say(outcome.Message ?? $"Konteringen er gemt. {_view.Description}.");
                return;
            }

            _errors = outcome.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.First().Message);
            _message = outcome.Message ?? "Konteringen er ikke gemt.";
            if (outcome.Status is ChangeStatus.Stale or ChangeStatus.NotFound or ChangeStatus.Forbidden)
            {
                var message = _message;
                await LoadAsync();
                _message = message;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose() => Live.Close();
}
