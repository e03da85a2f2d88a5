using Udmoentning.Benchmarks.Circuits;
using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Benchmarks.Scenarios;

/// <summary>One timed change: the item, its version, where it goes, and the text whose arrival in a viewer's render batch shows it.</summary>
public sealed record TimedMove(int ItemId, Guid Version, string To, int? BeforeItemId, string Shows);

/// <summary>
/// Which cards the latency scenarios move, from the board as every viewer renders it on opening.
/// <list type="bullet">
/// <item>On screen: cards 2–11 of the first lane's "Ikke påbegyndt" cell move to the top of "I gang" and back, each
/// placed above the first card of the cell it goes to (which never moves), so they stay among the cards every viewer has
/// rendered. A viewer's clock stops at the render batch carrying the moved card itself.</item>
/// <item>Off screen: cards no viewer has rendered (far down long cells) move to the bottom of the other cell, so a viewer
/// only updates counts; its clock stops at the batch with the change's announcement. Picked on the whole board only: on a
/// committee's view, a card that is not rendered may not be in the view at all.</item>
/// </list>
/// </summary>
public sealed class TimedMoves
{
    private readonly int _topOfNotStarted;
    private readonly int _topOfInProgress;

    private TimedMoves(BoardLayout layout, IReadOnlyList<int> offScreen)
    {
        var notStarted = layout.FirstLane(1);
        var inProgress = layout.FirstLane(2);
        _topOfNotStarted = notStarted.Rendered[0];
        _topOfInProgress = inProgress.Rendered[0];
        OnScreen = [.. notStarted.Rendered.Skip(1).Take(10)];
        OffScreen = offScreen;
    }

    /// <summary>Cards every viewer has rendered.</summary>
    public IReadOnlyList<int> OnScreen { get; }

    /// <summary>Cards no viewer has rendered.</summary>
    public IReadOnlyList<int> OffScreen { get; }

    /// <summary>Reads the board at <paramref name="page"/> as <paramref name="reader"/> sees it on opening, and picks off-screen cards that can move.</summary>
    public static Task<TimedMoves> ReadAsync(AppServer server, System.Net.CookieContainer reader, PlanMover mover, int itemCount, string page = "/", int offScreenWanted = 10) =>
        ReadAsync(server.BaseUri, reader, mover, itemCount, page, offScreenWanted);

    /// <summary>The same, for an app at <paramref name="baseUri"/> (one hosted in the harness's process).</summary>
    public static async Task<TimedMoves> ReadAsync(Uri baseUri, System.Net.CookieContainer reader, PlanMover mover, int itemCount, string page = "/", int offScreenWanted = 10)
    {
        var layout = await BoardLayout.ReadAsync(baseUri, reader, page);
        if (page != "/")
        {
            return new TimedMoves(layout, []);
        }

        if (layout.Cells.Any(c => c.Count <= c.Rendered.Count))
        {
            Console.WriteLine("  note: some cells render every card; an off-screen move into one of them is on screen.");
        }

        // The prerendered page shows short cells and the first lane's long cells; the live board also renders the first
        // cards of the lower lanes' long cells. So a card is off-screen when a live viewer's first render does not show it.
        var rendered = layout.Rendered;
        await using var viewer = await BlazorCircuitClient.ConnectAsync(baseUri, reader, CancellationToken.None);
        var firstRender = viewer.RecentBatches.Where(b => b.BatchId <= viewer.ReadyBatchId).ToList();
        var offScreen = new List<int>();
        for (var id = itemCount; id > 0 && offScreen.Count < offScreenWanted; id--)
        {
            if (rendered.Contains(id) || (await mover.CurrentAsync(id)).Status is not ("NotStarted" or "InProgress"))
            {
                continue;
            }

            var card = CardText(await mover.CurrentCodeAsync(id));
            if (!firstRender.Any(b => b.ContainsText(card)))
            {
                offScreen.Add(id);
            }
        }

        return new TimedMoves(layout, offScreen);
    }

    public async Task<TimedMove> OnScreenAsync(PlanMover mover, int itemId)
    {
        var (version, status) = await mover.CurrentAsync(itemId);
        var code = await mover.CurrentCodeAsync(itemId);
        return status == "InProgress"
            ? new TimedMove(itemId, version, "NotStarted", _topOfNotStarted, CardText(code))
            : new TimedMove(itemId, version, "InProgress", _topOfInProgress, CardText(code));
    }

    public async Task<TimedMove> OffScreenAsync(PlanMover mover, int itemId)
    {
        var (version, status) = await mover.CurrentAsync(itemId);
        var code = await mover.CurrentCodeAsync(itemId);
        return new TimedMove(itemId, version, status == "InProgress" ? "NotStarted" : "InProgress", null, $"{code} flyttet til ");
    }

    /// <summary>What only the card's own content contains (CardMarkup); the generated plan's codes need no encoding.</summary>
    private static string CardText(string code) => $"<span class=\"card-code\">{code}</span>";
}
