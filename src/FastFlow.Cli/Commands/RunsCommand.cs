using System.CommandLine;
using System.Globalization;
using FastFlow.Cli.Durable;
using FastFlow.Cli.Output;
using FastFlow.Cli.Remote;
using FastFlow.Storage.Runs;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow runs [--status S] [--workflow ID] [--limit N] [--data DIR | --server
/// HOST:PORT] [--json]</c> (also <c>fastflow list</c>): the runs kept in a data directory or by a
/// server, newest first.</summary>
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
        var workflow = new Option<string>("--workflow")
        {
            Description = "Only runs of this workflow (its id)",
            HelpName = "ID",
        };
        var data = SharedOptions.Data();
        var json = SharedOptions.Json();
        var remote = RemoteOptions.ForDataCommand();
        var command = new Command("runs",
            "List the runs kept in a data directory (or by a server, with --server), newest first: id, workflow, status,\n" +
            "when created and ended. `fastflow list` is the same command. A server lists at most 100 unless --limit says.\n" +
            "Exit 0; 2 when the data directory cannot be read, 5 when the server cannot be reached.")
        {
            status,
            workflow,
            limit,
            data,
            json,
        };
        command.Aliases.Add("list");
        remote.AddTo(command);
        command.SetAction((parse, _) => remote.Optional(parse, data) is { } server
            ? RemoteAsync(server, parse.GetValue(status), parse.GetValue(workflow), parse.GetValue(limit), parse.GetValue(json))
            : DataSession.ReadAsync(parse.GetValue(data), runs =>
        {
            var list = List(runs.Records, parse.GetValue(status), parse.GetValue(workflow), parse.GetValue(limit));
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

    /// <summary>The stored runs, newest first, filtered.</summary>
    private static IReadOnlyList<RunRecord> List(RunStore records, string? status, string? workflow, int? limit) =>
        workflow is null
            ? records.ListRuns(status, limit)
            : [.. records.ListRuns(status, limit: null).Where(run => run.WorkflowId == workflow).Take(limit ?? int.MaxValue)];

    /// <summary>The server's runs, printed as a data directory's. A list row of the protocol has
    /// no error: it is asked for, for the runs that have one.</summary>
    private static Task<int> RemoteAsync(ServerAddress server, string? status, string? workflow, int? limit, bool json) =>
        RemoteSession.RunAsync(server, async client =>
        {
            var rows = await client.ListRunsAsync(status, workflow, limit ?? 0).ConfigureAwait(false);
            var runs = new List<RunRecord>(rows.Count);
            foreach (var row in rows)
            {
                var error = row.Status is "failed" or "cancelled"
                    ? (await client.GetRunAsync(row.RunId).ConfigureAwait(false)).Error
                    : null;
                runs.Add(RemoteRecords.RunOf(row, error));
            }

            if (json)
            {
                RunListJson.Write(runs);
            }
            else
            {
                RunListText.Write(Consoles.StandardOutput(), runs, server.Display);
            }

            return ExitCodes.Success;
        });
}
