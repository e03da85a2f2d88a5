using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Udmoentning.Benchmarks.Harness;

namespace Udmoentning.Tests.Support;

/// <summary>
/// A stand-in for an OpenTelemetry collector: a real HTTP endpoint for OTLP over http/protobuf on 127.0.0.1 that accepts every
/// export and keeps its body per signal (<c>/v1/traces</c>, <c>/v1/metrics</c>, <c>/v1/logs</c>).
/// </summary>
public sealed class OtlpCollector : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body)> _exports = new();

    public OtlpCollector()
    {
        Url = $"http://127.0.0.1:{FreePorts.Next()}/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = AcceptAsync();
    }

    public string Url { get; }

    /// <summary>Whether any export to <paramref name="path"/> contains <paramref name="text"/> (protobuf keeps strings as UTF-8).</summary>
    public bool Received(string path, string text)
    {
        var wanted = Encoding.UTF8.GetBytes(text);
        return _exports.Any(e => e.Path == path && e.Body.AsSpan().IndexOf(wanted) >= 0);
    }

    /// <summary>What arrived, for a failure message: each export's path and size.</summary>
    public override string ToString() => string.Join(", ", _exports.Select(e => $"{e.Path} ({e.Body.Length} bytes)"));

    public void Dispose() => _listener.Close();

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            _exports.Enqueue((context.Request.Url!.AbsolutePath, body.ToArray()));
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }
}
