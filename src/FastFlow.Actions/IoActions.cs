using FastFlow.Actions.Exec;
using FastFlow.Actions.Files;
using FastFlow.Actions.Http;
using FastFlow.Registry;

namespace FastFlow.Actions;

/// <summary>The built-in actions that touch the outside world: <c>exec</c>, <c>file_operation</c>
/// and <c>api_call</c> (docs/actions.md). Registering them does not enable them: each refuses to
/// run unless the engine's options allow it (<see cref="FlowEngineOptions.AllowExec"/>,
/// <see cref="FlowEngineOptions.FileRoot"/>, <see cref="FlowEngineOptions.AllowHttp"/>), and says
/// so when a definition is validated.</summary>
public static class IoActions
{
    /// <summary>The names of the actions <see cref="Register"/> adds.</summary>
    public static IReadOnlyList<string> Names { get; } = [ApiCallAction.ActionName, ExecAction.ActionName, FileOperationAction.ActionName];

    /// <summary>Registers <c>exec</c>, <c>file_operation</c> and <c>api_call</c>.</summary>
    public static void Register(FlowRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        registry.RegisterAction(new ExecAction());
        registry.RegisterAction(new FileOperationAction());
        registry.RegisterAction(new ApiCallAction());
    }
}
