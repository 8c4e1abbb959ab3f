namespace FastFlow.Expressions.Nodes;

/// <summary>Where a path starts.</summary>
internal enum PathRoot : byte
{
    /// <summary><c>inputs.name</c></summary>
    Input,
    /// <summary><c>context.name</c></summary>
    Context,
    /// <summary><c>params.name</c></summary>
    Param,
    /// <summary><c>tasks.id.output</c></summary>
    TaskOutput,
    /// <summary><c>tasks.id.status</c></summary>
    TaskStatus,
    /// <summary><c>run.id</c></summary>
    RunId,
    /// <summary><c>run.workflow_id</c></summary>
    WorkflowId,
    /// <summary>Any other expression followed by members or indexes: <c>(x)[0]</c>.</summary>
    Expression,
}
