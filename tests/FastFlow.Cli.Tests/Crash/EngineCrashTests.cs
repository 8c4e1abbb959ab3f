using System.Globalization;
using System.Text.Json;
using FastFlow.Cli.Tests.Support;
using Xunit.Abstractions;

namespace FastFlow.Cli.Tests.Crash;

/// <summary>The crash contract through the real binary (issue #3 item 10): <c>fastflow run</c> on
/// a data directory is killed with SIGKILL at random moments, <c>fastflow resume</c> continues it,
/// and is killed again, until the run ends. Every task is an <c>exec</c> that appends its
/// idempotency key to a file. Checked against what each killed process had printed (its
/// acknowledgements): no acknowledged run or task completion is lost, no task acknowledged as
/// completed runs again in a later life, a task runs again only as the attempt a kill interrupted
/// (same key), and every run ends completed with every task completed. 50 kills in CI;
/// <c>FASTFLOW_ENGINE_CRASH_KILLS=N</c> for more (docs/storage.md).</summary>
public sealed class EngineCrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Width = 6;
    private const int Layers = 4;
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Runs_killed_at_random_moments_lose_nothing_acknowledged_and_repeat_no_completed_task()
    {
        var kills = int.TryParse(Environment.GetEnvironmentVariable("FASTFLOW_ENGINE_CRASH_KILLS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var asked) && asked > 0
            ? asked
            : 50;
        var workflow = _directory.Write("crash.yaml", Workflow());
        var data = _directory.Combine("data");
        var seed = Environment.TickCount;
        var random = new Random(seed);
        // One run without kills measures how long a life takes on this machine (start-up, recovery
        // and the run); kills then land anywhere in that span, whatever the machine's speed.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await KillUntilDoneAsync("crash-calibration", workflow, data, random, killBudget: 0);
        _lifeMilliseconds = (int)Math.Max(300, clock.ElapsedMilliseconds);
        var killed = 0;
        var runs = 0;
        for (; killed < kills; runs++)
        {
            killed += await KillUntilDoneAsync($"crash-run-{runs}", workflow, data, random, kills - killed);
        }

        output.WriteLine($"seed {seed}: a life takes {_lifeMilliseconds} ms; {killed} kills over {runs} runs; {_midRunKills} kills after some task had completed, " +
            $"{_rerunKeys} attempts re-run after a kill interrupted them");
        // The kills must land while runs do work, not only while the process starts.
        Assert.True(_midRunKills > 0, "No kill landed after a task had completed: the harness did not test recovery.");
    }

    private int _midRunKills;
    private int _lifeMilliseconds;
    private int _rerunKeys;

    private async Task<int> KillUntilDoneAsync(string runId, string workflow, string data, Random random, int killBudget)
    {
        var keysFile = _directory.Combine("keys", runId + ".log");
        Directory.CreateDirectory(Path.GetDirectoryName(keysFile)!);
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
        var created = false;
        var kills = 0;
        var seenKeys = 0;
        for (var life = 0; ; life++)
        {
            string[] args = life == 0
                ? ["run", workflow, "--data", data, "--run-id", runId, "--input", $"keys={keysFile}"]
                : ["resume", runId, "--data", data];
            using var process = CrashLife.Start(_directory.Path, args);
            // Anywhere in a life: start-up, recovery, mid-run, or (rarely) just after the end.
            var wasKilled = kills < killBudget && await process.KillAfterAsync(TimeSpan.FromMilliseconds(random.Next(_lifeMilliseconds / 10, _lifeMilliseconds * 4 / 5)));
            if (!wasKilled)
            {
                await process.WaitEndAsync();
            }

            // Keys written in this life: none may belong to a task acknowledged completed before it.
            var keys = ReadKeys(keysFile);
            foreach (var key in keys.Skip(seenKeys))
            {
                var parts = key.Split('/');
                Assert.True(parts.Length == 3 && parts[0] == runId, $"Unexpected key '{key}'.");
                Assert.False(acknowledged.Contains(parts[1]), $"Task '{parts[1]}' of {runId} ran again in life {life} after its completion was acknowledged.");
                Assert.Equal("1", parts[2]);
            }

            _rerunKeys += keys.Skip(seenKeys).Count(key => keys.Take(seenKeys).Contains(key));
            seenKeys = keys.Count;
            foreach (var line in process.Lines)
            {
                created |= line.Contains($"run {runId}", StringComparison.Ordinal) || line.Contains("workflow.started", StringComparison.Ordinal);
                if (Completed(line) is { } task)
                {
                    acknowledged.Add(task);
                }
            }

            if (wasKilled)
            {
                kills++;
                _midRunKills += acknowledged.Count > 0 && acknowledged.Count < Width * Layers ? 1 : 0;
                continue;
            }

            if (!created && process.ExitCode == 2 &&
                (process.Stderr.Contains("no run", StringComparison.Ordinal) || process.Stderr.Contains("no data directory", StringComparison.Ordinal) ||
                 process.Stderr.Contains("is not a FastFlow data directory", StringComparison.Ordinal)))
            {
                // Killed before the run was acknowledged, and its creation had not landed: it never existed.
                return kills;
            }

            Assert.True(process.ExitCode == 0, $"Life {life} of {runId} ended with {process.ExitCode}:\n{string.Join("\n", process.Lines)}\n{process.Stderr}");
            break;
        }

        var final = await Tool.RunAsync(_directory.Path, "status", runId, "--data", data, "--json");
        Assert.Equal(0, final.ExitCode);
        using var json = JsonDocument.Parse(final.StdOut);
        Assert.Equal("completed", json.RootElement.GetProperty("status").GetString());
        var tasks = json.RootElement.GetProperty("tasks");
        foreach (var task in TaskIds())
        {
            Assert.Equal("completed", tasks.GetProperty(task).GetProperty("status").GetString());
        }

        // Every acknowledged completion survived; every task ran at least once, each key at most once per life.
        var ran = ReadKeys(keysFile).Select(static k => k.Split('/')[1]).ToHashSet(StringComparer.Ordinal);
        Assert.Subset(ran, acknowledged);
        Assert.Equal(TaskIds().ToHashSet(StringComparer.Ordinal), ran);
        return kills;
    }

    private static string? Completed(string line)
    {
        const string marker = " task.completed ";
        var at = line.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = line[(at + marker.Length)..];
        var end = rest.IndexOf(' ', StringComparison.Ordinal);
        return end < 0 ? rest : rest[..end];
    }

    private static List<string> ReadKeys(string file) =>
        File.Exists(file) ? [.. File.ReadAllLines(file).Where(static l => l.Length > 0)] : [];

    private static IEnumerable<string> TaskIds()
    {
        for (var layer = 0; layer < Layers; layer++)
        {
            for (var i = 0; i < Width; i++)
            {
                yield return $"l{layer}_{i}";
            }
        }
    }

    /// <summary>Layers of exec tasks, each depending on two tasks of the layer before; each appends
    /// its idempotency key to the keys file (one short line: an atomic append) and pauses briefly.</summary>
    private static string Workflow()
    {
        var text = new System.Text.StringBuilder("""
            id: crash-harness
            inputs:
              keys: { type: string, required: true }
            tasks:

            """);
        for (var layer = 0; layer < Layers; layer++)
        {
            for (var i = 0; i < Width; i++)
            {
                var dependencies = layer == 0 ? string.Empty : $", dependencies: [l{layer - 1}_{i}, l{layer - 1}_{(i + 1) % Width}]";
                text.Append(CultureInfo.InvariantCulture,
                    $"  l{layer}_{i}: {{ action: exec, parameters: {{ command: sh, args: [\"-c\", \"echo \\\"$FASTFLOW_IDEMPOTENCY_KEY\\\" >> \\\"$KEYS\\\"; sleep 0.02\"], env: {{ KEYS: \"${{{{ inputs.keys }}}}\" }} }}{dependencies} }}\n");
            }
        }

        return text.ToString();
    }
}
