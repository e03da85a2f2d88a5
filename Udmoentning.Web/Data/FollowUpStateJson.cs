using System.Text.Json;
using System.Text.Json.Serialization;
using Udmoentning.Domain.Economy;
using Udmoentning.Domain.Input;
using Udmoentning.Domain.Items;

namespace Udmoentning.Web.Data;

/// <summary>
/// A follow-up's frozen state as one JSON text: it is read whole and never queried by field. Names, not numbers, for
/// enums and "Q2 2025" for timings, so the stored text stays readable and survives reordered enums.
/// </summary>
public static class FollowUpStateJson
{
    private static readonly JsonSerializerOptions _options = new(JsonSerializerDefaults.General)
    {
        Converters = { new JsonStringEnumConverter(), new QuarterConverter() },
    };

    public static string Write(FollowUpState state) => JsonSerializer.Serialize(state, _options);

    public static FollowUpState Read(string json) =>
        JsonSerializer.Deserialize<FollowUpState>(json, _options) ?? throw new JsonException("A follow-up's state is empty.");

    private sealed class QuarterConverter : JsonConverter<Quarter>
    {
        public override Quarter Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DanishTiming.Parse(reader.GetString() ?? string.Empty);

        public override void Write(Utf8JsonWriter writer, Quarter value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
    }
}
