using Udmoentning.Domain.Items;
using Udmoentning.Domain.Ledger;
using Udmoentning.Domain.Plans;
using Udmoentning.Domain.Rules;
using Udmoentning.Web.Plans;

namespace Udmoentning.Web.Board;

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

/// <summary>A committee's own economy: its whole extract, whatever the filters show, and its sums per budget year.</summary>
public sealed record CommitteeEconomy(int Items, YearTotals Total, YearTotals Savings, YearTotals Expansions)
{
    public static CommitteeEconomy Of(Committee committee, IEnumerable<PlanItem> items, IReadOnlyList<int> years)
    {
        var extract = CommitteeExtract.For(committee, items).ToList();
        var (savings, expansions) = PlanTotals.SavingsAndExpansions(extract, years);
        return new CommitteeEconomy(extract.Count, PlanTotals.PerYear(extract, years), savings, expansions);
    }
}

/// <summary>
/// One viewer's board: which items are visible where. Changes are applied here and only the cells
/// they touch are told to render again, so one moved card does not re-render the whole board.
/// </summary>
public sealed class BoardState
{
    // Only the items changed since the snapshot: the rest are the snapshot's, shared by every viewer.
    private readonly Dictionary<int, PlanItem> _changed = [];
    private readonly Dictionary<CellKey, List<PlanItem>> _cells = [];
    private readonly Dictionary<int, int> _themePositions;
    private readonly Dictionary<int, DateTimeOffset> _changedAt = [];
    private readonly Dictionary<int, long> _totals = [];
    private readonly Dictionary<CellKey, (int First, int Count)> _windows = [];
    private FocusRequest? _focus;
    private CommitteeEconomy? _committeeEconomy;
    private static readonly IReadOnlyDictionary<int, IReadOnlyList<AccountLine>> NoLines = new Dictionary<int, IReadOnlyList<AccountLine>>();
    private IReadOnlyDictionary<int, IReadOnlyList<AccountLine>> _accountLines;

    /// <param name="accountLines">The plan's kontering by item id: read only when the filter asks for it (see <see cref="BoardFilter.UnplacedOnly"/>).</param>
    public BoardState(PlanSnapshot snapshot, BoardFilter filter, Committee? committee, IReadOnlyDictionary<int, IReadOnlyList<AccountLine>>? accountLines = null)
    {
        Snapshot = snapshot;
        _accountLines = accountLines ?? NoLines;
        Filter = filter;
        Committee = committee;
        _themePositions = snapshot.Themes.ToDictionary(t => t.Id, t => t.Position);
        foreach (var theme in snapshot.Themes)
        {
            foreach (var status in Enum.GetValues<ItemStatus>())
            {
                _cells[new CellKey(theme.Id, status)] = [];
            }
        }

        Years = [.. snapshot.Plan.BudgetYears];
        foreach (var item in snapshot.Items.Where(IsVisible).OrderBy(i => i.Position).ThenBy(i => i.Id))
        {
            _cells[new CellKey(item.ThemeId, item.Status)].Add(item);
            AddToTotals(item, 1);
        }
    }

    /// <summary>A cell with more cards than this is long: it scrolls on its own and renders only the cards in view.</summary>
    public const int LongCellFrom = 12;

    /// <summary>
    /// The cards a long cell renders until the browser has said what is in view (and when prerendering): the cards its
    /// height shows at the default text size (36rem, 5.6 cards), no more, since every card here is rendered twice on
    /// opening the board (prerendered, then again by the circuit).
    /// </summary>
    public const int InitialWindow = 6;

    /// <summary>Cards rendered beyond the view of a long cell on either side, so scrolling a little shows cards at once.</summary>
    public const int Overscan = 4;

    /// <summary>The most cards a browser may ask one cell to show: a bound on each viewer's memory, whatever it reports.</summary>
    public const int MaxWindow = 40;

    public PlanSnapshot Snapshot { get; }
    public BoardFilter Filter { get; }
    public Committee? Committee { get; }
    public IReadOnlyList<int> Years { get; }

    /// <summary>Raised after changes are applied, with the cells they touched.</summary>
    public event Action<IReadOnlySet<CellKey>>? Changed;

    /// <summary>
    /// Puts focus on a card of the board by having its cell render it, scrolled into the cell's window if need be;
    /// a card the filters hide is left alone.
    /// </summary>
    public void RequestFocus(int itemId)
    {
        var item = Item(itemId);
        var key = item is null ? default : new CellKey(item.ThemeId, item.Status);
        if (item is null || !_cells.TryGetValue(key, out var cell) || cell.IndexOf(item) is var index && index < 0)
        {
            return;
        }

        var (start, end) = Window(key);
        if (index < start || index >= end)
        {
            var count = _windows.TryGetValue(key, out var window) ? window.Count : InitialWindow;
            _windows[key] = (Math.Max(0, index - 1), count);
        }

        _focus = new FocusRequest(itemId);
        Changed?.Invoke(new HashSet<CellKey> { key });
    }

    /// <summary>The focus request for a card of this cell that no card has taken yet, if any.</summary>
    public FocusRequest? FocusIn(CellKey key) =>
        _focus is { IsTaken: false } focus && Item(focus.ItemId) is { } item && new CellKey(item.ThemeId, item.Status) == key ? focus : null;

    /// <summary>
    /// The cards of <paramref name="key"/> to render, as indexes [Start, End): every card of a short cell; of a long one,
    /// those in view with <see cref="Overscan"/> around them.
    /// </summary>
    public (int Start, int End) Window(CellKey key)
    {
        var count = Cell(key).Count;
        if (count <= LongCellFrom)
        {
            return (0, count);
        }

        if (!_windows.TryGetValue(key, out var window))
        {
            return (0, InitialWindow);
        }

        var start = Math.Clamp(window.First - Overscan, 0, count - 1);
        return (start, Math.Min(count, window.First + window.Count + Overscan));
    }

    /// <summary>
    /// The viewer scrolled a long cell: <paramref name="count"/> cards from index <paramref name="first"/> are in view.
    /// Renders the cell again only when its window changed; an unknown cell or nonsense numbers change nothing.
    /// </summary>
    public void SetWindow(CellKey key, int first, int count)
    {
        if (!_cells.TryGetValue(key, out var cell) || cell.Count <= LongCellFrom || first < 0 || count < 1)
        {
            return;
        }

        var window = (Math.Min(first, cell.Count - 1), Math.Min(count, MaxWindow));
        if (_windows.TryGetValue(key, out var old) && old == window)
        {
            return;
        }

        _windows[key] = window;
        Changed?.Invoke(new HashSet<CellKey> { key });
    }

    public IReadOnlyList<PlanItem> Cell(CellKey key) => _cells.TryGetValue(key, out var items) ? items : [];

    // The counts are summed over the board's few dozen cells without LINQ: every viewer sums them again for every change.
    public int VisibleCount => Count(static (_, _) => true, 0);

    public int CountInLane(int themeId) => Count(static (key, id) => key.ThemeId == id, themeId);

    public int CountInColumn(ItemStatus status) => Count(static (key, s) => key.Status == s, status);

    private int Count<T>(Func<CellKey, T, bool> counts, T argument)
    {
        var total = 0;
        foreach (var (key, items) in _cells)
        {
            if (counts(key, argument))
            {
                total += items.Count;
            }
        }

        return total;
    }

    /// <summary>The economy of what is visible, per budget year; kept up to date as changes arrive rather than summed per render.</summary>
    public long TotalIn(int year) => _totals.GetValueOrDefault(year);

    /// <summary>
    /// The committee's own economy on a committee's board (null on the whole board). It is summed again only after a change
    /// to an item's amounts or to the committees it concerns: a move changes neither, and summing the whole extract for
    /// every change cost each viewer of a committee's board about 1 ms (docs/benchmarks.md).
    /// </summary>
    public CommitteeEconomy? CommitteeEconomy => Committee is null ? null : _committeeEconomy ??= CommitteeEconomy.Of(Committee, AllItems, Years);

    public PlanItem? Item(int id) => _changed.TryGetValue(id, out var changed) ? changed : Snapshot.Item(id);

    /// <summary>
    /// Every item of the plan as this viewer knows it, visible or not. Until a change arrives that is the shared copy's own
    /// list: a board rebuilt from it (a second load, a filter) keeps sharing the list and its lookup by id with the other
    /// viewers, where a copy cost each viewer its own list and a lookup of 2,000 items built on its next change (issue 37).
    /// </summary>
    public IReadOnlyList<PlanItem> AllItems => _changed.Count == 0
        ? Snapshot.Items
        : [.. Snapshot.Items.Select(i => _changed.GetValueOrDefault(i.Id, i)), .. _changed.Values.Where(i => Snapshot.Item(i.Id) is null)];

    public bool ChangedRecently(int itemId, DateTimeOffset now) =>
        _changedAt.TryGetValue(itemId, out var at) && now - at < TimeSpan.FromSeconds(6);

    /// <summary>
    /// Whether the last <see cref="Apply"/> changed a card this viewer renders: one in a touched cell's window before or
    /// after it (a card moved, shown, hidden, or the window's cards shifted), or the committee's economy. False when it
    /// changed only counts, totals and the spacers below a long cell's window: what an off-screen change changes, which
    /// the page takes from the board's view (ADR 0025) without a render.
    /// </summary>
    public bool ChangedCardsInView { get; private set; }

    /// <summary>The items the last <see cref="Apply"/> applied that this view showed before it or shows after it.</summary>
    public IReadOnlySet<int> AppliedInView { get; private set; } = new HashSet<int>();

    /// <summary>The ids of the cards a cell renders now, and where its window starts: what a change must leave alone to be off screen.</summary>
    private (int Start, int[] Ids, bool IsLong) InView(CellKey key)
    {
        var cell = Cell(key);
        var (start, end) = Window(key);
        var ids = new int[end - start];
        for (var i = start; i < end; i++)
        {
            ids[i - start] = cell[i].Id;
        }

        return (start, ids, cell.Count > LongCellFrom);
    }

    /// <summary>Whether the cards <paramref name="key"/> renders differ from <paramref name="before"/>, or show one of <paramref name="applied"/>.</summary>
    private bool ChangedInView(CellKey key, (int Start, int[] Ids, bool IsLong) before, List<PlanItem> applied)
    {
        var after = InView(key);
        return after.Start != before.Start || after.IsLong != before.IsLong || !after.Ids.AsSpan().SequenceEqual(before.Ids)
            || applied.Exists(i => Array.IndexOf(after.Ids, i.Id) >= 0);
    }

    /// <summary>
    /// Takes newer copies of items (by revision) and returns those actually applied;
    /// an older or equal copy, e.g. the echo of this viewer's own save, is ignored.
    /// </summary>
    public IReadOnlyList<PlanItem> Apply(IEnumerable<PlanItem> updates, DateTimeOffset now)
    {
        var touched = new HashSet<CellKey>();
        var applied = new List<PlanItem>();
        var inView = new HashSet<int>();
        var before = new Dictionary<CellKey, (int Start, int[] Ids, bool IsLong)>();
        var economy = _committeeEconomy;
        foreach (var update in updates)
        {
            var old = Item(update.Id);
            if (old is not null && old.Revision >= update.Revision)
            {
                continue;
            }

            Remember(new CellKey(update.ThemeId, update.Status));
            if (old is not null)
            {
                Remember(new CellKey(old.ThemeId, old.Status));
            }

            if (old is not null && _cells.TryGetValue(new CellKey(old.ThemeId, old.Status), out var oldCell) && oldCell.Remove(old))
            {
                touched.Add(new CellKey(old.ThemeId, old.Status));
                AddToTotals(old, -1);
                inView.Add(update.Id);
            }

            // Only a committee's board keeps its economy; every viewer applies every change, so the whole board skips the check.
            if (Committee is not null && (old is null || !SameEconomy(old, update)))
            {
                _committeeEconomy = null;
            }

            _changed[update.Id] = update;
            _changedAt[update.Id] = now;
            applied.Add(update);
            var key = new CellKey(update.ThemeId, update.Status);
            if (IsVisible(update) && _cells.TryGetValue(key, out var cell))
            {
                InsertInOrder(cell, update);
                touched.Add(key);
                AddToTotals(update, 1);
                inView.Add(update.Id);
            }
        }

        AppliedInView = inView;
        ChangedCardsInView = (economy is not null && _committeeEconomy is null) || before.Any(b => ChangedInView(b.Key, b.Value, applied));
        if (touched.Count > 0)
        {
            Changed?.Invoke(touched);
        }

        return applied;

        // The cards a touched cell renders, as they were before the first update to it.
        void Remember(CellKey touchedCell)
        {
            if (_cells.ContainsKey(touchedCell) && !before.ContainsKey(touchedCell))
            {
                before[touchedCell] = InView(touchedCell);
            }
        }
    }

    /// <summary>
    /// The plan's kontering as read again: the items whose lines changed are shown or hidden anew, whether or not a newer copy
    /// of them arrives (the echo of this viewer's own save may be ignored as already applied). Returns whether a cell changed.
    /// </summary>
    public bool PlaceOnAccounts(IReadOnlyDictionary<int, IReadOnlyList<AccountLine>> lines)
    {
        var old = _accountLines;
        _accountLines = lines;
        var touched = new HashSet<CellKey>();
        foreach (var id in old.Keys.Union(lines.Keys))
        {
            if (!old.GetValueOrDefault(id, []).SequenceEqual(lines.GetValueOrDefault(id, [])) && Item(id) is { } item)
            {
                ShowOrHide(item, touched);
            }
        }

        if (touched.Count > 0)
        {
            Changed?.Invoke(touched);
        }

        return touched.Count > 0;
    }

    /// <summary>Puts the item in its cell or takes it out as the filter now decides; a cell it entered or left is touched.</summary>
    private void ShowOrHide(PlanItem item, HashSet<CellKey> touched)
    {
        var key = new CellKey(item.ThemeId, item.Status);
        if (!_cells.TryGetValue(key, out var cell))
        {
            return;
        }

        var at = cell.FindIndex(i => i.Id == item.Id);
        var visible = IsVisible(item);
        if (visible && at < 0)
        {
            InsertInOrder(cell, item);
            AddToTotals(item, 1);
            touched.Add(key);
        }
        else if (!visible && at >= 0)
        {
            cell.RemoveAt(at);
            AddToTotals(item, -1);
            touched.Add(key);
        }
    }

    /// <summary>Puts the item where the board's order has it in its cell (<see cref="BoardOrder.IsBefore"/>).</summary>
    private static void InsertInOrder(List<PlanItem> cell, PlanItem item)
    {
        var index = cell.FindIndex(i => BoardOrder.IsBefore(item.Position, item.Id, i.Position, i.Id));
        cell.Insert(index < 0 ? cell.Count : index, item);
    }

    private void AddToTotals(PlanItem item, int sign)
    {
        foreach (var effect in item.Effects)
        {
            _totals[effect.Year] = _totals.GetValueOrDefault(effect.Year) + (sign * (long)effect.AmountThousands);
        }
    }

    /// <summary>Whether two copies of an item count the same in a committee's economy: the same committees, the same amounts.</summary>
    private bool SameEconomy(PlanItem old, PlanItem update) =>
        old.CommitteeId == update.CommitteeId && old.TreatmentCommitteeId == update.TreatmentCommitteeId
        && old.ConcernsAllCommittees == update.ConcernsAllCommittees && Years.All(year => old.EffectIn(year) == update.EffectIn(year));

    public bool IsVisible(PlanItem item) =>
        (Committee is null || CommitteeExtract.Includes(Committee, item))
        && Filter.Matches(item, _themePositions.GetValueOrDefault(item.ThemeId), _accountLines);
}
