using FastFlow.Cli.Tests.Support;

namespace FastFlow.Cli.Tests;

/// <summary>What a local run enables: <c>exec</c>, and <c>file_operation</c> under the working
/// directory or <c>--file-root</c>.</summary>
public sealed class ActionTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Exec_runs_programs_in_a_local_run()
    {
        _dir.Write("flow.yaml", """
            id: execs
            tasks:
              hello:
                action: exec
                parameters: { command: echo, args: ['{"n": 7}'] }
            outputs:
              n: "${{ tasks.hello.output.stdout.n }}"
            """);

        var result = await Tool.RunAsync(_dir.Path, "run", "flow.yaml", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(7, result.Json().GetProperty("outputs").GetProperty("n").GetInt64());
    }

    [Fact]
    public async Task File_operations_work_under_the_file_root_and_nowhere_else()
    {
        Directory.CreateDirectory(_dir.Combine("root"));
        _dir.Write("flow.yaml", """
            id: files
            tasks:
              write:
                action: file_operation
                parameters: { operation: write, path: notes/out.txt, content: "written by fastflow" }
              read:
                action: file_operation
                dependencies: [write]
                parameters: { operation: read, path: notes/out.txt }
              escape:
                action: file_operation
                dependencies: [read]
                parameters: { operation: read, path: ../flow.yaml }
            """);

        var result = await Tool.RunAsync(_dir.Path, "run", "flow.yaml", "--file-root", "root", "--json");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("written by fastflow", File.ReadAllText(_dir.Combine("root", "notes", "out.txt")));
        var tasks = result.Json().GetProperty("tasks");
        Assert.Equal("completed", tasks.GetProperty("read").GetProperty("status").GetString());
        Assert.Contains("written by fastflow", tasks.GetProperty("read").GetProperty("output").GetRawText(), StringComparison.Ordinal);
        Assert.Equal("failed", tasks.GetProperty("escape").GetProperty("status").GetString());
        Assert.Equal("permanent", tasks.GetProperty("escape").GetProperty("error").GetProperty("category").GetString());
    }
}
