using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessInstruct.Core.Records;

/// <summary>Source-generated serialisation of the output records: no reflection at run time.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DatasetRecord))]
[JsonSerializable(typeof(RejectedRecord))]
[JsonSerializable(typeof(AlpacaExample))]
[JsonSerializable(typeof(ChatExample))]
public sealed partial class RecordJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The context the writers use. The files are data, never embedded in HTML, so the relaxed encoder writes Korean
    /// and other non-ASCII text as itself instead of <c>\uXXXX</c> escapes, and leaves quotes and angle brackets readable.
    /// </summary>
    public static RecordJsonContext Output { get; } = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });
}
