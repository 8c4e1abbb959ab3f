using FastFlow.Validation;

namespace FastFlow.Definitions.Loading;

/// <summary>What <see cref="DefinitionMigrator.Migrate"/> made of a definition's text.</summary>
public sealed class DefinitionMigration
{
    internal DefinitionMigration(string? fromVersion, string text, bool changed, IReadOnlyList<Diagnostic> diagnostics)
    {
        FromVersion = fromVersion;
        Text = text;
        Changed = changed;
        Diagnostics = diagnostics;
    }

    /// <summary>The <c>version</c> as written, or null when the definition has none (it is 2.0.0 then).</summary>
    public string? FromVersion { get; }

    /// <summary>The schema version of <see cref="Text"/>.</summary>
    public string ToVersion => WorkflowDefinition.CurrentSchemaVersion;

    /// <summary>The migrated text: the input with its <c>version</c> value replaced, every other
    /// byte as it was; the input itself when nothing needed migrating or the text is invalid.</summary>
    public string Text { get; }

    /// <summary>Whether <see cref="Text"/> differs from the input.</summary>
    public bool Changed { get; }

    /// <summary>The loader's problems with the input; a migration is only made of a loadable definition.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>True when the input loaded without errors (warnings allowed).</summary>
    public bool Success => !Diagnostics.Any(static d => d.IsError);
}
