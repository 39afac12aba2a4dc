using System.Text.Json;

namespace ServerlessInstruct.Functions.Http;

internal static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
