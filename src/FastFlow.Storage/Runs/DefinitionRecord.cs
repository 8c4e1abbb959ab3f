using MessagePack;

namespace FastFlow.Storage.Runs;

/// <summary>One revision of a workflow definition, stored under <c>def/&lt;workflowId&gt;/&lt;revision&gt;</c>
/// as a <see cref="Records.RecordKind.Definition"/> record.</summary>
[MessagePackObject]
public sealed class DefinitionRecord
{
    /// <summary>The workflow's id.</summary>
    [Key(0)]
    public string WorkflowId { get; set; } = "";

    /// <summary>An opaque content id the caller chooses (a hash of the text, say); the same
    /// revision is stored once.</summary>
    [Key(1)]
    public string Revision { get; set; } = "";

    /// <summary>How the definition was written: <c>"yaml"</c>, <c>"json"</c> or <c>"code"</c>.</summary>
    [Key(2)]
    public string Format { get; set; } = "";

    /// <summary>The definition's source text; <c>null</c> for a definition built in code.</summary>
    [Key(3)]
    public string? Text { get; set; }

    /// <summary>The file the definition was read from, if any.</summary>
    [Key(4)]
    public string? File { get; set; }

    /// <summary>When the revision was first stored (UTC).</summary>
    [Key(5)]
    public DateTime StoredAt { get; set; }

    /// <summary>1, 2, 3… per workflow, in the order revisions were first stored; assigned by
    /// <see cref="RunStore.SaveDefinition"/>.</summary>
    [Key(6)]
    public int Number { get; set; }
}
