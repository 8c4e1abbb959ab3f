using System.Runtime.CompilerServices;

namespace FastFlow;

/// <summary>The outcome of one attempt: an output on success, an error otherwise.
/// A struct, so that a synchronous handler returns it without allocating.</summary>
public readonly struct TaskResult
{
    private TaskResult(object? output, TaskError? error)
    {
        Output = output;
        Error = error;
    }

    /// <summary>A successful attempt without output.</summary>
    public static TaskResult Empty => default;

    /// <summary>The attempt's output (plain data: null, bool, long, double, string, lists and
    /// string-keyed dictionaries of those); null on failure.</summary>
    public object? Output { get; }

    /// <summary>The error of a failed attempt; null on success.</summary>
    public TaskError? Error { get; }

    /// <summary>True when the attempt succeeded.</summary>
    public bool IsSuccess
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Error is null;
    }

    /// <summary>A successful attempt with the given output.</summary>
    public static TaskResult Success(object? output = null) => new(output, null);

    /// <summary>A failed attempt.</summary>
    public static TaskResult Failure(TaskError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(null, error);
    }

    /// <summary>A failed attempt with a category and a message.</summary>
    public static TaskResult Failure(ErrorCategory category, string message) => new(null, new TaskError(category, message));

    /// <summary>Wraps an output as a successful result.</summary>
    public static implicit operator ValueTask<TaskResult>(TaskResult result) => new(result);
}
