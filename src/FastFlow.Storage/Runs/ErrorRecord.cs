using MessagePack;

namespace FastFlow.Storage.Runs;

/// <summary>Why a task or run failed, as stored.</summary>
[MessagePackObject]
public sealed class ErrorRecord
{
    /// <summary>The error's category in wire form, e.g. <c>"transient"</c>, <c>"validation"</c>, <c>"timeout"</c>.</summary>
    [Key(0)]
    public string Category { get; set; } = "";

    /// <summary>What went wrong, for people.</summary>
    [Key(1)]
    public string Message { get; set; } = "";
}
