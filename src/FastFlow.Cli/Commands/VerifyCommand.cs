using System.CommandLine;
using FastFlow.Cli.Durable;
using FastFlow.Cli.Output;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow verify [--data DIR] [--json]</c>: checks every record of a data directory
/// (definitions, runs, checkpoints, every history entry) against its hash; read-only.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var data = SharedOptions.Data();
        var json = SharedOptions.Json();
        var command = new Command("verify",
            "Check every record of a data directory — definitions, runs, checkpoints and every history entry — and list each\n" +
            "damaged one: where (its key), what kind of record, what is wrong. Nothing is changed.\n" +
            "Exit 0 when every record is good, 1 when one is damaged, 2 when the directory cannot be read.")
        {
            data,
            json,
        };
        command.SetAction((parse, _) => DataSession.ReadAsync(parse.GetValue(data), runs =>
        {
            var report = runs.Records.Verify();
            if (parse.GetValue(json))
            {
                VerifyJson.Write(report, runs.Data);
            }
            else
            {
                VerifyText.Write(Console.Out, report, runs.Data);
            }

            return report.AllGood ? ExitCodes.Success : ExitCodes.RunFailed;
        }));
        return command;
    }
}
