using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Udmoentning.Benchmarks.Circuits;
using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Benchmarks.Scenarios;

/// <summary>
/// N real board viewers, each as a browser has it: a headless Blazor circuit, and the board script's link to
/// <c>/hubs/board</c>, which brings the view's counts and announcements (ADR 0025); and waiting until each has a change.
/// </summary>
public sealed class Viewers : IAsyncDisposable
{
    private readonly BlazorCircuitClient[] _clients;
    private readonly Watch?[] _watches;
    private readonly Watch?[] _also;
    private readonly List<BoardViewLink> _links = [];

    private Viewers(BlazorCircuitClient[] clients)
    {
        _clients = clients;
        _watches = new Watch?[clients.Length];
        _also = new Watch?[clients.Length];
        for (var i = 0; i < clients.Length; i++)
        {
            var index = i;
            clients[i].BatchReceived = batch =>
            {
                _watches[index]?.Offer(batch);
                _also[index]?.Offer(batch);
            };
        }
    }

    /// <summary>
    /// Each viewer joins its board's view on <c>/hubs/board</c>, as the board's script does (ADR 0025): the view's message
    /// after a change carries what is announced of it, so a viewer has a change whose card it does not render (an
    /// off-screen change) when that message arrives.
    /// </summary>
    private async Task JoinViewsAsync(Uri baseUri, CookieContainer cookies)
    {
        for (var i = 0; i < _clients.Length; i++)
        {
            if (_clients[i].BoardView is not { } view)
            {
                continue;
            }

            var index = i;
            _links.Add(await BoardViewLink.ConnectAsync(baseUri, cookies, view, (message, at) =>
            {
                _watches[index]?.OfferMessage(message, at);
                _also[index]?.OfferMessage(message, at);
            }, CancellationToken.None));
        }
    }

    public int Count => _clients.Length;

    public TimeSpan ConnectTime { get; private init; }

    /// <summary>The size of the first viewer's first render batch: roughly what one viewer renders.</summary>
    public int FirstBatchBytes => _clients.Length > 0 ? _clients[0].FirstBatch.Size : 0;

    /// <summary>Opens <paramref name="count"/> viewers, <paramref name="together"/> at a time (as a meeting room opens laptops).</summary>
    public static async Task<Viewers> OpenAsync(Uri page, CookieContainer cookies, int count, int together = 25)
    {
        var started = Stopwatch.StartNew();
        var clients = await ConnectAsync(page, cookies, count, together);
        var viewers = new Viewers([.. clients]) { ConnectTime = started.Elapsed };
        await viewers.JoinViewsAsync(new Uri(page, "/"), cookies);

        return viewers;
    }

    /// <summary>
    /// Connects <paramref name="count"/> headless circuits to <paramref name="page"/>, <paramref name="together"/> at a time,
    /// each keeping only its last batch (a large board's first render is megabytes); within 10 minutes in all.
    /// </summary>
    public static async Task<List<BlazorCircuitClient>> ConnectAsync(Uri page, CookieContainer cookies, int count, int together = 25)
    {
        var clients = new List<BlazorCircuitClient>(count);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        while (clients.Count < count)
        {
            var group = Math.Min(together, count - clients.Count);
            clients.AddRange(await Task.WhenAll(Enumerable.Range(0, group)
                .Select(_ => BlazorCircuitClient.ConnectAsync(page, cookies, retainedBatches: 1, timeout.Token))));
        }

        return clients;
    }

    /// <summary>
    /// Starts watching every viewer for a render batch, newer than now, that contains <paramref name="text"/>;
    /// <see cref="Watch.Received"/> completes with its arrival time and how many batches came before it.
    /// </summary>
    public Watch[] Watch(string text)
    {
        var watches = _clients.Select(c => new Watch(text, c.LastBatchId)).ToArray();
        for (var i = 0; i < watches.Length; i++)
        {
            _watches[i] = watches[i];
        }

        return watches;
    }

    /// <summary>
    /// A second watch beside <see cref="Watch(string)"/>'s, which the timed changes go on using meanwhile: e.g. for a
    /// structure change's announcement while changes are timed.
    /// </summary>
    public Watch[] WatchAlso(string text)
    {
        var watches = _clients.Select(c => new Watch(text, c.LastBatchId)).ToArray();
        for (var i = 0; i < watches.Length; i++)
        {
            _also[i] = watches[i];
        }

        return watches;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var group in _links.Chunk(50))
        {
            await Task.WhenAll(group.Select(l => l.DisposeAsync().AsTask()));
        }

        foreach (var group in _clients.Chunk(50))
        {
            await Task.WhenAll(group.Select(c => c.DisposeAsync().AsTask()));
        }
    }
}

/// <summary>One viewer waiting for a text to be rendered.</summary>
public sealed class Watch(string text, long afterBatch)
{
    private readonly TaskCompletionSource<(long At, int Batches, int Bytes)> _received = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _batches;

    /// <summary>When the batch with the text arrived, how many batches came until then (it included), and its size.</summary>
    public Task<(long At, int Batches, int Bytes)> Received => _received.Task;

    private readonly byte[] _inJson = BoardViewLink.Encode(text);

    /// <summary>
    /// A message outside the render batches, the view's on <c>/hubs/board</c> (ADR 0025), as its JSON text: the text watched
    /// for is in it as JSON writes it (what it announces).
    /// </summary>
    public void OfferMessage(ReadOnlyMemory<byte> message, long at)
    {
        if (!_received.Task.IsCompleted && message.Span.IndexOf(_inJson) >= 0)
        {
            _received.TrySetResult((at, Interlocked.Increment(ref _batches), message.Length));
        }
    }

    public void Offer(RenderBatchInfo batch)
    {
        if (batch.BatchId <= afterBatch || _received.Task.IsCompleted)
        {
            return;
        }

        var count = Interlocked.Increment(ref _batches);
        if (batch.ContainsText(text))
        {
            _received.TrySetResult((batch.ReceivedAt, count, batch.Size));
        }
    }
}
