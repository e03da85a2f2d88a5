using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Udmoentning.Benchmarks.Circuits;

/// <summary>
/// A board page's link to <c>/hubs/board</c> (ADR 0025) as the harness needs it: a WebSocket speaking SignalR's JSON
/// protocol as the board's script does (the handshake, <c>Join</c>, a ping every 15 s), which hands each message to a
/// callback as its raw UTF-8 text with its arrival time, unparsed. A thousand of them share the machine with the server, so
/// each costs as little as a search of its bytes.
/// </summary>
public sealed class BoardViewLink : IAsyncDisposable
{
    private const byte Separator = 0x1e;
    private readonly ClientWebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private Task _receiving = Task.CompletedTask;
    private Task _pinging = Task.CompletedTask;

    private BoardViewLink(ClientWebSocket socket) => _socket = socket;

    /// <summary>
    /// <paramref name="text"/> as it stands in a message's JSON: SignalR's JSON protocol escapes only what JSON must (quotes,
    /// backslashes, control characters) and writes "Ø" and "å" as they are, so a search must do the same.
    /// </summary>
    public static byte[] Encode(string text) => JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping).EncodedUtf8Bytes.ToArray();

    /// <summary>Connects as the signed-in <paramref name="cookies"/>, joins <paramref name="view"/>, and from then hands every message to <paramref name="received"/>.</summary>
    public static async Task<BoardViewLink> ConnectAsync(Uri baseUri, CookieContainer cookies, string view, Action<ReadOnlyMemory<byte>, long> received, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.Cookies = cookies;
        var link = new BoardViewLink(socket);
        try
        {
            var uri = new UriBuilder(new Uri(baseUri, "hubs/board")) { Scheme = baseUri.Scheme == "https" ? "wss" : "ws" }.Uri;
            await socket.ConnectAsync(uri, cancellationToken);
            await link.SendAsync("""{"protocol":"json","version":1}""", cancellationToken);
            var handshake = await link.ReceiveAsync(cancellationToken);
            if (handshake.Length == 0 || Encoding.UTF8.GetString(handshake.Span).Contains("\"error\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"/hubs/board refused the handshake: {Encoding.UTF8.GetString(handshake.Span)}");
            }

            await link.SendAsync($$"""{"type":1,"invocationId":"1","target":"Join","arguments":[{{JsonSerializer.Serialize(view)}}]}""", cancellationToken);
            link._receiving = link.ReceiveLoopAsync(received);
            link._pinging = link.PingLoopAsync();
            return link;
        }
        catch
        {
            await link.DisposeAsync();
            throw;
        }
    }

    private Task SendAsync(string message, CancellationToken cancellationToken) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(message + (char)Separator), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);

    /// <summary>One WebSocket message, whole.</summary>
    private async Task<ReadOnlyMemory<byte>> ReceiveAsync(CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter(4096);
        while (true)
        {
            var result = await _socket.ReceiveAsync(buffer.Free(1024), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return ReadOnlyMemory<byte>.Empty;
            }

            buffer.Advance(result.Count);
            if (result.EndOfMessage)
            {
                return buffer.Written;
            }
        }
    }

    private async Task ReceiveLoopAsync(Action<ReadOnlyMemory<byte>, long> received)
    {
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var message = await ReceiveAsync(_stop.Token);
                if (message.Length == 0)
                {
                    return;
                }

                var at = Stopwatch.GetTimestamp();
                // A WebSocket message may hold several SignalR messages, each ended by the record separator.
                var rest = message;
                while (rest.Length > 0)
                {
                    var end = rest.Span.IndexOf(Separator);
                    var record = end < 0 ? rest : rest[..end];
                    received(record, at);
                    rest = end < 0 ? ReadOnlyMemory<byte>.Empty : rest[(end + 1)..];
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // Closed: by the harness, or by the server going away.
        }
    }

    /// <summary>The server closes a connection it has not heard from in 30 s.</summary>
    private async Task PingLoopAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(15), _stop.Token);
                await SendAsync("""{"type":6}""", _stop.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
    }

    /// <summary>Loses the connection as a sleeping laptop does: the socket is cut, with no close.</summary>
    public void Drop() => _socket.Abort();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }

        await Task.WhenAll(_receiving, _pinging);
        _socket.Dispose();
        _stop.Dispose();
    }

    /// <summary>A growing buffer for one message.</summary>
    private sealed class ArrayBufferWriter(int initial)
    {
        private byte[] _buffer = new byte[initial];
        private int _count;

        public ReadOnlyMemory<byte> Written => _buffer.AsMemory(0, _count);

        public Memory<byte> Free(int atLeast)
        {
            if (_buffer.Length - _count < atLeast)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _count + atLeast));
            }

            return _buffer.AsMemory(_count);
        }

        public void Advance(int count) => _count += count;
    }
}
