namespace FastFlow.Core.Tests.Loading;

/// <summary>Parameters, coordination and input defaults are plain data: typed by the YAML core
/// schema when plain, strings when quoted, maps and lists in written order.</summary>
public sealed class PlainDataTests
{
    [Fact]
    public void Yaml_parameters_are_typed_by_the_core_schema_and_quotes_keep_strings()
    {
        var result = Loads.Yaml("""
            name: x
            tasks:
              t:
                action: noop
                parameters:
                  count: 3
                  ratio: 0.25
                  enabled: true
                  nothing: ~
                  empty:
                  word: yes
                  quoted_number: "3"
                  quoted_bool: 'true'
                  block: |
                    line 1
                  tagged: !!str 42
                  nested: { list: [1, two, 3.5, null], map: { k: v } }
            """);

        Assert.Empty(result.Diagnostics);
        var p = result.Definition!.Tasks[0].Options.Parameters!;
        Assert.Equal(
            """{"count":3L,"ratio":0.25D,"enabled":true,"nothing":null,"empty":null,"word":"yes","quoted_number":"3","quoted_bool":"true","block":"line 1\n","tagged":"42","nested":{"list":[1L,"two",3.5D,null],"map":{"k":"v"}}}""",
            ModelDump.V(p));
        Assert.IsType<Dictionary<string, object?>>(p["nested"]);
        Assert.IsType<List<object?>>(((Dictionary<string, object?>)p["nested"]!)["list"]);
    }

    [Fact]
    public void Json_parameters_have_the_same_types()
    {
        var result = Loads.Json("""
            {"name": "x", "tasks": {"t": {"action": "noop", "parameters":
              {"count": 3, "ratio": 0.25, "enabled": true, "nothing": null, "big": 1e400, "two": 2.0, "s": "3"}}}}
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(
            """{"count":3L,"ratio":0.25D,"enabled":true,"nothing":null,"big":InfinityD,"two":2D,"s":"3"}""",
            ModelDump.V(result.Definition!.Tasks[0].Options.Parameters));
    }

    [Fact]
    public void Yaml_string_fields_take_plain_text_as_written()
    {
        var result = Loads.Yaml("""
            id: 2024
            name: 2024 report
            description: true
            tasks:
              t:
                action: noop
                agent_id: 42
                when: true
                dependencies: [1.5]
              1.5: { action: noop }
            """);

        Assert.Empty(result.Diagnostics);
        var d = result.Definition!;
        Assert.Equal("2024", d.Id);
        Assert.Equal("true", d.Description);
        Assert.Equal("42", d.Tasks[0].Options.AgentId);
        Assert.Equal("true", d.Tasks[0].Options.When);
        Assert.Equal(["1.5"], d.Tasks[0].DependencyIds);
    }

    [Fact]
    public void Null_fields_are_absent()
    {
        var result = Loads.Yaml("""
            name: x
            description:
            timeout_seconds: null
            tasks:
              t:
                action: noop
                retry: ~
                dependencies:
            """);

        Assert.Empty(result.Diagnostics);
        Assert.Null(result.Definition!.Description);
        Assert.Null(result.Definition.TimeoutSeconds);
        Assert.Null(result.Definition.Tasks[0].Options.Retry);
    }

    [Fact]
    public void Anchors_and_aliases_share_values()
    {
        var result = Loads.Yaml("""
            name: x
            tasks:
              a:
                action: noop
                parameters: &common { region: eu, retries: 2 }
              b:
                action: noop
                parameters: *common
                retry: &r { max_attempts: 4 }
              c:
                action: noop
                retry: *r
            """);

        Assert.Empty(result.Diagnostics);
        var tasks = result.Definition!.Tasks;
        Assert.Equal(ModelDump.V(tasks[0].Options.Parameters), ModelDump.V(tasks[1].Options.Parameters));
        Assert.Equal(4, tasks[2].Options.Retry!.MaxAttempts);
    }

    [Fact]
    public void Input_defaults_are_plain_data_and_an_explicit_null_default_counts()
    {
        var result = Loads.Yaml("""
            name: x
            inputs:
              limit: { type: integer, default: 10 }
              label: { type: string, default: null }
              any:
            tasks: { t: { action: noop } }
            """);

        Assert.Empty(result.Diagnostics);
        var inputs = result.Definition!.Inputs;
        Assert.Equal(10L, inputs[0].Default);
        Assert.True(inputs[0].HasDefault);
        Assert.Null(inputs[1].Default);
        Assert.True(inputs[1].HasDefault);
        Assert.False(inputs[2].HasDefault);
        Assert.Equal(Definitions.InputType.Any, inputs[2].Type);
    }
}
