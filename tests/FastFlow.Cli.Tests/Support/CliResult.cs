using System.Text.Json;

namespace FastFlow.Cli.Tests.Support;

/// <summary>What one run of the fastflow binary printed and returned.</summary>
internal sealed record CliResult(int ExitCode, string StdOut, string StdErr)
{
    /// <summary>Stdout parsed as the one JSON object it must be.</summary>
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(StdOut);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.Clone();
    }

    /// <summary>Stdout lines.</summary>
    public string[] Lines => StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{StdOut}\n--- stderr\n{StdErr}";
}
