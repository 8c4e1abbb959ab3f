using FastFlow.Protocol.Messages;

namespace FastFlow.Cli.Remote;

/// <summary>What <c>start</c> and <c>stop</c> print: one line saying what was done and what can
/// follow, or with <c>--json</c> the run object as it stands.</summary>
internal static class RemoteControlOutput
{
    public static void Print(RunStateMessage state, ServerAddress server, bool json, string done, string next)
    {
        if (json)
        {
            RemoteRunOutput.WriteJson(state);
            return;
        }

        Console.Out.WriteLine($"{done} of {state.WorkflowId} on {server.Display} (now {state.Status}); {next}");
    }
}
