using FastFlow.Definitions.Loading;

namespace FastFlow.Core.Tests.Loading;

public sealed class ExampleLoadingTests
{
    [Theory]
    [InlineData("simple-analysis.json")]
    [InlineData("simple-analysis.yaml")]
    [InlineData("multi-agent-processing.json")]
    [InlineData("multi-agent-processing.yaml")]
    [InlineData("data-pipeline.yaml")]
    public void Example_loads_without_any_diagnostic(string file)
    {
        var result = DefinitionLoader.LoadFile(RepoFiles.Example(file));

        Assert.True(result.Success, string.Join(Environment.NewLine, result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Empty(result.Definition!.Tasks.Unresolved);
    }
}
