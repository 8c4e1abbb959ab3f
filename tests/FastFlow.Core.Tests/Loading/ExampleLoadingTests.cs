using FastFlow.Definitions;
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

    [Theory]
    [InlineData("simple-analysis")]
    [InlineData("multi-agent-processing")]
    public void Json_and_yaml_of_the_same_seed_example_are_equal_models(string name)
    {
        var json = DefinitionLoader.LoadFile(RepoFiles.Example(name + ".json")).Definition!;
        var yaml = DefinitionLoader.LoadFile(RepoFiles.Example(name + ".yaml")).Definition!;

        Assert.Equal(ModelDump.Of(json), ModelDump.Of(yaml));
    }

    [Fact]
    public void Simple_analysis_gets_its_id_from_its_name_and_keeps_typed_parameters()
    {
        var definition = DefinitionLoader.LoadFile(RepoFiles.Example("simple-analysis.json")).Definition!;

        Assert.Equal("simple-analysis", definition.Id);
        Assert.Equal("Simple Analysis", definition.Name);
        Assert.Equal("2.0.0", definition.SchemaVersion);
        var analyze = Assert.Single(definition.Tasks);
        Assert.Equal("analyze", analyze.Id);
        Assert.Equal("agent_task", analyze.Options.Action);
        Assert.Equal("analyst", analyze.Options.AgentId);
        Assert.Equal("Perform data analysis", analyze.Options.Parameters!["description"]);
        Assert.Equal(2L, analyze.Options.Parameters["estimated_hours"]);
        Assert.Equal("test.json", DefinitionLoader.Load(RepoFiles.ReadExample("simple-analysis.json"), DefinitionFormat.Json, "test.json").Definition!.Source!.File);
    }

    [Fact]
    public void Multi_agent_processing_fans_out_and_in_in_declaration_order()
    {
        var tasks = DefinitionLoader.LoadFile(RepoFiles.Example("multi-agent-processing.json")).Definition!.Tasks;

        Assert.Equal(["preprocessing", "analysis_1", "analysis_2", "synthesis"], tasks.Ids);
        Assert.Empty(tasks[0].DependencyIds);
        Assert.Equal(["preprocessing"], tasks[1].DependencyIds);
        Assert.Equal(["preprocessing"], tasks[2].DependencyIds);
        Assert.Equal(["analysis_1", "analysis_2"], tasks[3].DependencyIds);
        Assert.Equal(ExecutionMode.Sequential, tasks[0].Options.ExecutionMode);
        Assert.Equal(ExecutionMode.Parallel, tasks[1].Options.ExecutionMode);
        Assert.Equal("Analysis Path 2", tasks[2].Options.Name);
    }

    [Fact]
    public void Data_pipeline_uses_the_features_it_shows()
    {
        var definition = DefinitionLoader.LoadFile(RepoFiles.Example("data-pipeline.yaml")).Definition!;
        var tasks = definition.Tasks;
        TaskOptions Task(string id) => tasks[tasks.IndexOf(id)].Options;

        Assert.Equal("data-pipeline", definition.Id);
        Assert.Equal(1, definition.Revision);
        Assert.Equal(FailurePolicy.Compensate, definition.OnFailure);
        Assert.Equal(8, definition.MaxConcurrency);
        Assert.Equal(3600, definition.TimeoutSeconds);
        Assert.Equal(["source", "batch_size", "dry_run", "notify"], definition.Inputs.Select(i => i.Name));
        Assert.True(definition.FindInput("source")!.Required);
        Assert.Equal(100L, definition.FindInput("batch_size")!.Default);
        Assert.Equal(false, definition.FindInput("dry_run")!.Default);
        Assert.Equal(["ops@example.com"], Assert.IsType<List<object?>>(definition.FindInput("notify")!.Default));
        Assert.Equal(InputType.Array, definition.FindInput("notify")!.Type);
        Assert.Equal(3, definition.Defaults.Retry!.MaxAttempts);
        Assert.Equal([ErrorCategory.Transient, ErrorCategory.Timeout], definition.Defaults.Retry.RetriableErrors!);
        Assert.Equal(30, definition.Defaults.TimeoutSeconds);

        Assert.Equal(4, Task("extract").Retry!.MaxAttempts);
        Assert.Equal(5, Task("extract").Retry!.BaseDelaySeconds);
        Assert.Equal(["check_batch"], tasks[tasks.IndexOf("reject_batch")].DependencyIds);
        Assert.Equal("!tasks.check_batch.output.result", Task("reject_batch").When);
        Assert.Equal(["!inputs.dry_run", "exists(tasks.stage.output.stdout.rows)"], Task("load").Conditions!);
        Assert.Equal(TriggerRule.OneSuccess, Task("preview").TriggerRule);
        Assert.Equal(TriggerRule.AllDone, Task("merge").TriggerRule);
        Assert.Equal(TriggerRule.NoneFailed, Task("report").TriggerRule);
        Assert.Equal(TaskPriority.Critical, Task("load").Priority);
        Assert.Equal(FailurePolicy.Skip, Task("transform_odd").OnFailure);
        // The alias shares the anchored retry block.
        Assert.Equal(Task("transform_even").Retry, Task("transform_odd").Retry);
        Assert.Equal("exec", Task("stage").Compensation!.Action);
        Assert.Equal(["transform"], Task("transform_even").Capabilities!);
        Assert.Equal(["rows", "loaded", "summary"], definition.Outputs.Select(o => o.Name));
        var used = tasks.Select(t => t.Options.Action!).ToHashSet();
        Assert.Subset(new HashSet<string> { "noop", "set", "condition_check", "delay", "exec", "fail", "agent_task" }, used);
        Assert.Equal(7, used.Count);
    }
}
