using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.History;
using Udmoentning.Domain.Items;

namespace Udmoentning.Web.Data.Configurations;

/// <summary>How values that are not plain columns are stored, the same on every provider.</summary>
internal static class StoredAs
{
    /// <summary>Stores "Q2 2025" as 20252, so timings sort and compare in SQL.</summary>
    public static readonly ValueConverter<Quarter, int> Number = new(q => q.ToSortable(), v => Quarter.FromSortable(v));

    /// <summary>A record's field changes are stored as one JSON text: they are read whole and never queried by field.</summary>
    public static readonly ValueConverter<IReadOnlyList<FieldChange>, string> Json = new(
        changes => JsonSerializer.Serialize(changes, JsonSerializerOptions.Default),
        json => JsonSerializer.Deserialize<List<FieldChange>>(json, JsonSerializerOptions.Default) ?? new List<FieldChange>());

    public static readonly ValueComparer<IReadOnlyList<FieldChange>> JsonComparer = new(
        (a, b) => a!.SequenceEqual(b!),
        list => list.Aggregate(0, (hash, change) => HashCode.Combine(hash, change.GetHashCode())),
        list => list.ToList());

    /// <summary>Times are stored as UTC on every provider and read back marked as UTC.</summary>
    public static readonly ValueConverter<DateTime, DateTime> Utc = new(at => at, at => DateTime.SpecifyKind(at, DateTimeKind.Utc));

    /// <summary>A follow-up's state never changes once taken: the same object is the same state.</summary>
    public static readonly ValueComparer<FollowUpState> Frozen = new(
        (a, b) => ReferenceEquals(a, b),
        state => state.GetHashCode(),
        state => state);
}
