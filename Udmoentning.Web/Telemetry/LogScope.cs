using System.Collections;
using System.Globalization;

namespace Udmoentning.Web.Telemetry;

/// <summary>
/// What a log line written inside a circuit's or hub connection's work concerns: the connection and the user's stable id (never
/// their name). A list of pairs, so the JSON console formatter and OpenTelemetry write them as fields.
/// </summary>
public sealed class LogScope(string connectionKey, string connectionId, string? userId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string CircuitId = "CircuitId";
    public const string ConnectionId = "ConnectionId";
    public const string UserId = "UserId";

    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new(connectionKey, connectionId),
        1 => new(UserId, userId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Whether this scope is the one for <paramref name="id"/> and <paramref name="user"/>.</summary>
    public bool Concerns(string id, string? user) => id == connectionId && user == userId;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{connectionKey}:{connectionId} {UserId}:{userId}");
}
