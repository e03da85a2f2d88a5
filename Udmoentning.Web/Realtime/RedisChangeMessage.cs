using System.Text.Json;
using Udmoentning.Domain.Items;

namespace Udmoentning.Web.Realtime;

/// <summary>
/// What one node tells the others over Redis: who sent it, the sender's sequence number (so a lost message shows as a gap),
/// and either an item change by ids and metadata (the receiver reads the item from the database) or a structure change.
/// </summary>
public sealed record RedisChangeMessage(Guid Node, long Sequence, ItemNotice? Item, StructureChange? Structure)
{
    /// <summary>How every message between nodes is written (<see cref="RedisHeartbeat"/> too).</summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>The message, or null when it cannot be read (a newer node's format, a damaged message).</summary>
    public static RedisChangeMessage? TryRead(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var message = JsonSerializer.Deserialize<RedisChangeMessage>(bytes, Json);
            return message is { Item: not null } or { Structure: not null } ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>An item change without the item: the item as saved is in the database, at <see cref="Revision"/> or later.</summary>
public sealed record ItemNotice(
    int PlanId,
    ChangeKind Kind,
    int ItemId,
    int Revision,
    ItemStatus PreviousStatus,
    IReadOnlyList<int> PreviousCommitteeIds,
    string ChangedBy,
    DateTimeOffset ChangedAt)
{
    public static ItemNotice Of(ItemChange change) => new(change.PlanId, change.Kind, change.Item.Id, change.Item.Revision, change.PreviousStatus,
        change.PreviousCommitteeIds, change.ChangedBy, change.ChangedAt);

    public ItemChange With(PlanItem stored) => new(PlanId, Kind, stored, PreviousStatus, PreviousCommitteeIds, ChangedBy, ChangedAt);
}

/// <summary>
/// A node's word, every <c>Realtime:HeartbeatInterval</c>, that it has numbered <see cref="Sequence"/> changes: a change whose
/// message was lost and that no later change follows would otherwise show as a gap only at the next resync (15 s).
/// </summary>
public sealed record RedisHeartbeat(Guid Node, long Sequence)
{
    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(this, RedisChangeMessage.Json);

    public static RedisHeartbeat? TryRead(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<RedisHeartbeat>(bytes, RedisChangeMessage.Json) is { Node: var node } beat && node != Guid.Empty ? beat : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
