using System.Diagnostics.CodeAnalysis;

namespace FastFlow;

/// <summary>The snake_case names that enums have in definitions, JSON output and the protocol.</summary>
public static class WireNames
{
    private static readonly string[] s_runStatus = ["pending", "running", "paused", "completed", "failed", "cancelled"];
    private static readonly string[] s_taskStatus = ["pending", "assigned", "in_progress", "waiting", "completed", "failed", "skipped", "timeout", "cancelled", "compensated"];
    private static readonly string[] s_category = ["transient", "permanent", "timeout", "capacity", "business"];
    private static readonly string[] s_priority = ["low", "normal", "high", "critical"];
    private static readonly string[] s_trigger = ["all_success", "none_failed", "one_success", "all_done"];
    private static readonly string[] s_failure = ["fail", "skip", "pause", "compensate"];
    private static readonly string[] s_mode = ["parallel", "sequential", "conditional"];

    /// <summary>The wire name of a run status.</summary>
    public static string ToWireName(this RunStatus value) => s_runStatus[(int)value];

    /// <summary>The wire name of a task status.</summary>
    public static string ToWireName(this FlowTaskStatus value) => s_taskStatus[(int)value];

    /// <summary>The wire name of an error category.</summary>
    public static string ToWireName(this ErrorCategory value) => s_category[(int)value];

    /// <summary>The wire name of a priority.</summary>
    public static string ToWireName(this TaskPriority value) => s_priority[(int)value];

    /// <summary>The wire name of a trigger rule.</summary>
    public static string ToWireName(this TriggerRule value) => s_trigger[(int)value];

    /// <summary>The wire name of a failure policy.</summary>
    public static string ToWireName(this FailurePolicy value) => s_failure[(int)value];

    /// <summary>The wire name of an execution mode.</summary>
    public static string ToWireName(this ExecutionMode value) => s_mode[(int)value];

    /// <summary>All wire names of an enum, for error hints.</summary>
    public static IReadOnlyList<string> NamesOf<TEnum>() where TEnum : struct, Enum => typeof(TEnum) switch
    {
        var t when t == typeof(RunStatus) => s_runStatus,
        var t when t == typeof(FlowTaskStatus) => s_taskStatus,
        var t when t == typeof(ErrorCategory) => s_category,
        var t when t == typeof(TaskPriority) => s_priority,
        var t when t == typeof(TriggerRule) => s_trigger,
        var t when t == typeof(FailurePolicy) => s_failure,
        var t when t == typeof(ExecutionMode) => s_mode,
        _ => throw new ArgumentException($"{typeof(TEnum).Name} has no wire names.", nameof(TEnum)),
    };

    /// <summary>Parses a wire name (case-insensitive; <c>medium</c> is accepted for <c>normal</c>).</summary>
    public static bool TryParse<TEnum>(string? text, [NotNullWhen(true)] out TEnum? value) where TEnum : struct, Enum
    {
        value = null;
        if (text is null)
        {
            return false;
        }

        if (typeof(TEnum) == typeof(TaskPriority) && string.Equals(text, "medium", StringComparison.OrdinalIgnoreCase))
        {
            text = "normal";
        }

        var names = NamesOf<TEnum>();
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], text, StringComparison.OrdinalIgnoreCase))
            {
                var boxed = (TEnum)Enum.ToObject(typeof(TEnum), i);
                value = boxed;
                return true;
            }
        }

        return false;
    }
}
