using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Udmoentning.Benchmarks.Circuits;

/// <summary>
/// A headless Blazor Server viewer: one real circuit on <c>/_blazor</c>, as blazor.web.js (.NET 10) opens it.
/// It acknowledges every render batch and answers every JS interop call, so the circuit lives as a browser's would,
/// and records when each render batch arrives. Blazor's hub protocol is internal: keep the smoke test of this client.
/// </summary>
public sealed class BlazorCircuitClient : IAsyncDisposable
{
    /// <summary>The id of the one root-component operation batch this client sends: the page's markers, added.</summary>
    private const int AddOperationBatchId = 1;

    private readonly HubConnection _connection;
    private readonly int _retainedBatches;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Uri _baseUri;
    private readonly CookieContainer _cookies;
    private readonly JsInteropResponder _js = new();
    private readonly Lock _lock = new();
    private readonly Queue<RenderBatchInfo> _recent = new();
    private readonly List<(Func<RenderBatchInfo, bool> Matches, TaskCompletionSource<RenderBatchInfo> Done)> _waiters = [];
    private Exception? _failure;
    private long? _firstBatchAfter;
    private RenderBatchInfo? _firstBatch;
    private long _lastBatchId;
    private int _renderBatchCount;

    private BlazorCircuitClient(Uri baseUri, CookieContainer cookies, int retainedBatches)
    {
        _baseUri = baseUri;
        _retainedBatches = retainedBatches;
        _cookies = cookies;
        var builder = new HubConnectionBuilder().WithUrl(new Uri(baseUri, "_blazor"), options =>
        {
            options.Cookies = cookies;
            options.Transports = HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
        });
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol>(new BlazorPackProtocol());
        _connection = builder.Build();

        // The messages blazor.web.js handles (CircuitManager.startConnection), with the argument types the server sends.
        _connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        _connection.On<long, string, string?, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJSAsync);
        _connection.On<string?, bool, string?>("JS.EndInvokeDotNet", (_, _, _) => { });
        _connection.On<int, string?>("JS.AttachComponent", (_, _) => { });
        _connection.On<long>("JS.EndUpdateRootComponents", OnEndUpdateRootComponents);
        _connection.On<string?>("JS.Error", error => Fail(new InvalidOperationException($"The circuit failed: {error}")));
        _connection.Closed += error =>
        {
            Fail(new InvalidOperationException("The circuit's connection closed.", error));
            return Task.CompletedTask;
        };
    }

    /// <summary>The circuit's id (its reconnection secret), as <c>StartCircuit</c> returned it.</summary>
    public string? CircuitId { get; private set; }

    public int RenderBatchCount => Volatile.Read(ref _renderBatchCount);

    public long LastBatchId => Interlocked.Read(ref _lastBatchId);

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

    /// <summary>Called on SignalR's receive loop for every batch, before it is acknowledged: keep it short.</summary>
    public Action<RenderBatchInfo>? BatchReceived { get; set; }

    /// <summary>Called on SignalR's receive loop for every JS interop call: its identifier, arguments (JSON) and arrival time.</summary>
    public Action<string, string?, long>? JsCalled { get; set; }

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
        var client = new BlazorCircuitClient(page.BaseUri, cookies, retainedBatches);
        try
        {
            await client.StartAsync(pageUri, page, cancellationToken);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
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
        await _connection.DisposeAsync();
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
            using var response = await http.PostAsync(new Uri(_baseUri, "_blazor/disconnect"), form);
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

    private async Task StartAsync(Uri pageUri, BlazorPage page, CancellationToken cancellationToken)
    {
        await _connection.StartAsync(cancellationToken);

        // blazor.web.js starts the circuit with no components ("[]") and then adds the page's markers.
        CircuitId = await _connection.InvokeAsync<string?>("StartCircuit", page.BaseUri.ToString(), pageUri.ToString(), "[]", page.ApplicationState, cancellationToken)
            ?? throw new InvalidOperationException("The server refused to start the circuit.");

        lock (_lock)
        {
            _firstBatchAfter = _lastBatchId;
        }

        await _connection.SendAsync("UpdateRootComponents", page.AddOperationsJson(AddOperationBatchId), page.ApplicationState, cancellationToken);
        await _ready.Task.WaitAsync(cancellationToken);
        if (_firstBatch is null)
        {
            throw new InvalidOperationException("The page's components were added but rendered nothing.");
        }
    }

    private void OnEndUpdateRootComponents(long operationBatchId)
    {
        if (operationBatchId == AddOperationBatchId)
        {
            ReadyAt = Stopwatch.GetTimestamp();
            ReadyBatchId = LastBatchId;
            _ready.TrySetResult();
        }
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] data)
    {
        var batch = new RenderBatchInfo(batchId, data, Stopwatch.GetTimestamp());
        List<TaskCompletionSource<RenderBatchInfo>> matched = [];
        lock (_lock)
        {
            _recent.Enqueue(batch);
            while (_recent.Count > _retainedBatches)
            {
                _recent.Dequeue();
            }

            if (_firstBatch is null && batchId > _firstBatchAfter)
            {
                _firstBatch = batch;
            }

            Interlocked.Exchange(ref _lastBatchId, Math.Max(_lastBatchId, batchId));
            Interlocked.Increment(ref _renderBatchCount);
            foreach (var waiter in _waiters.Where(w => w.Matches(batch)).ToList())
            {
                matched.Add(waiter.Done);
                _waiters.Remove(waiter);
            }
        }

        BatchReceived?.Invoke(batch);
        matched.ForEach(done => done.TrySetResult(batch));

        // Every batch, even one seen before, is acknowledged (RenderQueue.ts); the server holds back after 10 unacknowledged.
        await _connection.SendAsync("OnRenderCompleted", batchId, null);
    }

    private Task OnBeginInvokeJSAsync(long asyncHandle, string identifier, string? argsJson, int resultType, long targetInstanceId, int callType)
    {
        JsCalled?.Invoke(identifier, argsJson, Stopwatch.GetTimestamp());
        var (succeeded, argumentsJson) = _js.Answer(asyncHandle, identifier, resultType);

        // An async handle of 0 means .NET does not wait for the outcome.
        return asyncHandle == 0 ? Task.CompletedTask : _connection.SendAsync("EndInvokeJSFromDotNet", asyncHandle, succeeded, argumentsJson);
    }

    private void Fail(Exception failure)
    {
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
