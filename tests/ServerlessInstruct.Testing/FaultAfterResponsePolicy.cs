using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace ServerlessInstruct.Testing;

/// <summary>
/// Lets a matching storage request reach Azurite and succeed, then fails it once on the way back: the write
/// happened but the activity believes it did not, exactly what a crash between a write and the activity's
/// completion looks like.
/// </summary>
public sealed class FaultAfterResponsePolicy(Func<HttpMessage, bool> matches) : HttpPipelinePolicy
{
    private int _remaining = 1;

    public int Fired { get; private set; }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        ThrowIfArmed(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        ThrowIfArmed(message);
    }

    private void ThrowIfArmed(HttpMessage message)
    {
        if (message.Response.Status < 400 && matches(message) && Interlocked.Exchange(ref _remaining, 0) == 1)
        {
            Fired++;
            throw new RequestFailedException(503, "Injected fault: the write succeeded but its response was lost.");
        }
    }

    public static string RequestBody(HttpMessage message)
    {
        if (message.Request.Content is null)
        {
            return string.Empty;
        }

        using var buffer = new MemoryStream();
        message.Request.Content.WriteTo(buffer, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
