using System.CommandLine;
using FastFlow.Cli.Commands;

// The command tree; everything a command does lives in its Commands/ file and in the libraries.
var root = new RootCommand("FastFlow: check, draw and run workflow definitions on this machine.")
{
    ValidateCommand.Create(),
    GraphCommand.Create(),
    RunCommand.Create(),
    MigrateCommand.Create(),
    BenchCommand.Create(),
};
HelpExamples.Attach(root);
return await CommandInvoker.InvokeAsync(root, args).ConfigureAwait(false);
