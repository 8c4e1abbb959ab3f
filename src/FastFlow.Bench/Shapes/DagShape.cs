namespace FastFlow.Bench.Shapes;

/// <summary>The four empty-task DAG shapes the issue measures against Taskflow 4.1.</summary>
public enum DagShape
{
    /// <summary>t0 → t1 → … → tN-1.</summary>
    Chain,
    /// <summary>A complete binary tree rooted at node 0, edges from parent to children.</summary>
    Tree,
    /// <summary>A side × side grid: cell (i, j) depends on (i − 1, j) and (i, j − 1).</summary>
    Wavefront,
    /// <summary>N independent tasks and one join that depends on all of them.</summary>
    Fanout,
}
