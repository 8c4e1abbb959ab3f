using System.Collections.Concurrent;
using System.Text;
using CsCheck;
using FastFlow.Storage.Stores;

namespace FastFlow.Core.Tests.Durability;

/// <summary>The crash contract over many random DAGs and crash points: a first engine dies after a
/// random number of store writes, a second recovers from what landed. Then every run ends
/// completed with the outputs the DAG defines, no task whose completion landed runs again, a task
/// runs again only as the attempt that was interrupted (same idempotency key), and no task runs
/// twice after the restart.</summary>
public sealed class CrashPropertyTests
{
    private static readonly Gen<(int[][] Dependencies, int CrashAfter)> s_cases =
        from count in Gen.Int[1, 12]
        from picks in Gen.Int[0, 1000].Array[count * 3]
        from crashAfter in Gen.Int[0, 60]
        select (Build(count, picks), crashAfter);

    private static int[][] Build(int count, int[] picks)
    {
        var dependencies = new int[count][];
        for (var task = 0; task < count; task++)
        {
            dependencies[task] = task == 0 ? [] : [.. picks.Skip(task * 3).Take(3).Where(p => p % 3 != 0).Select(p => p % task).Distinct()];
        }

        return dependencies;
    }

    [Fact]
    public void Every_crash_point_recovers_to_the_same_result_without_repeating_completed_work()
    {
        s_cases.Sample(testCase => Check(testCase.Dependencies, testCase.CrashAfter).GetAwaiter().GetResult(), iter: 150, threads: 1);
    }

    private static async Task Check(int[][] dependencies, int crashAfter)
    {
        var yaml = Yaml(dependencies);
        var definition = DurableEngine.Load(yaml);
        var memory = new InMemoryStateStore();
        var crashing = new CrashingStore(memory, crashAfter);
        var runs = new ConcurrentQueue<(int Life, string Key)>();
        string? runId = null;
        var first = DurableEngine.Create(crashing);
        Register(first, runs, life: 1);
        try
        {
            var handle = await first.StartAsync(definition);
            runId = handle.RunId;
            await Task.WhenAny(handle.Completion, crashing.Crashed).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (SimulatedCrashException)
        {
            // Died while starting or while running: exactly the moments this test is about.
        }

        first.Dispose();
        var completedBefore = runId is null ? [] : CompletedTasks(memory, runId);

        await using var second = DurableEngine.Create(memory);
        Register(second, runs, life: 2);
        var report = await second.RecoverAsync();
        Assert.True(report.Failed.Count == 0, string.Join("\n", report.Failed));
        if (runId is null)
        {
            // The run was never acknowledged: it may have landed in part or not at all. If it did,
            // it is recovered (or was never started) and runs like any other.
            var landed = second.ListStoredRuns();
            Assert.True(landed.Count <= 1);
            if (landed.Count == 0)
            {
                return;
            }

            runId = landed[0].RunId;
        }

        var stored = second.GetStoredRun(runId)!;
        RunResult result;
        if (second.TryGetRun(runId, out var handleAfter))
        {
            try
            {
                result = await handleAfter!.Completion.WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (TimeoutException)
            {
                var snapshot = handleAfter!.GetSnapshot();
                Assert.Fail($"The recovered run did not end: {snapshot.Status}, tasks " +
                    string.Join(", ", snapshot.Tasks.Select(static t => $"{t.Id}={t.Status.ToWireName()}")) + "; history " +
                    string.Join(", ", second.GetHistory(runId).Select(static e => $"{e.Type}:{e.TaskId}")));
                throw;
            }
        }
        else
        {
            Assert.Equal("completed", stored.Status);
            return;
        }

        Assert.Equal(RunStatus.Completed, result.Status);
        for (var task = 0; task < dependencies.Length; task++)
        {
            Assert.Equal(Expected(task, dependencies), result.GetTask($"t{task}").Output);
        }

        var after = runs.Where(static r => r.Life == 2).Select(static r => r.Key).ToList();
        Assert.Equal(after.Count, after.Distinct().Count());
        foreach (var key in after)
        {
            var task = key.Split('/')[1];
            Assert.DoesNotContain(task, completedBefore);
            // Every attempt is the first: nothing failed, and a re-run keeps its number.
            Assert.EndsWith("/1", key);
        }
    }

    private static HashSet<string> CompletedTasks(InMemoryStateStore store, string runId)
    {
        using var probe = DurableEngine.Create(store);
        return probe.GetStoredRun(runId) is null
            ? []
            : [.. probe.GetHistory(runId).Where(static e => e.Type == "task.completed").Select(static e => e.TaskId!)];
    }

    private static void Register(FlowEngine engine, ConcurrentQueue<(int, string)> runs, int life) =>
        engine.RegisterHandler("sum", ctx =>
        {
            runs.Enqueue((life, ctx.IdempotencyKey));
            var total = long.Parse(ctx.TaskId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) + 1;
            foreach (var dependency in ctx.DependencyIds)
            {
                total += (long)ctx.GetOutput(dependency)!;
            }

            return total;
        });

    private static long Expected(int task, int[][] dependencies) =>
        task + 1 + dependencies[task].Sum(d => Expected(d, dependencies));

    private static string Yaml(int[][] dependencies)
    {
        var text = new StringBuilder("id: crash-dag\ntasks:\n");
        for (var task = 0; task < dependencies.Length; task++)
        {
            text.Append($"  t{task}: {{ handler: sum, dependencies: [{string.Join(", ", dependencies[task].Select(d => $"t{d}"))}] }}\n");
        }

        return text.ToString();
    }
}
