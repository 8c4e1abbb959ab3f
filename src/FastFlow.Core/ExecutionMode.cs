namespace FastFlow;

/// <summary>The seed's <c>execution_mode</c> shorthand.</summary>
public enum ExecutionMode : byte
{
    /// <summary>Adds nothing: the task runs as soon as its dependencies allow. The default.</summary>
    Parallel = 0,
    /// <summary>A task with no dependencies depends on the task declared just before it.</summary>
    Sequential = 1,
    /// <summary>The task must have a condition (<c>when</c> or <c>conditions</c>).</summary>
    Conditional = 2,
}
