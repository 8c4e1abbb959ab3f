using System.Globalization;
using System.Text.Json;
using FastFlow.Cli.Tests.Support;

namespace FastFlow.Cli.Tests;

/// <summary>The one JSON object of <c>run --json</c> (DESIGN §7), field by field.</summary>
public sealed class RunJsonTests : IDisposable
{
    private const string Flow = """
        id: shapes
        inputs:
          who: { type: string, default: world }
        tasks:
          greet:
            action: set
            parameters:
              values: { greeting: "hello ${{ inputs.who }}" }
          pause:
            action: delay
            dependencies: [greet]
            parameters: { seconds: 0.05 }
          skipped:
            action: noop
            dependencies: [greet]
            when: "inputs.who == 'nobody'"
          echo:
            action: noop
            dependencies: [pause]
            parameters: { text: "${{ tasks.greet.output.greeting }}", n: 3, list: [1, 2.5, true, null] }
        outputs:
          greeting: "${{ tasks.greet.output.greeting }}"
          echoed: "${{ tasks.echo.output }}"
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_completed_run_prints_exactly_the_documented_object()
    {
        _dir.Write("flow.yaml", Flow);

        var result = await Tool.RunAsync(_dir.Path, "run", "flow.yaml", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(result.StdErr);
        var json = result.Json();
        Assert.Equal(["run_id", "workflow_id", "status", "started_at", "completed_at", "duration_ms", "tasks", "outputs"], Names(json));
        Assert.Matches("^[0-9a-f]{32}$", json.GetProperty("run_id").GetString());
        Assert.Equal("shapes", json.GetProperty("workflow_id").GetString());
        Assert.Equal("completed", json.GetProperty("status").GetString());
        var started = Iso(json.GetProperty("started_at"));
        var completed = Iso(json.GetProperty("completed_at"));
        Assert.True(completed >= started);
        var duration = json.GetProperty("duration_ms").GetInt64();
        Assert.InRange(duration, 50, 60_000);
        Assert.InRange(Math.Abs((completed - started).TotalMilliseconds - duration), 0, 1.5);

        var tasks = json.GetProperty("tasks");
        Assert.Equal(["greet", "pause", "skipped", "echo"], Names(tasks));
        foreach (var task in tasks.EnumerateObject())
        {
            Assert.Equal(["status", "attempts", "output", "error"], Names(task.Value));
        }

        Assert.Equal(("completed", 1), Status(tasks, "greet"));
        Assert.Equal("hello world", tasks.GetProperty("greet").GetProperty("output").GetProperty("greeting").GetString());
        Assert.Equal(JsonValueKind.Null, tasks.GetProperty("greet").GetProperty("error").ValueKind);
        Assert.Equal(("skipped", 0), Status(tasks, "skipped"));
        Assert.Equal(JsonValueKind.Null, tasks.GetProperty("skipped").GetProperty("output").ValueKind);
        var echo = tasks.GetProperty("echo").GetProperty("output");
        Assert.Equal("hello world", echo.GetProperty("text").GetString());
        Assert.Equal(3, echo.GetProperty("n").GetInt64());
        Assert.Equal("[1,2.5,true,null]", echo.GetProperty("list").GetRawText().Replace(" ", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal));

        var outputs = json.GetProperty("outputs");
        Assert.Equal(["greeting", "echoed"], Names(outputs));
        Assert.Equal("hello world", outputs.GetProperty("greeting").GetString());
        Assert.Equal(3, outputs.GetProperty("echoed").GetProperty("n").GetInt64());
    }

    [Fact]
    public async Task A_failed_run_exits_1_with_the_error_category_and_message_of_its_task()
    {
        _dir.Write("fail.yaml", """
            id: failing
            tasks:
              first: { action: noop }
              broken:
                action: fail
                dependencies: [first]
                parameters: { category: business, message: "the ledger does not balance" }
              after: { action: noop, dependencies: [broken] }
            """);

        var result = await Tool.RunAsync(_dir.Path, "run", "fail.yaml", "--json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var json = result.Json();
        Assert.Equal("failed", json.GetProperty("status").GetString());
        var tasks = json.GetProperty("tasks");
        Assert.Equal(("completed", 1), Status(tasks, "first"));
        Assert.Equal(("failed", 1), Status(tasks, "broken"));
        var error = tasks.GetProperty("broken").GetProperty("error");
        Assert.Equal(["category", "message"], Names(error));
        Assert.Equal("business", error.GetProperty("category").GetString());
        Assert.Equal("the ledger does not balance", error.GetProperty("message").GetString());
        Assert.NotEqual("completed", tasks.GetProperty("after").GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Object, json.GetProperty("outputs").ValueKind);
    }

    [Fact]
    public async Task Retries_count_as_attempts()
    {
        _dir.Write("retry.yaml", """
            id: retrying
            tasks:
              flaky:
                action: fail
                retry: { max_attempts: 3, base_delay_seconds: 0.01, max_delay_seconds: 0.02, jitter: false }
                parameters: { category: transient, message: "try again" }
            """);

        var result = await Tool.RunAsync(_dir.Path, "run", "retry.yaml", "--json");

        Assert.True(result.ExitCode == 1, result.ToString());
        var flaky = result.Json().GetProperty("tasks").GetProperty("flaky");
        Assert.Equal(3, flaky.GetProperty("attempts").GetInt32());
        Assert.Equal("transient", flaky.GetProperty("error").GetProperty("category").GetString());
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(static p => p.Name)];

    private static (string?, int) Status(JsonElement tasks, string id) =>
        (tasks.GetProperty(id).GetProperty("status").GetString(), tasks.GetProperty(id).GetProperty("attempts").GetInt32());

    /// <summary>An ISO 8601 UTC time with milliseconds, as the CLI writes them.</summary>
    private static DateTimeOffset Iso(JsonElement element)
    {
        var text = element.GetString();
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$", text);
        return DateTimeOffset.Parse(text!, CultureInfo.InvariantCulture);
    }
}
