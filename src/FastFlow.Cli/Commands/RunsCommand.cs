using System.CommandLine;
using System.Globalization;
using FastFlow.Cli.Durable;
using FastFlow.Cli.Output;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow runs [--status S] [--limit N] [--data DIR] [--json]</c>: the runs kept in a
/// data directory, newest first.</summary>
internal static class RunsCommand
{
    public static Command Create()
    {
        var status = new Option<string>("--status")
        {
            Description = "Only runs with this status: " + string.Join(", ", WireNames.NamesOf<RunStatus>()),
            HelpName = "STATUS",
        };
        status.AcceptOnlyFromAmong([.. WireNames.NamesOf<RunStatus>()]);
        var limit = new Option<int?>("--limit")
        {
            Description = "At most this many runs, the newest (default: all)",
            HelpName = "N",
            CustomParser = static result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
                if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) && count >= 1)
                {
                    return count;
                }

                result.AddError($"--limit {text} is not a number of runs: give 1 or more, or leave it out for all.");
                return null;
            },
        };
        var data = SharedOptions.Data();
        var json = SharedOptions.Json();
        var command = new Command("runs",
            "List the runs kept in a data directory, newest first: id, workflow, status, when created and ended.\n" +
            "Exit 0; 2 when the data directory cannot be read.")
        {
            status,
            limit,
            data,
            json,
        };
        command.SetAction((parse, _) => DataSession.ReadAsync(parse.GetValue(data), runs =>
        {
            var list = runs.Records.ListRuns(parse.GetValue(status), parse.GetValue(limit));
            if (parse.GetValue(json))
            {
                RunListJson.Write(list);
            }
            else
            {
                RunListText.Write(Consoles.StandardOutput(), list, runs.Data);
            }

            return ExitCodes.Success;
        }));
        return command;
    }
}
