using FastFlow.Registry;

namespace FastFlow.Actions;

/// <summary>The actions every engine registers itself: those of DESIGN §4 that do no I/O. The I/O actions
/// (api_call, file_operation, exec) live in FastFlow.Actions and are registered by the host.</summary>
internal static class CoreActions
{
    public static void Register(FlowRegistry registry)
    {
        registry.RegisterAction(new NoopAction());
        registry.RegisterAction(new SetAction());
        registry.RegisterAction(new FailAction());
        registry.RegisterAction(new DelayAction());
        registry.RegisterAction(new ConditionCheckAction());
        registry.RegisterAction(new AgentTaskAction());
    }
}
