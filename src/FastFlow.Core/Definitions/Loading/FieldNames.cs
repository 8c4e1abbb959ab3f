namespace FastFlow.Definitions.Loading;

/// <summary>The fields each object of a definition may have (DESIGN §2); anything else is an
/// unknown field, reported with the closest of these as a hint.</summary>
internal static class FieldNames
{
    /// <summary>The workflow (document root).</summary>
    public static readonly string[] Workflow =
    [
        "version", "id", "name", "revision", "description", "inputs", "defaults",
        "timeout_seconds", "max_concurrency", "on_failure", "tasks", "outputs",
    ];

    /// <summary>A task.</summary>
    public static readonly string[] Task =
    [
        "id", "name", "description", "action", "handler", "agent_id", "capabilities", "coordination",
        "parameters", "dependencies", "when", "conditions", "trigger_rule", "priority", "timeout_seconds",
        "retry", "retry_count", "retry_delay", "on_failure", "compensation", "execution_mode",
    ];

    /// <summary>The <c>defaults</c> block.</summary>
    public static readonly string[] Defaults = ["timeout_seconds", "retry", "trigger_rule", "priority", "on_failure"];

    /// <summary>A <c>retry</c> block.</summary>
    public static readonly string[] Retry =
    [
        "max_attempts", "base_delay_seconds", "max_delay_seconds", "exponential_backoff", "jitter", "retriable_errors",
    ];

    /// <summary>A declared input.</summary>
    public static readonly string[] Input = ["type", "required", "default", "description"];

    /// <summary>A <c>compensation</c> block.</summary>
    public static readonly string[] Compensation = ["action", "handler", "parameters"];
}
