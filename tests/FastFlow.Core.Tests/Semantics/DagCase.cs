using System.Text;
using CsCheck;

namespace FastFlow.Core.Tests.Semantics;

/// <summary>A random workflow for the property tests: tasks 0..Count-1, edges only from a lower
/// to a higher index (so index order is a topological order), and per task a trigger rule, whether
/// its handler fails, whether its on_failure is skip, whether its condition is false, a priority;
/// per run an optional max_concurrency, synchronous or asynchronous handlers, and whether events
/// are observed (which sends every task down the engine's slow path).</summary>
internal sealed record DagCase(
    int Count,
    int[][] Dependencies,
    TriggerRule[] Rules,
    bool[] Fails,
    bool[] SkipOnFailure,
    bool[] WhenFalse,
    TaskPriority[] Priorities,
    int? MaxConcurrency,
    bool AsyncHandlers,
    bool Observe)
{
    public static Gen<DagCase> Gen { get; } =
        from count in CsCheck.Gen.Int[1, 40]
        from pairs in CsCheck.Gen.Select(CsCheck.Gen.Int[0, count - 1], CsCheck.Gen.Int[0, count - 1]).Array[0, 3 * count]
        from rules in CsCheck.Gen.Int[0, 3].Array[count]
        from fails in CsCheck.Gen.Int[0, 4].Array[count]
        from skips in CsCheck.Gen.Int[0, 3].Array[count]
        from whens in CsCheck.Gen.Int[0, 9].Array[count]
        from priorities in CsCheck.Gen.Int[0, 3].Array[count]
        from limit in CsCheck.Gen.Int[0, 4]
        from asyncHandlers in CsCheck.Gen.Bool
        from observe in CsCheck.Gen.Bool
        select new DagCase(
            count,
            Edges(count, pairs),
            [.. rules.Select(r => (TriggerRule)r)],
            [.. fails.Select(f => f == 0)],
            [.. skips.Select(s => s != 0)],
            [.. whens.Select(w => w == 0)],
            [.. priorities.Select(p => (TaskPriority)p)],
            limit == 0 ? null : limit,
            asyncHandlers,
            observe);

    /// <summary>Per task, its distinct dependencies (all of a lower index), ascending.</summary>
    private static int[][] Edges(int count, (int, int)[] pairs)
    {
        var dependencies = Enumerable.Range(0, count).Select(_ => new SortedSet<int>()).ToArray();
        foreach (var (x, y) in pairs)
        {
            if (x != y)
            {
                dependencies[Math.Max(x, y)].Add(Math.Min(x, y));
            }
        }

        return [.. dependencies.Select(d => d.ToArray())];
    }

    public static string Id(int task) => "t" + task.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A readable listing for CsCheck's failure report.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(System.Globalization.CultureInfo.InvariantCulture, $"{Count} tasks, max_concurrency {MaxConcurrency?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}, {(AsyncHandlers ? "async" : "sync")}, {(Observe ? "observed" : "unobserved")}");
        for (var i = 0; i < Count; i++)
        {
            text.AppendLine();
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"  {Id(i)} <- [{string.Join(",", Dependencies[i].Select(Id))}] {Rules[i].ToWireName()} {Priorities[i].ToWireName()}{(Fails[i] ? " FAILS" : string.Empty)}{(SkipOnFailure[i] ? " on_failure:skip" : string.Empty)}{(WhenFalse[i] ? " when:false" : string.Empty)}");
        }

        return text.ToString();
    }
}
