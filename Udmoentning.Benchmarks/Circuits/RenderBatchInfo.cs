using System.Diagnostics;
using System.Text;

namespace Udmoentning.Benchmarks.Circuits;

/// <summary>One <c>JS.RenderBatch</c> as it arrived: its id, its bytes and when (<see cref="Stopwatch.GetTimestamp"/>).</summary>
public sealed class RenderBatchInfo(long batchId, byte[] data, long receivedAt)
{
    public long BatchId { get; } = batchId;

    public int Size => Data.Length;

    /// <summary>The <see cref="Stopwatch.GetTimestamp"/> taken first thing when the batch arrived.</summary>
    public long ReceivedAt { get; } = receivedAt;

    /// <summary>The binary render batch; its string table holds every text the batch renders, in UTF-8.</summary>
    public ReadOnlyMemory<byte> Data { get; } = data;

    /// <summary>Whether the batch renders <paramref name="text"/> (a search of the batch's UTF-8 bytes).</summary>
    public bool ContainsText(string text) => Data.Span.IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    public override string ToString() => $"batch {BatchId}, {Size} bytes";
}
