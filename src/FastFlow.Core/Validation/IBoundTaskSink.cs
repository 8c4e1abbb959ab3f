using FastFlow.Definitions;

namespace FastFlow.Validation;

/// <summary>Receives each task as soon as the validator has bound it, while what it was bound
/// from is still in cache: the plan compiler lowers tasks this way instead of walking a large
/// definition a second time. Tasks whose binding failed arrive too (without an action or
/// handler); the validation then has errors and what the sink made is dropped.</summary>
internal interface IBoundTaskSink
{
    /// <summary>Task <paramref name="task"/>, bound to <paramref name="bound"/> (the same instance
    /// for consecutive tasks that share their options), from <paramref name="options"/>.</summary>
    void Bound(int task, BoundTask bound, TaskOptions options);
}
