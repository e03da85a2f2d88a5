using System.Net;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Udmoentning.Tests.Support;

namespace Udmoentning.Tests.EndToEnd;

/// <summary>A client of <c>/hubs/plan</c> as another system would write it: it follows a plan, or one committee's extract.</summary>
public sealed class HubListener : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly Channel<JsonElement> _arrived = Channel.CreateUnbounded<JsonElement>();
    private readonly List<JsonElement> _received = [];

    private HubListener(HubConnection connection)
    {
        _connection = connection;
        _connection.On<JsonElement>("ItemChanged", message => _arrived.Writer.TryWrite(message.Clone()));
        _connection.On<JsonElement>("PlanChanged", message =>
        {
            lock (_planChanges)
            {
                _planChanges.Add(message.Clone());
            }
        });
    }

    private readonly List<JsonElement> _planChanges = [];

    /// <summary>Every <c>PlanChanged</c> message so far (the plan's structure changed).</summary>
    public IReadOnlyList<JsonElement> PlanChanges
    {
        get
        {
            lock (_planChanges)
            {
                return [.. _planChanges];
            }
        }
    }

    /// <summary>What <c>Follow</c> answered: the followed items as they were then.</summary>
    public IReadOnlyList<JsonElement> Current { get; private set; } = [];

    /// <summary>Every message taken so far, in the order it arrived.</summary>
    public IReadOnlyList<JsonElement> Received => _received;

    /// <summary>Connects as <paramref name="user"/> (only signed-in users may) and follows the plan or a committee's extract.</summary>
    public static Task<HubListener> FollowAsync(LiveApp app, int planId, string? committee, string user = TestUsers.Reader) =>
        FollowAsync(app.BaseAddress, planId, committee, user);

    /// <summary>The same, for the app at <paramref name="baseAddress"/> (e.g. a node process).</summary>
    public static async Task<HubListener> FollowAsync(Uri baseAddress, int planId, string? committee, string user = TestUsers.Reader)
    {
        var cookies = new CookieContainer();
        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = baseAddress })
        {
            await TestUsers.SignInAsync(http, user);
        }

        var connection = new HubConnectionBuilder().WithUrl(new Uri(baseAddress, "/hubs/plan"), options => options.Cookies = cookies).Build();
        var listener = new HubListener(connection);
        await connection.StartAsync(TestContext.Current.CancellationToken);
        listener.Current = await connection.InvokeAsync<JsonElement[]>("Follow", planId, committee, TestContext.Current.CancellationToken);
        return listener;
    }

    /// <summary>Takes messages as they arrive until one is about <paramref name="code"/>; those before it stay in <see cref="Received"/>.</summary>
    public async Task<JsonElement> WaitForAsync(string code, TimeSpan timeout)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var message = await _arrived.Reader.ReadAsync(cancel.Token);
                _received.Add(message);
                if (CodeOf(message) == code)
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"No ItemChanged for {code} within {timeout.TotalSeconds} s; received: [{string.Join(", ", _received.Select(CodeOf))}].");
        }
    }

    public static string? CodeOf(JsonElement message) => message.TryGetProperty("code", out var code) ? code.GetString() : null;

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
