using System.Net;
using System.Net.Sockets;

namespace Udmoentning.Tests.Support;

/// <summary>
/// The smallest load balancer: each new connection goes to the first node in the list that accepts it, and stays there
/// (sticky, as Blazor Server needs). When that node dies its connections drop, and new ones go to the next node.
/// Internal: the benchmarks compile this same file (their reconnect storm), and the tests reference the benchmarks.
/// </summary>
internal sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IReadOnlyList<Uri> _nodes;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public TcpProxy(IReadOnlyList<Uri> nodes)
    {
        _nodes = nodes;
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(TcpClient client)
    {
        using (client)
        {
            using var node = await ConnectToFirstLiveNodeAsync();
            if (node is null)
            {
                return;
            }

            var fromClient = client.GetStream();
            var toNode = node.GetStream();
            // When either side ends, both do: a dead node drops its browsers' connections, as a real balancer would.
            await Task.WhenAny(CopyAsync(fromClient, toNode), CopyAsync(toNode, fromClient));
        }
    }

    private async Task<TcpClient?> ConnectToFirstLiveNodeAsync()
    {
        foreach (var node in _nodes)
        {
            var connection = new TcpClient();
            try
            {
                await connection.ConnectAsync(node.Host, node.Port, _stop.Token);
                return connection;
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                connection.Dispose();
            }
        }

        return null;
    }

    private async Task CopyAsync(Stream from, Stream to)
    {
        try
        {
            await from.CopyToAsync(to, _stop.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The other side went away.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
