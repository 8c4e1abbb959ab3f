using FastFlow.Definitions;
using FastFlow.Definitions.Loading;

namespace FastFlow.Core.Tests.Semantics.Support;

/// <summary>Loads a YAML definition, failing the test with every diagnostic when it does not load.</summary>
internal static class Yaml
{
    public static WorkflowDefinition Load(string text)
    {
        var result = DefinitionLoader.Load(text, DefinitionFormat.Yaml, "semantics.yaml");
        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Definition!;
    }
}
