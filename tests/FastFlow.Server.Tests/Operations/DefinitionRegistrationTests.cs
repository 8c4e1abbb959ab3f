using FastFlow.Definitions.Loading;
using FastFlow.Protocol;
using FastFlow.Protocol.Messages;

namespace FastFlow.Server.Tests.Operations;

/// <summary>register_definition: a valid definition is stored under its id; an invalid one comes
/// back with every finding the local validator reports; an action the server refuses is named
/// with how the operator enables it.</summary>
public sealed class DefinitionRegistrationTests
{
    private const string Valid = """
        id: pipeline
        name: A pipeline
        revision: 3
        tasks:
          extract: { action: set, parameters: { values: { rows: 3 } } }
          load: { action: noop, dependencies: [extract] }
        """;

    /// <summary>Three independent mistakes: an unknown dependency, an unknown action and an unknown field.</summary>
    private const string Broken = """
        id: broken
        tasks:
          a: { action: noop, dependencies: [nowhere] }
          b: { action: no_such_action }
          c: { action: noop, colour: blue }
        """;

    [Fact]
    public async Task A_valid_definition_is_registered_with_its_id_name_version_and_task_count()
    {
        await using var harness = DispatcherHarness.Create();

        var registered = await harness.RegisterAsync(Valid);

        Assert.Equal("pipeline", registered.WorkflowId);
        Assert.Equal("A pipeline", registered.Name);
        Assert.Equal("3", registered.Version);
        Assert.Equal(2, registered.TaskCount);
        Assert.Empty(registered.Warnings);
        var run = await harness.SubmitAsync("pipeline", wait: true);
        Assert.Equal("completed", run.Status);
    }

    [Fact]
    public async Task An_invalid_definition_comes_back_with_every_finding_the_local_validator_reports()
    {
        await using var harness = DispatcherHarness.Create();
        var load = DefinitionLoader.Load(Broken, DefinitionFormat.Yaml, "broken.yaml");
        var validation = harness.Engine.Validate(load.Definition!);
        var expected = load.Diagnostics.Concat(validation.Diagnostics).Select(static d => (d.Code, d.Path)).Distinct().Order().ToList();
        Assert.True(expected.Count >= 3, "the definition should have at least three findings");

        var error = await harness.ExpectErrorAsync(new RegisterDefinitionMessage { Source = Broken, FileName = "broken.yaml" }, ErrorCode.InvalidDefinition);

        Assert.Equal(expected, error.Details.Select(static d => (d.Code, d.Path)).Order().ToList());
        Assert.All(error.Details, d =>
        {
            Assert.False(string.IsNullOrWhiteSpace(d.Message));
            Assert.True(d.Line > 0, $"{d.Code} at {d.Path} has no line");
        });
        Assert.Contains("broken.yaml", error.Message);
        Assert.Contains(error.Details, d => d.Path == "tasks.b.action" && d.Severity == "error");
        // Nothing was stored: the id is unknown.
        await harness.ExpectErrorAsync(new SubmitRunMessage { WorkflowId = "broken" }, ErrorCode.NotFound);
    }

    [Fact]
    public async Task A_syntax_error_is_an_invalid_definition_with_its_line()
    {
        await using var harness = DispatcherHarness.Create();

        var error = await harness.ExpectErrorAsync(new RegisterDefinitionMessage { Source = "id: x\ntasks: [unclosed\n" }, ErrorCode.InvalidDefinition);

        var finding = Assert.Single(error.Details);
        Assert.Equal("FF1001", finding.Code);
        Assert.True(finding.Line > 0);
    }

    [Fact]
    public async Task A_definition_using_a_refused_action_is_refused_naming_the_task_the_action_and_how_to_enable_it()
    {
        var server = new FastFlowServerOptions { RefusedActions = new HashSet<string>(["exec", "file_operation"]) };
        await using var harness = DispatcherHarness.Create(server: server);
        const string Yaml = """
            id: shell
            tasks:
              build: { action: exec, parameters: { command: [make] } }
              copy: { action: file_operation, parameters: { operation: read, path: a.txt } }
              fine: { action: noop }
            """;

        var error = await harness.ExpectErrorAsync(new RegisterDefinitionMessage { Source = Yaml, FileName = "shell.yaml" }, ErrorCode.Refused);

        Assert.Contains("task 'build'", error.Message);
        Assert.Contains("'exec'", error.Message);
        Assert.Contains("--allow-program", error.Message);
        Assert.Contains("task 'copy'", error.Message);
        Assert.Contains("--file-root", error.Message);
        Assert.Equal(["tasks.build.action", "tasks.copy.action"], error.Details.Select(static d => d.Path));
        Assert.All(error.Details, static d => Assert.True(d.Line > 0));
        // The same text sent with a submit is refused the same way.
        await harness.ExpectErrorAsync(new SubmitRunMessage { Source = Yaml }, ErrorCode.Refused);
    }

    [Fact]
    public async Task The_latest_registration_of_an_id_wins()
    {
        await using var harness = DispatcherHarness.Create();
        await harness.RegisterAsync("id: twice\ntasks:\n  one: { action: noop }\n");
        await harness.RegisterAsync("id: twice\ntasks:\n  one: { action: noop }\n  two: { action: noop, dependencies: [one] }\n");

        var run = await harness.SubmitAsync("twice", wait: true);

        Assert.Equal(["one", "two"], run.Tasks.Select(static t => t.Id));
    }

    [Fact]
    public async Task Text_sent_again_after_another_registration_of_its_id_is_registered_again()
    {
        await using var harness = DispatcherHarness.Create();
        const string One = "id: again\ntasks:\n  one: { action: noop }\n";
        const string Two = "id: again\ntasks:\n  one: { action: noop }\n  two: { action: noop }\n";
        Assert.Equal(["one"], (await harness.ExpectAsync<RunStateMessage>(new SubmitRunMessage { Source = One, Wait = true })).Tasks.Select(static t => t.Id));
        Assert.Equal(["one", "two"], (await harness.ExpectAsync<RunStateMessage>(new SubmitRunMessage { Source = Two, Wait = true })).Tasks.Select(static t => t.Id));

        var back = await harness.ExpectAsync<RunStateMessage>(new SubmitRunMessage { Source = One, Wait = true });
        var byId = await harness.SubmitAsync("again", wait: true);

        Assert.Equal(["one"], back.Tasks.Select(static t => t.Id));
        Assert.Equal(["one"], byId.Tasks.Select(static t => t.Id));
    }

    [Fact]
    public async Task A_json_definition_is_read_as_json()
    {
        await using var harness = DispatcherHarness.Create();

        var registered = await harness.ExpectAsync<DefinitionRegisteredMessage>(new RegisterDefinitionMessage
        {
            Source = """{ "id": "json-flow", "tasks": { "a": { "action": "noop" } } }""",
        });

        Assert.Equal("json-flow", registered.WorkflowId);
    }
}
