namespace FastFlow.Core.Tests.Semantics;

/// <summary>DESIGN §3's trigger rules, conditions and on_failure: fail/skip, evaluated one task at
/// a time in index order (a topological order of a <see cref="DagCase"/>), with nothing concurrent.
/// The engine must reach the same final statuses.</summary>
internal static class ReferenceInterpreter
{
    public static FlowTaskStatus[] FinalStatuses(DagCase dag)
    {
        var status = new FlowTaskStatus[dag.Count];
        for (var task = 0; task < dag.Count; task++)
        {
            var dependencies = dag.Dependencies[task];
            var ready = dependencies.Length == 0 || dag.Rules[task] switch
            {
                TriggerRule.AllSuccess => dependencies.All(d => status[d] == FlowTaskStatus.Completed),
                TriggerRule.NoneFailed => dependencies.All(d => status[d] is not (FlowTaskStatus.Failed or FlowTaskStatus.Timeout)),
                TriggerRule.OneSuccess => dependencies.Any(d => status[d] == FlowTaskStatus.Completed),
                _ => true,
            };

            status[task] = !ready || dag.WhenFalse[task]
                ? FlowTaskStatus.Skipped
                : dag.Fails[task] ? FlowTaskStatus.Failed : FlowTaskStatus.Completed;
        }

        return status;
    }

    /// <summary>True when some task fails with on_failure fail: the run fails.</summary>
    public static bool RunFails(DagCase dag, FlowTaskStatus[] status) =>
        Enumerable.Range(0, dag.Count).Any(task => status[task] == FlowTaskStatus.Failed && !dag.SkipOnFailure[task]);
}
