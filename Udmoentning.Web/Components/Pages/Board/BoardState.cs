using Udmoentning.Domain.Items;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Planning;

namespace Udmoentning.Web.Components.Pages.Board;

/// <summary>A cell of the board: one theme's lane, one status column.</summary>
public readonly record struct CellKey(int ThemeId, ItemStatus Status);

/// <summary>
/// A request that a card take the focus when it next renders. It is taken once, so a card that renders
/// again later (another user's change, a lane folded and opened) does not pull the focus back.
/// </summary>
public sealed class FocusRequest(int itemId)
{
    public int ItemId { get; } = itemId;

    public bool IsTaken { get; private set; }

    /// <summary>True the first time only.</summary>
    public bool TryTake()
    {
        var first = !IsTaken;
        IsTaken = true;
        return first;
    }
}

/// <summary>
/// One viewer's board: which items are visible where. Changes are applied here and only the cells
/// they touch are told to render again, so one moved card does not re-render the whole board.
/// </summary>
public sealed class BoardState
{
    private readonly Dictionary<int, PlanItem> _items;
    private readonly Dictionary<CellKey, List<PlanItem>> _cells = [];
    private readonly Dictionary<int, int> _themePositions;
    private readonly Dictionary<int, DateTimeOffset> _changedAt = [];
    private readonly Dictionary<int, long> _totals = [];
    private FocusRequest? _focus;

    public BoardState(PlanSnapshot snapshot, BoardFilter filter, Committee? committee)
    {
        Snapshot = snapshot;
        Filter = filter;
        Committee = committee;
        _themePositions = snapshot.Themes.ToDictionary(t => t.Id, t => t.Position);
        _items = snapshot.Items.ToDictionary(i => i.Id);
        foreach (var theme in snapshot.Themes)
        {
            foreach (var status in Enum.GetValues<ItemStatus>())
            {
                _cells[new CellKey(theme.Id, status)] = [];
            }
        }

        Years = [.. snapshot.Plan.BudgetYears];
        var visible = snapshot.Items.Count(IsVisible);
        CardsPerCell = visible <= ShowEveryCardUpTo ? int.MaxValue : CardsPerCellOnLargeBoards;
        foreach (var item in snapshot.Items.Where(IsVisible).OrderBy(i => i.Position).ThenBy(i => i.Id))
        {
            _cells[new CellKey(item.ThemeId, item.Status)].Add(item);
            AddToTotals(item, 1);
        }
    }

    /// <summary>A board this size shows every card; a viewer's server memory grows with each rendered card (~4 KB).</summary>
    public const int ShowEveryCardUpTo = 200;

    /// <summary>On larger boards each cell shows this many cards and the rest on request (measured: docs/benchmarks.md).</summary>
    public const int CardsPerCellOnLargeBoards = 5;

    public PlanSnapshot Snapshot { get; }

    /// <summary>How many cards a cell shows before "Vis alle"; fixed when the board is built, so it does not jump as items move.</summary>
    public int CardsPerCell { get; }
    public BoardFilter Filter { get; }
    public Committee? Committee { get; }
    public IReadOnlyList<int> Years { get; }

    /// <summary>Raised after changes are applied, with the cells they touched.</summary>
    public event Action<IReadOnlySet<CellKey>>? Changed;

    /// <summary>Puts focus on a visible card by having its cell render it; a hidden card is left alone.</summary>
    public void RequestFocus(int itemId)
    {
        var item = _items.GetValueOrDefault(itemId);
        var key = item is null ? default : new CellKey(item.ThemeId, item.Status);
        if (item is null || !_cells.TryGetValue(key, out var cell) || !cell.Contains(item))
        {
            return;
        }

        _focus = new FocusRequest(itemId);
        Changed?.Invoke(new HashSet<CellKey> { key });
    }

    /// <summary>The focus request for this card that no card has taken yet, if any.</summary>
    public FocusRequest? FocusFor(int itemId) => _focus is { IsTaken: false } focus && focus.ItemId == itemId ? focus : null;

    /// <summary>The card being dragged.</summary>
    public PlanItem? Dragged { get; set; }

    public IReadOnlyList<PlanItem> Cell(CellKey key) => _cells.TryGetValue(key, out var items) ? items : [];

    public int VisibleCount => _cells.Values.Sum(c => c.Count);

    public int CountInLane(int themeId) => _cells.Where(c => c.Key.ThemeId == themeId).Sum(c => c.Value.Count);

    public int CountInColumn(ItemStatus status) => _cells.Where(c => c.Key.Status == status).Sum(c => c.Value.Count);

    /// <summary>The economy of what is visible, per budget year; kept up to date as changes arrive rather than summed per render.</summary>
    public long TotalIn(int year) => _totals.GetValueOrDefault(year);

    public PlanItem? Item(int id) => _items.GetValueOrDefault(id);

    /// <summary>Every item of the plan as this viewer knows it, visible or not.</summary>
    public IReadOnlyList<PlanItem> AllItems => [.. _items.Values];

    public bool ChangedRecently(int itemId, DateTimeOffset now) =>
        _changedAt.TryGetValue(itemId, out var at) && now - at < TimeSpan.FromSeconds(6);

    /// <summary>
    /// Takes newer copies of items (by revision) and returns those actually applied;
    /// an older or equal copy, e.g. the echo of this viewer's own save, is ignored.
    /// </summary>
    public IReadOnlyList<PlanItem> Apply(IEnumerable<PlanItem> updates, DateTimeOffset now)
    {
        var touched = new HashSet<CellKey>();
        var applied = new List<PlanItem>();
        foreach (var update in updates)
        {
            var old = _items.GetValueOrDefault(update.Id);
            if (old is not null && old.Revision >= update.Revision)
            {
                continue;
            }

            if (old is not null && _cells.TryGetValue(new CellKey(old.ThemeId, old.Status), out var oldCell) && oldCell.Remove(old))
            {
                touched.Add(new CellKey(old.ThemeId, old.Status));
                AddToTotals(old, -1);
            }

            _items[update.Id] = update;
            _changedAt[update.Id] = now;
            applied.Add(update);
            var key = new CellKey(update.ThemeId, update.Status);
            if (IsVisible(update) && _cells.TryGetValue(key, out var cell))
            {
                var index = cell.FindIndex(i => BoardOrder.IsBefore(update.Position, update.Id, i.Position, i.Id));
                cell.Insert(index < 0 ? cell.Count : index, update);
                touched.Add(key);
                AddToTotals(update, 1);
            }
        }

        if (touched.Count > 0)
        {
            Changed?.Invoke(touched);
        }

        return applied;
    }

    private void AddToTotals(PlanItem item, int sign)
    {
        foreach (var effect in item.Effects)
        {
            _totals[effect.Year] = _totals.GetValueOrDefault(effect.Year) + (sign * (long)effect.AmountThousands);
        }
    }

    public bool IsVisible(PlanItem item) =>
        (Committee is null || CommitteeExtract.Includes(Committee, item))
        && Filter.Matches(item, _themePositions.GetValueOrDefault(item.ThemeId));
}
