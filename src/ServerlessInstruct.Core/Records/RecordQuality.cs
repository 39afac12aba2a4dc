using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessInstruct.Core.Records;

/// <summary>The judge's verdict on a record: a score from 1 to 5 on the rubric and its one-line reason.</summary>
public sealed record RecordQuality(int Score, string Reason)
{
    /// <summary>
    /// Stands for the quality of a judged record the judge gave no usable verdict for, when it is written to a file:
    /// written as <c>"quality": null</c>, so a reader tells it from a record of a run that was not judged, which has no
    /// <c>quality</c> at all. Read back, it is null again.
    /// </summary>
    public static RecordQuality Unscored { get; } = new(0, string.Empty);
}

/// <summary>Writes <see cref="RecordQuality.Unscored"/> as JSON null and any other quality as <c>{"score", "reason"}</c>.</summary>
public sealed class RecordQualityJsonConverter : JsonConverter<RecordQuality>
{
    public override RecordQuality? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("quality must be an object with score and reason");
        }

        int? score = null;
        var reason = string.Empty;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "score" when reader.TokenType == JsonTokenType.Number:
                    score = reader.GetInt32();
                    break;
                case "reason" when reader.TokenType == JsonTokenType.String:
                    reason = reader.GetString()!;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return score is { } value ? new RecordQuality(value, reason) : throw new JsonException("quality has no score");
    }

    public override void Write(Utf8JsonWriter writer, RecordQuality value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (ReferenceEquals(value, RecordQuality.Unscored))
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteNumber("score", value.Score);
        writer.WriteString("reason", value.Reason);
        writer.WriteEndObject();
    }
}
