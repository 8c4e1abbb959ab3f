using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace FastFlow.Cli.Output;

/// <summary>Writes the one JSON object of a <c>--json</c> command to stdout in a single write, so
/// nothing else can interleave with it.</summary>
internal static class JsonOutput
{
    /// <summary>Indented for people, unescaped non-ASCII for terminals; still one object per run.</summary>
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(Action<Utf8JsonWriter> writeObject)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writeObject(writer);
        }

        using var stdout = Console.OpenStandardOutput();
        stdout.Write(buffer.WrittenSpan);
        stdout.Write("\n"u8);
        stdout.Flush();
    }
}
