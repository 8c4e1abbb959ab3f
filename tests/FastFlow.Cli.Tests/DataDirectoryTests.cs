using FastFlow.Cli.Tests.Support;
using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;

namespace FastFlow.Cli.Tests;

/// <summary>The data directory itself: <c>verify</c>, a directory another process holds, one
/// that does not exist or is not a data directory, unknown runs and argument mistakes.</summary>
public sealed class DataDirectoryTests : IDisposable
{
    private const string Pausing = """
        id: pausing
        tasks:
          first: { action: noop }
          check: { action: fail, dependencies: [first], on_failure: pause, parameters: { message: "needs a person" } }
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Verify_says_all_good_for_a_sound_directory()
    {
        _dir.Write("pause.yaml", Pausing);
        Assert.Equal(4, (await Tool.RunAsync(_dir.Path, "run", "pause.yaml", "--quiet")).ExitCode);

        var text = await Tool.RunAsync(_dir.Path, "verify");
        var json = await Tool.RunAsync(_dir.Path, "verify", "--json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Matches(@"^\d+ records and \d+ history entries checked in \.fastflow: all good$", text.Lines.Single());
        Assert.True(json.ExitCode == 0, json.ToString());
        var report = json.Json();
        Assert.Equal(
            ["data", "records_checked", "history_entries_checked", "all_good", "corrupt"],
            report.EnumerateObject().Select(static p => p.Name));
        Assert.True(report.GetProperty("all_good").GetBoolean());
        Assert.True(report.GetProperty("records_checked").GetInt64() >= 3);
        Assert.True(report.GetProperty("history_entries_checked").GetInt64() > 0);
        Assert.Equal(0, report.GetProperty("corrupt").GetArrayLength());
    }

    [Fact]
    public async Task Verify_names_a_damaged_checkpoint_and_exits_1()
    {
        _dir.Write("pause.yaml", Pausing);
        Assert.Equal(4, (await Tool.RunAsync(_dir.Path, "run", "pause.yaml", "--run-id", "p1", "--quiet")).ExitCode);
        var key = await DamageACheckpointAsync(_dir.Combine(".fastflow"));

        var text = await Tool.RunAsync(_dir.Path, "verify");
        var json = await Tool.RunAsync(_dir.Path, "verify", "--json");
        var checkpoints = await Tool.RunAsync(_dir.Path, "checkpoints", "p1", "--json");

        Assert.True(text.ExitCode == 1, text.ToString());
        Assert.Contains(text.Lines, l => l.StartsWith($"✗ {key} (Checkpoint): ", StringComparison.Ordinal));
        Assert.EndsWith(": 1 damaged", text.Lines[^1], StringComparison.Ordinal);
        Assert.True(json.ExitCode == 1, json.ToString());
        Assert.False(json.Json().GetProperty("all_good").GetBoolean());
        var corrupt = Assert.Single(json.Json().GetProperty("corrupt").EnumerateArray());
        Assert.Equal((key, "Checkpoint"), (corrupt.GetProperty("where").GetString(), corrupt.GetProperty("kind").GetString()));
        Assert.False(string.IsNullOrEmpty(corrupt.GetProperty("problem").GetString()));
        var listed = Assert.Single(checkpoints.Json().GetProperty("checkpoints").EnumerateArray());
        Assert.True(listed.GetProperty("corrupt").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, listed.GetProperty("level").ValueKind);
    }

    [Fact]
    public async Task A_data_directory_held_by_another_process_is_a_clear_error_naming_it()
    {
        _dir.Write("pause.yaml", Pausing);
        Assert.Equal(4, (await Tool.RunAsync(_dir.Path, "run", "pause.yaml", "--data", "held", "--quiet")).ExitCode);

        CliResult runs;
        CliResult run;
        await using (FasterStateStore.Open(_dir.Combine("held")))
        {
            runs = await Tool.RunAsync(_dir.Path, "runs", "--data", "held");
            run = await Tool.RunAsync(_dir.Path, "run", "pause.yaml", "--data", "held", "--json");
        }

        Assert.True(runs.ExitCode == 2, runs.ToString());
        Assert.Contains($"fastflow: error: the data directory 'held' is in use by process {Environment.ProcessId}", runs.StdErr, StringComparison.Ordinal);
        Assert.Contains("hint: only one fastflow can use a data directory at a time", runs.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", runs.StdErr, StringComparison.Ordinal);
        Assert.True(run.ExitCode == 2, run.ToString());
        Assert.Contains("is in use by process", run.Json().GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("status")]
    [InlineData("history")]
    [InlineData("checkpoints")]
    [InlineData("resume")]
    [InlineData("cancel")]
    [InlineData("rollback")]
    public async Task An_unknown_run_is_exit_2_naming_the_directory_with_a_hint(string command)
    {
        _dir.Write("pause.yaml", Pausing);
        Assert.Equal(4, (await Tool.RunAsync(_dir.Path, "run", "pause.yaml", "--data", "d", "--quiet")).ExitCode);

        var result = await Tool.RunAsync(_dir.Path, command, "nope", "--data", "d");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("fastflow: error: no run 'nope' in d", result.StdErr, StringComparison.Ordinal);
        Assert.Contains("hint: `fastflow runs --data d` lists the runs kept there", result.StdErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("runs")]
    [InlineData("verify")]
    [InlineData("status", "r1")]
    public async Task A_missing_data_directory_is_an_error_and_is_not_created(params string[] args)
    {
        var result = await Tool.RunAsync(_dir.Path, args);
        var given = await Tool.RunAsync(_dir.Path, [.. args, "--data", "nowhere"]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("fastflow: error: there is no data directory '.fastflow' in the current directory", result.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.Combine(".fastflow")));
        Assert.True(given.ExitCode == 2, given.ToString());
        Assert.Contains("there is no data directory 'nowhere'", given.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.Combine("nowhere")));
    }

    [Fact]
    public async Task A_folder_that_is_not_a_data_directory_is_refused_and_left_alone()
    {
        _dir.Write("notes/todo.txt", "not fastflow's");
        _dir.Write("quick.yaml", "id: q\ntasks:\n  a: { action: noop }\n");

        var read = await Tool.RunAsync(_dir.Path, "runs", "--data", "notes");
        var write = await Tool.RunAsync(_dir.Path, "run", "quick.yaml", "--data", "notes");

        Assert.True(read.ExitCode == 2, read.ToString());
        Assert.Contains("'notes' is not a FastFlow data directory (it has no FORMAT file)", read.StdErr, StringComparison.Ordinal);
        Assert.True(write.ExitCode == 2, write.ToString());
        Assert.Contains("'notes' is not a FastFlow data directory", write.StdErr, StringComparison.Ordinal);
        Assert.Equal(["todo.txt"], Directory.GetFileSystemEntries(_dir.Combine("notes")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_invalid_definition_creates_no_data_directory()
    {
        _dir.Write("bad.yaml", "id: bad\ntasks:\n  a: { action: noop, dependencies: [zz] }\n");

        var result = await Tool.RunAsync(_dir.Path, "run", "bad.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.False(Directory.Exists(_dir.Combine(".fastflow")));
    }

    [Theory]
    [InlineData("--limit 0 is not a number of runs", "runs", "--limit", "0")]
    [InlineData("--limit -2 is not a number of runs", "runs", "--limit", "-2")]
    [InlineData("--limit many is not a number of runs", "runs", "--limit", "many")]
    [InlineData("'finished'", "runs", "--status", "finished")]
    [InlineData("--data and --in-memory cannot be used together", "run", "flow.yaml", "--data", "d", "--in-memory")]
    [InlineData("--run-id 'a/b' is not a run id", "run", "flow.yaml", "--run-id", "a/b")]
    [InlineData("--checkpoint 0 is not a checkpoint id", "rollback", "r1", "--checkpoint", "0")]
    [InlineData("RUN needs a run id, not an empty value.", "status", "")]
    public async Task Argument_mistakes_are_exit_2_before_anything_is_opened(string expected, params string[] args)
    {
        _dir.Write("flow.yaml", "id: q\ntasks:\n  a: { action: noop }\n");

        var result = await Tool.RunAsync(_dir.Path, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(expected, result.StdErr, StringComparison.Ordinal);
        Assert.Contains("usage: fastflow ", result.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.Combine(".fastflow")));
        Assert.False(Directory.Exists(_dir.Combine("d")));
    }

    /// <summary>Replaces the first checkpoint record with bytes that are no record, through the
    /// store's own API (its files are binary), and returns its key.</summary>
    private static async Task<string> DamageACheckpointAsync(string dataDirectory)
    {
        var store = FasterStateStore.Open(dataDirectory, new StateStoreOptions { Durability = StoreDurability.Immediate });
        await using (store)
        {
            var key = store.Scan("ckpt/").Select(static r => r.Key).First();
            var ticket = store.Put(key, "not a record, just some bytes"u8);
            await store.WaitDurableAsync(ticket);
            return key;
        }
    }
}
