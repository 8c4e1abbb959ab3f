namespace FastFlow.Definitions.Loading;

/// <summary>The text formats a definition can be written in; both load into the same model.</summary>
public enum DefinitionFormat
{
    /// <summary>JSON (comments and trailing commas are tolerated).</summary>
    Json = 0,
    /// <summary>YAML 1.2 (one document; anchors and aliases allowed).</summary>
    Yaml = 1,
}
