using FastFlow.Definitions.Loading;

namespace FastFlow.Definitions;

/// <summary>The text a definition was loaded from, kept so a durable engine can store it with the
/// runs of that definition and load it again after a restart.</summary>
internal sealed record DefinitionOrigin(string Text, DefinitionFormat Format, string? File);
