using FastFlow.Definitions;

namespace FastFlow.Core.Tests.Loading;

/// <summary>The source map locates every place the validator may need: tasks, their fields,
/// dependency items, nested parameter keys, conditions, inputs and outputs.</summary>
public sealed class SourceMapTests
{
    private const string Yaml = """
        name: Mapped
        inputs:
          source: { type: string }
        defaults:
          retry: { max_attempts: 2 }
        tasks:
          extract:
            action: noop
            parameters:
              query: "select"
              nested: { deep: [1, { k: v }] }
          load:
            action: noop
            dependencies: [extract, ghost]
            when: "inputs.source != ''"
            conditions: ["a", "b"]
            retry_count: 3
            retry_delay: 1
        outputs:
          rows: "${{ tasks.load.output }}"
        """;

    public static TheoryData<string, int, int> Positions => new()
    {
        { "", 1, 1 },
        { "name", 1, 7 },
        { "inputs", 2, 1 },
        { "inputs.source", 3, 3 },
        { "inputs.source.type", 3, 19 },
        { "defaults.retry", 5, 3 },
        { "defaults.retry.max_attempts", 5, 26 },
        { "tasks", 6, 1 },
        { "tasks.extract", 7, 3 },
        { "tasks.extract.action", 8, 13 },
        { "tasks.extract.parameters", 9, 5 },
        { "tasks.extract.parameters.query", 10, 14 },
        { "tasks.extract.parameters.nested", 11, 7 },
        { "tasks.extract.parameters.nested.deep", 11, 17 },
        { "tasks.extract.parameters.nested.deep[0]", 11, 24 },
        { "tasks.extract.parameters.nested.deep[1].k", 11, 32 },
        { "tasks.load", 12, 3 },
        { "tasks.load.dependencies", 14, 5 },
        { "tasks.load.dependencies[0]", 14, 20 },
        { "tasks.load.dependencies[1]", 14, 29 },
        { "tasks.load.when", 15, 11 },
        { "tasks.load.conditions[1]", 16, 23 },
        { "tasks.load.retry_count", 17, 18 },
        // The shorthand stands in for the retry block the validator checks.
        { "tasks.load.retry", 17, 18 },
        { "tasks.load.retry.max_attempts", 17, 18 },
        { "tasks.load.retry.base_delay_seconds", 18, 18 },
        { "outputs.rows", 20, 9 },
    };

    [Theory]
    [MemberData(nameof(Positions))]
    public void Every_visited_path_has_its_position(string path, int line, int column)
    {
        var source = Loads.Yaml(Yaml).Definition!.Source!;

        Assert.True(source.TryGet(path, out var position), "no position for " + path);
        Assert.Equal(new SourcePosition(line, column), position);
    }

    [Fact]
    public void Source_map_names_the_file()
    {
        Assert.Equal("test.yaml", Loads.Yaml(Yaml).Definition!.Source!.File);
    }

    [Fact]
    public void List_form_tasks_are_mapped_under_their_ids()
    {
        var source = Loads.Json("""
            {"name": "x", "tasks": [
              {"id": "a", "action": "noop"},
              {"id": "b", "action": "noop", "dependencies": ["a"]}
            ]}
            """).Definition!.Source!;

        Assert.True(source.TryGet("tasks.b", out var task));
        Assert.Equal(new SourcePosition(3, 3), task);
        Assert.True(source.TryGet("tasks.b.dependencies[0]", out var dependency));
        Assert.Equal(new SourcePosition(3, 50), dependency);
    }

    [Fact]
    public void Ids_that_are_not_plain_names_are_bracketed()
    {
        var source = Loads.Yaml("name: x\ntasks:\n  step.1: { action: noop }\n").Definition!.Source!;

        Assert.True(source.TryGet("tasks[\"step.1\"].action", out var position));
        Assert.Equal(new SourcePosition(3, 21), position);
        Assert.Equal("tasks[\"step.1\"]", DefinitionPath.Task("step.1"));
    }

    [Fact]
    public void Paths_in_json_match_paths_in_yaml()
    {
        var yaml = Loads.Yaml(RepoFiles.ReadExample("multi-agent-processing.yaml")).Definition!.Source!;
        var json = Loads.Json(RepoFiles.ReadExample("multi-agent-processing.json")).Definition!.Source!;

        Assert.Equal(json.Count, yaml.Count);
        Assert.True(json.TryGet("tasks.synthesis.dependencies[1]", out var position));
        Assert.Equal(new SourcePosition(29, 38), position);
    }
}
