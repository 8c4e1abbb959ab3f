namespace FastFlow;

/// <summary>Dispatch priority of a task or a run; ready work runs critical first.</summary>
public enum TaskPriority : byte
{
    /// <summary>Runs when nothing more urgent is ready.</summary>
    Low = 0,
    /// <summary>The default (alias <c>medium</c> in definitions).</summary>
    Normal = 1,
    /// <summary>Runs before normal work.</summary>
    High = 2,
    /// <summary>Runs before everything else.</summary>
    Critical = 3,
}
