using FastFlow.Cli.Output;
using FastFlow.Protocol.Messages;

namespace FastFlow.Cli.Remote;

/// <summary>A run a server reported, printed as the local commands print one: the run object of
/// <c>run --json</c>, or the summary with the commands that go on from here (naming the server).</summary>
internal static class RemoteRunOutput
{
    /// <summary>Prints the run and returns its exit code (0 completed, pending or running; 1 failed; 3 cancelled; 4 paused).</summary>
    public static int Print(RunStateMessage state, ServerAddress server, bool json)
    {
        var report = RemoteRunReport.From(state);
        Print(report, server, json);
        return ExitCodes.ForRun(report.Status);
    }

    /// <summary>Prints the run.</summary>
    public static void Print(RunReport report, ServerAddress server, bool json)
    {
        if (json)
        {
            RunJson.Write(report);
        }
        else
        {
            Output.RunSummary.Write(Consoles.StandardOutput(), report, new SummaryNotes(null, Server: server.Option));
        }
    }
}
