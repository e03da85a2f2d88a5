using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Udmoentning.Benchmarks.Circuits;

/// <summary>What <see cref="BlazorCircuitClient.ReconnectAsync"/> came to, as blazor.web.js (.NET 10) would.</summary>
public enum ReconnectOutcome
{
    /// <summary>The server still had the circuit (<c>ConnectCircuit</c>): it sent the batches the client had not acknowledged.</summary>
    Resumed,

    /// <summary>
    /// The circuit was gone, but the server had persisted it when it evicted it (.NET 10, <c>ResumeCircuit</c>): a new circuit
    /// renders the page's root components afresh, without reloading the page.
    /// </summary>
    Restored,

    /// <summary>Neither: the page was loaded again and a new circuit started (blazor.web.js reloads the page).</summary>
    Reloaded,
}

/// <summary>
/// A headless Blazor Server viewer: one real circuit on <c>/_blazor</c>, as blazor.web.js (.NET 10) opens it.
/// It acknowledges every render batch and answers every JS interop call, so the circuit lives as a browser's would,
/// and records when each render batch arrives. It can lose its connection as a sleeping laptop does and reconnect as
/// blazor.web.js does (<see cref="DropAsync"/>, <see cref="ReconnectAsync"/>). Blazor's hub protocol is internal: keep
/// the smoke test of this client.
/// </summary>
public sealed class BlazorCircuitClient : IAsyncDisposable
{
    private readonly int _retainedBatches;
    private readonly Uri _pageUri;
    private readonly CookieContainer _cookies;
    private readonly JsInteropResponder _js = new();
    private readonly Lock _lock = new();
    private readonly Queue<RenderBatchInfo> _recent = new();
    private readonly List<(Func<RenderBatchInfo, bool> Matches, TaskCompletionSource<RenderBatchInfo> Done)> _waiters = [];
    private HubConnection? _connection;
    private ClientWebSocket? _socket;
    private BlazorPage _page;
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _expectingClose;
    private Exception? _failure;
    private int _operationBatchId;
    private long? _nextBatchId;
    private long? _firstBatchAfter;
    private RenderBatchInfo? _firstBatch;
    private long _lastBatchId;
    private int _renderBatchCount;
    private int _duplicateBatches;

    private BlazorCircuitClient(Uri pageUri, BlazorPage page, CookieContainer cookies, int retainedBatches)
    {
        _pageUri = pageUri;
        _page = page;
        _retainedBatches = retainedBatches;
        _cookies = cookies;
    }

    /// <summary>The circuit's id (its reconnection secret), as <c>StartCircuit</c> (or <c>ResumeCircuit</c>) returned it.</summary>
    public string? CircuitId { get; private set; }

    /// <summary>The view the page's board shows, as its script joins it on <c>/hubs/board</c>; null on a page without a board.</summary>
    public string? BoardView => _page.BoardView;

    public int RenderBatchCount => Volatile.Read(ref _renderBatchCount);

    /// <summary>The last batch id on the current circuit (a restored or reloaded page's new circuit counts from the start again).</summary>
    public long LastBatchId => Interlocked.Read(ref _lastBatchId);

    /// <summary>Batches the server sent again that had been applied already (after a resume): acknowledged, not offered again.</summary>
    public int DuplicateBatches => Volatile.Read(ref _duplicateBatches);

    /// <summary>The first batch after the root components were added (with two roots, it may hold only one of them).</summary>
    public RenderBatchInfo FirstBatch => _firstBatch ?? throw new InvalidOperationException("The page has not rendered yet.");

    /// <summary>
    /// When the page was ready (<see cref="Stopwatch.GetTimestamp"/>): the server's <c>JS.EndUpdateRootComponents</c>, sent once
    /// every added root component has rendered and finished its async start-up (the board has loaded and rendered).
    /// </summary>
    public long ReadyAt { get; private set; }

    /// <summary>The last batch of the initial render; later batches are live updates.</summary>
    public long ReadyBatchId { get; private set; }

    /// <summary>The last batches received, oldest first (how many: the <c>retainedBatches</c> given on connecting).</summary>
    public IReadOnlyList<RenderBatchInfo> RecentBatches
    {
        get
        {
            lock (_lock)
            {
                return [.. _recent];
            }
        }
    }

    /// <summary>Called on SignalR's receive loop for every batch applied, before it is acknowledged: keep it short.</summary>
    public Action<RenderBatchInfo>? BatchReceived { get; set; }

    /// <summary>The JS interop identifiers the server has called, in order.</summary>
    public IReadOnlyCollection<string> JsCalls => _js.Calls;

    /// <summary>
    /// Loads the page with <paramref name="cookies"/> (a signed-in user's), opens a circuit for its interactive server
    /// components and returns once they have rendered (<see cref="ReadyAt"/>).
    /// </summary>
    public static Task<BlazorCircuitClient> ConnectAsync(Uri pageUri, CookieContainer cookies, CancellationToken cancellationToken) =>
        ConnectAsync(pageUri, cookies, retainedBatches: 16, cancellationToken);

    /// <param name="retainedBatches">How many recent batches to keep for <see cref="WaitForBatchAsync"/> to look back on;
    /// fewer saves memory with many viewers of a large board, whose first render is megabytes.</param>
    public static async Task<BlazorCircuitClient> ConnectAsync(Uri pageUri, CookieContainer cookies, int retainedBatches, CancellationToken cancellationToken)
    {
        var page = await LoadPageAsync(pageUri, cookies, cancellationToken);
        var client = new BlazorCircuitClient(pageUri, page, cookies, retainedBatches);
        try
        {
            await client.StartCircuitAsync(page, cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Loses the connection as a laptop whose lid closes does: the socket is cut, with no WebSocket close, no SignalR close
    /// message and no <c>_blazor/disconnect</c>, so the server keeps the circuit as disconnected (within its limits).
    /// </summary>
    public async Task DropAsync()
    {
        _expectingClose = true;
        _socket?.Abort();
        if (_connection is { } connection)
        {
            await connection.DisposeAsync();
        }
    }

    /// <summary>
    /// Reconnects as blazor.web.js (.NET 10) does after the connection was lost: a new connection to <c>_blazor</c> with the
    /// same cookies and <c>ConnectCircuit</c> with the circuit's id; if the server still has the circuit it sends the batches
    /// not acknowledged yet and those rendered meanwhile, acknowledged here as before. If it refuses, <c>ResumeCircuit</c> on the
    /// same connection (a circuit the server persisted when it evicted it comes back as a new circuit); if that is refused too,
    /// the page is loaded again and a new circuit started. Returns once the viewer is connected again; with a new circuit,
    /// once its page has rendered. Throws when the server cannot be reached (blazor.web.js retries then).
    /// </summary>
    public async Task<ReconnectOutcome> ReconnectAsync(CancellationToken cancellationToken)
    {
        _expectingClose = true;
        if (_connection is { } old)
        {
            await old.DisposeAsync();
        }

        var connection = Open();
        await connection.StartAsync(cancellationToken);
        if (await connection.InvokeAsync<bool>("ConnectCircuit", CircuitId, cancellationToken))
        {
            Connected();
            return ReconnectOutcome.Resumed;
        }

        // blazor.web.js: Blazor.reconnect() was refused, so Blazor.resumeCircuit() with no state of its own ("[]", "").
        string? restored = null;
        try
        {
            restored = await connection.InvokeAsync<string?>("ResumeCircuit", CircuitId, _page.BaseUri.ToString(), _pageUri.ToString(), "[]", "", cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Nothing persisted for it here: the server answers JS.Error and closes the connection.
        }

        if (restored is not null)
        {
            CircuitId = restored;
            NewCircuit();
            Connected();
            // WebRootComponentManager.onComponentReload: the page's components are added again; the server renders them from
            // the descriptors it persisted.
            await AddRootComponentsAsync(string.Empty, cancellationToken);
            return ReconnectOutcome.Restored;
        }

        // The reconnect modal's "rejected" state: location.reload().
        await connection.DisposeAsync();
        await StartCircuitAsync(await LoadPageAsync(_pageUri, _cookies, cancellationToken), cancellationToken);
        return ReconnectOutcome.Reloaded;
    }

    /// <summary>
    /// The first batch, among the last few received and those still to come, that <paramref name="matches"/> accepts.
    /// To wait for a change, accept only batches after <see cref="LastBatchId"/> read before making it.
    /// </summary>
    public async Task<RenderBatchInfo> WaitForBatchAsync(Func<RenderBatchInfo, bool> matches, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var done = new TaskCompletionSource<RenderBatchInfo>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (_recent.FirstOrDefault(matches) is { } seen)
            {
                return seen;
            }

            if (_failure is not null)
            {
                throw new InvalidOperationException("The circuit is no longer running.", _failure);
            }

            _waiters.Add((matches, done));
        }

        try
        {
            return await done.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No matching render batch within {timeout.TotalMilliseconds:0} ms ({RenderBatchCount} batches received, the last {LastBatchId}).");
        }
        finally
        {
            lock (_lock)
            {
                _waiters.RemoveAll(w => w.Done == done);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _expectingClose = true;
        if (_connection is { } connection)
        {
            await connection.DisposeAsync();
        }

        if (CircuitId is null)
        {
            return;
        }

        // As blazor.web.js does on leaving the page: without this the server keeps the circuit as "disconnected" for minutes.
        try
        {
            using var handler = new SocketsHttpHandler { CookieContainer = _cookies, AllowAutoRedirect = false };
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["circuitId"] = CircuitId });
            using var response = await http.PostAsync(new Uri(_page.BaseUri, "_blazor/disconnect"), form);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // The server is gone or busy: it drops the circuit itself after its retention period.
        }
    }

    private static async Task<BlazorPage> LoadPageAsync(Uri pageUri, CookieContainer cookies, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var http = new HttpClient(handler);
        using var response = await http.GetAsync(pageUri, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {pageUri} answered {(int)response.StatusCode} {response.Headers.Location}: is the user signed in?");
        }

        return BlazorPage.Parse(pageUri, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>A new connection to <c>_blazor</c>, made the current one, with the handlers blazor.web.js has (CircuitManager.startConnection).</summary>
    private HubConnection Open()
    {
        var builder = new HubConnectionBuilder().WithUrl(new Uri(_page.BaseUri, "_blazor"), options =>
        {
            options.Cookies = _cookies;
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
            // The socket is made here so that DropAsync can cut it as a lost network does.
            options.WebSocketFactory = async (context, cancellationToken) =>
            {
                var socket = new ClientWebSocket();
                socket.Options.Cookies = _cookies;
                await socket.ConnectAsync(context.Uri, cancellationToken);
                _socket = socket;
                return socket;
            };
        });
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        var connection = builder.Build();

        // The messages blazor.web.js handles, with the argument types the server sends; each answered on its own connection.
        connection.On<long, byte[]>("JS.RenderBatch", (batchId, data) => OnRenderBatchAsync(connection, batchId, data));
        connection.On<long, string, string?, int, long, int>("JS.BeginInvokeJS",
            (asyncHandle, identifier, argsJson, resultType, _, _) => OnBeginInvokeJSAsync(connection, asyncHandle, identifier, argsJson, resultType));
        connection.On<string?, bool, string?>("JS.EndInvokeDotNet", (_, _, _) => { });
        connection.On<int, string?>("JS.AttachComponent", (_, _) => { });
        connection.On<long>("JS.EndUpdateRootComponents", OnEndUpdateRootComponents);
        connection.On<string?>("JS.Error", error => Lost(connection, new InvalidOperationException($"The circuit failed: {error}")));
        connection.Closed += error =>
        {
            Lost(connection, new InvalidOperationException("The circuit's connection closed.", error));
            return Task.CompletedTask;
        };
        _connection = connection;
        return connection;
    }

    /// <summary>A page loaded (first, or again): a new connection and circuit, its root components added.</summary>
    private async Task StartCircuitAsync(BlazorPage page, CancellationToken cancellationToken)
    {
        _page = page;
        var connection = Open();
        await connection.StartAsync(cancellationToken);

        // blazor.web.js starts the circuit with no components ("[]") and then adds the page's markers.
        CircuitId = await connection.InvokeAsync<string?>("StartCircuit", page.BaseUri.ToString(), _pageUri.ToString(), "[]", page.ApplicationState, cancellationToken)
            ?? throw new InvalidOperationException("The server refused to start the circuit.");
        NewCircuit();
        Connected();
        await AddRootComponentsAsync(page.ApplicationState, cancellationToken);
    }

    /// <summary>Sends <c>UpdateRootComponents</c> adding the page's markers, and waits until they have rendered.</summary>
    private async Task AddRootComponentsAsync(string applicationState, CancellationToken cancellationToken)
    {
        var operationBatchId = Interlocked.Increment(ref _operationBatchId);
        lock (_lock)
        {
            _firstBatchAfter = _lastBatchId;
        }

        await _connection!.SendAsync("UpdateRootComponents", _page.AddOperationsJson(operationBatchId), applicationState, cancellationToken);
        await _ready.Task.WaitAsync(cancellationToken);
        if (_firstBatch is null)
        {
            throw new InvalidOperationException("The page's components were added but rendered nothing.");
        }
    }

    /// <summary>A new circuit on the server: its batches count from the start (RenderQueue is made anew), its page renders anew.</summary>
    private void NewCircuit()
    {
        lock (_lock)
        {
            _nextBatchId = null;
            _firstBatch = null;
            _firstBatchAfter = null;
            _lastBatchId = 0;
            _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>The current connection is up and serves the circuit: failures before it are forgotten.</summary>
    private void Connected()
    {
        lock (_lock)
        {
            _failure = null;
        }

        _expectingClose = false;
    }

    private void OnEndUpdateRootComponents(long operationBatchId)
    {
        if (operationBatchId == Volatile.Read(ref _operationBatchId))
        {
            ReadyAt = Stopwatch.GetTimestamp();
            ReadyBatchId = LastBatchId;
            _ready.TrySetResult();
        }
    }

    private async Task OnRenderBatchAsync(HubConnection connection, long batchId, byte[] data)
    {
        var batch = new RenderBatchInfo(batchId, data, Stopwatch.GetTimestamp());
        if (Apply(batch) is { } matched)
        {
            BatchReceived?.Invoke(batch);
            matched.ForEach(done => done.TrySetResult(batch));
        }
        else if (batchId > Interlocked.Read(ref _lastBatchId))
        {
            // Beyond the next expected: not acknowledged either.
            return;
        }

        // Every batch, even one seen before, is acknowledged (RenderQueue.ts); the server holds back after 10 unacknowledged.
        await SendAsync(connection, "OnRenderCompleted", batchId, null);
    }

    /// <summary>
    /// As RenderQueue.processBatch: the next batch is applied (recorded, offered to the waiters it matches, which are returned);
    /// one applied before (sent again on reconnecting) is only counted, and one beyond the next expected is neither applied nor
    /// acknowledged, so the server sends it again. Null when not applied.
    /// </summary>
    private List<TaskCompletionSource<RenderBatchInfo>>? Apply(RenderBatchInfo batch)
    {
        lock (_lock)
        {
            if (batch.BatchId < _nextBatchId)
            {
                _duplicateBatches++;
                return null;
            }

            if (batch.BatchId > _nextBatchId)
            {
                return null;
            }

            _nextBatchId = batch.BatchId + 1;
            _recent.Enqueue(batch);
            while (_recent.Count > _retainedBatches)
            {
                _recent.Dequeue();
            }

            if (_firstBatch is null && batch.BatchId > _firstBatchAfter)
            {
                _firstBatch = batch;
            }

            Interlocked.Exchange(ref _lastBatchId, Math.Max(_lastBatchId, batch.BatchId));
            Interlocked.Increment(ref _renderBatchCount);
            var matched = _waiters.Where(w => w.Matches(batch)).ToList();
            matched.ForEach(w => _waiters.Remove(w));
            return [.. matched.Select(w => w.Done)];
        }
    }

    private Task OnBeginInvokeJSAsync(HubConnection connection, long asyncHandle, string identifier, string? argsJson, int resultType)
    {
        var (succeeded, argumentsJson) = _js.Answer(asyncHandle, identifier, resultType);

        // An async handle of 0 means .NET does not wait for the outcome.
        return asyncHandle == 0 ? Task.CompletedTask : SendAsync(connection, "EndInvokeJSFromDotNet", asyncHandle, succeeded, argumentsJson);
    }

    /// <summary>Sends on <paramref name="connection"/>; when it has gone meanwhile, the server sends again what is not acknowledged.</summary>
    private static async Task SendAsync(HubConnection connection, string method, params object?[] arguments)
    {
        try
        {
            await connection.SendCoreAsync(method, arguments);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException or IOException or OperationCanceledException && connection.State != HubConnectionState.Connected)
        {
        }
    }

    /// <summary>The current connection closed or the circuit failed, not by this client's doing.</summary>
    private void Lost(HubConnection connection, Exception failure)
    {
        if (connection != _connection || _expectingClose)
        {
            return;
        }

        List<TaskCompletionSource<RenderBatchInfo>> waiting;
        lock (_lock)
        {
            _failure ??= failure;
            waiting = _waiters.Select(w => w.Done).ToList();
            _waiters.Clear();
        }

        waiting.ForEach(done => done.TrySetException(failure));
        _ready.TrySetException(failure);
    }
}
