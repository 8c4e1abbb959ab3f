namespace FastFlow.Validation;

/// <summary>The actions of DESIGN §4. A definition may name one that the engine at hand has not
/// registered (not enabled, or the actions package not added); that is a different mistake from a
/// typo, and the hint says what would make the action available.</summary>
internal static class BuiltInActions
{
    /// <summary>What a task with neither <c>action</c> nor <c>handler</c> runs.</summary>
    public const string Noop = "noop";

    /// <summary>Every built-in action name, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "agent_task", "api_call", "approval_gate", "condition_check", "delay", "exec",
        "fail", "file_operation", "noop", "set", "workflow_trigger",
    ];

    /// <summary>True when <paramref name="name"/> is a built-in action.</summary>
    public static bool IsBuiltIn(string name)
    {
        foreach (var candidate in Names)
        {
            if (string.Equals(candidate, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Why a built-in action that is not registered cannot run here, and how to enable it.</summary>
    public static string WhyUnavailable(string name, FlowEngineOptions options) => name switch
    {
        "exec" when !options.AllowExec =>
            "'exec' starts programs and is disabled in this engine: set FlowEngineOptions.AllowExec (and ExecAllowList) " +
            "to enable it; `fastflow run` enables it locally, a server only by configuration",
        "file_operation" when options.FileRoot is null =>
            "'file_operation' needs a file root and none is configured: set FlowEngineOptions.FileRoot " +
            "(`fastflow run --file-root DIR`); a server enables it only by configuration",
        "api_call" when !options.AllowHttp =>
            "'api_call' makes HTTP requests and FlowEngineOptions.AllowHttp is false in this engine",
        _ =>
            $"'{name}' is a built-in action, but this engine's registry has no action of that name: " +
            "register the built-in actions (the FastFlow.Actions package) with the registry, or use another action",
    };
}
