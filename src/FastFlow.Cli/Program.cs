using System.CommandLine;
using FastFlow.Cli.Commands;

// The command tree; everything a command does lives in its Commands/ file and in the libraries.
var root = new RootCommand("FastFlow: check, draw and run workflow definitions on this machine, look after the runs kept in a data directory, serve the engine over TCP and drive a server.")
{
    ValidateCommand.Create(),
    GraphCommand.Create(),
    RunCommand.Create(),
    RunsCommand.Create(),
    StatusCommand.Create(),
    HistoryCommand.Create(),
    CheckpointsCommand.Create(),
    ResumeCommand.Create(),
    CancelCommand.Create(),
    RollbackCommand.Create(),
    VerifyCommand.Create(),
    MigrateCommand.Create(),
    BenchCommand.Create(),
    ServeCommand.Create(),
    SubmitCommand.Create(),
    CreateCommand.Create(),
    StartCommand.Create(),
    MonitorCommand.Create(),
    DebugCommand.Create(),
    StopCommand.Create(),
    HealthCommand.Create(),
};
HelpExamples.Attach(root);
return await CommandInvoker.InvokeAsync(root, args).ConfigureAwait(false);
