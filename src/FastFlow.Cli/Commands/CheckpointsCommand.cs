using System.CommandLine;
using FastFlow.Cli.Durable;
using FastFlow.Cli.Output;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow checkpoints RUN [--data DIR] [--json]</c>: a stored run's checkpoints,
/// oldest first, damaged ones marked; read-only.</summary>
internal static class CheckpointsCommand
{
    public static Command Create()
    {
        var run = SharedOptions.RunArgument();
        var data = SharedOptions.Data();
        var json = SharedOptions.Json();
        var command = new Command("checkpoints",
            "List a run's checkpoints, oldest first: id, level, when taken, how many history entries it covers, the run's\n" +
            "status then, why it was taken; a damaged one says what is wrong. `fastflow rollback RUN --checkpoint ID` goes back to one.\n" +
            "Exit 0; 2 no such run.")
        {
            run,
            data,
            json,
        };
        command.SetAction((parse, _) => DataSession.ReadAsync(parse.GetValue(data), runs =>
        {
            var record = runs.Get(parse.GetRequiredValue(run));
            var checkpoints = runs.Records.ListCheckpoints(record.RunId);
            if (parse.GetValue(json))
            {
                CheckpointJson.WriteList(record.RunId, checkpoints);
            }
            else
            {
                CheckpointText.Write(Consoles.StandardOutput(), record.RunId, checkpoints, runs.Data);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
