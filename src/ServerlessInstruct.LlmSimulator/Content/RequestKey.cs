using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ServerlessInstruct.LlmSimulator.Protocol;

namespace ServerlessInstruct.LlmSimulator.Content;

/// <summary>
/// A 64-bit identity of what a request asks: its messages, response format, stop sequences and token limit. The
/// model name and the serialization details of the client are left out, so the OpenAI and Azure clients sending
/// the same prompt get the same answer.
/// </summary>
internal static class RequestKey
{
    public static ulong Of(ChatRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (ChatMessage message in request.Messages)
        {
            Append(hash, message.Role);
            Append(hash, message.Content);
        }

        Append(hash, request.Format.Kind.ToString());
        Append(hash, request.Format.Schema?.GetRawText() ?? "");
        foreach (string stop in request.Stop)
        {
            Append(hash, stop);
        }

        Append(hash, request.MaxTokens?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "");
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }

    private static void Append(IncrementalHash hash, string text)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(text));
        hash.AppendData([0]);
    }
}
