namespace FastFlow.Definitions.Loading;

/// <summary>One key and value of a mapping, as written (duplicates included).</summary>
internal readonly record struct DocEntry(DocNode Key, DocNode Value);
