namespace FastFlow.Actions.Text;

/// <summary>How much of the outside world an attempt takes into memory: task outputs are kept,
/// checkpointed and sent to clients, so a program that prints gigabytes or a file of that size
/// must not become one.</summary>
internal static class OutputLimits
{
    /// <summary>Characters kept of a program's stdout or stderr, or of an HTTP body: 16 Mi.</summary>
    public const int MaxTextChars = 16 * 1024 * 1024;

    /// <summary>Bytes <c>file_operation</c> reads into an output: 64 MiB.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>Reads to the end, keeping at most <paramref name="maxChars"/> characters; the rest is
    /// read and dropped, so that the writer is never blocked on a full pipe.</summary>
    public static async Task<BoundedText> ReadAsync(TextReader reader, int maxChars, CancellationToken cancellationToken)
    {
        var text = new System.Text.StringBuilder();
        var buffer = new char[16 * 1024];
        var truncated = false;
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken).ConfigureAwait(false)) > 0)
        {
            var room = maxChars - text.Length;
            if (read > room)
            {
                truncated = true;
                read = room;
            }

            text.Append(buffer, 0, read);
        }

        return new BoundedText(text.ToString(), truncated);
    }
}
