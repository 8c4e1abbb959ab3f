using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using FastFlow.Actions.Parameters;
using FastFlow.Actions.Processes;
using FastFlow.Actions.Text;
using FastFlow.Data;
using FastFlow.Validation;

namespace FastFlow.Actions.Exec;

/// <summary><c>exec</c>: runs <c>command</c> with <c>args</c> (no shell), <c>env</c>, <c>cwd</c>
/// and <c>stdin</c>. Output <c>{ exit_code, stdout, stderr }</c>, stdout parsed when it is JSON.
/// A non-zero exit fails the attempt as transient, or permanent for <c>permanent_exit_codes</c>;
/// the attempt's token (timeout, cancel) kills the whole process tree.</summary>
internal sealed class ExecAction() : FlowAction(ActionName)
{
    public const string ActionName = "exec";

    private static readonly string[] s_parameters = ["command", "args", "env", "cwd", "stdin", "permanent_exit_codes"];

    public override object? Prepare(ActionPreparation preparation)
    {
        var options = preparation.EngineOptions;
        var check = new ParameterCheck(preparation, ActionName);
        check.OnlyKnown(s_parameters);
        if (!options.AllowExec)
        {
            preparation.Report(DiagnosticCodes.ActionUnavailable, "action",
                $"Task '{preparation.TaskId}' runs a program, and exec is disabled in this engine.", ExecPolicy.EnableHint);
        }

        if (check.Required("command", "my-tool"))
        {
            check.Shape("command", static v => v is string { Length: > 0 }, "a program name or path (a non-empty string)",
                "Write the program alone in 'command' and its arguments in 'args': a list, no shell.");
            if (options.AllowExec && check.TryGetConstant("command", out var command) && command is string name && !AllowedByFullPath(options, name))
            {
                preparation.Report(DiagnosticCodes.ActionUnavailable, "parameters.command", ExecPolicy.Refusal(options, name),
                    "Add the program to FlowEngineOptions.ExecAllowList, or use one that is on it.");
            }
        }

        check.Shape("args", static v => ParameterValues.TryTextList(v, out _), "a list of strings (one per argument)");
        check.Shape("env", static v => ParameterValues.TryTextMap(v, out _), "a map of variable names to values (null removes a variable)");
        check.Shape("cwd", static v => v is string, "a directory path");
        check.Shape("permanent_exit_codes", static v => ParameterValues.TryIntList(v, out var codes) && !codes.Contains(0),
            "an exit code or a list of exit codes other than 0");
        return null;
    }

    public override async ValueTask<TaskResult> ExecuteAsync(TaskContext context)
    {
        var options = context.EngineServices.Options;
        var reader = new ParameterReader(context, ActionName);
        if (!options.AllowExec)
        {
            throw reader.Fail("cannot run: " + ExecPolicy.Refusal(options, null));
        }

        var command = reader.RequiredString("command");
        var arguments = reader.TextList("args");
        var environment = reader.TextMap("env");
        var permanentCodes = reader.IntList("permanent_exit_codes");
        var workingDirectory = WorkingDirectory(reader, reader.OptionalString("cwd"), options.FileRoot);
        var stdin = reader.Has("stdin") ? StdinBytes(reader.Raw("stdin")) : (ReadOnlyMemory<byte>?)null;

        var searchPath = environment.TryGetValue("PATH", out var path) ? path : Environment.GetEnvironmentVariable("PATH");
        var program = ProgramLocator.Find(command, workingDirectory, searchPath);
        if (!ExecPolicy.IsAllowed(options, command, program))
        {
            throw reader.Fail("cannot run: " + ExecPolicy.Refusal(options, command));
        }

        if (program is null)
        {
            throw reader.Fail(ProgramLocator.HasDirectory(command)
                ? $"cannot run '{command}': there is no executable file at {Path.GetFullPath(command, workingDirectory)}"
                : $"cannot run '{command}': the program was not found on the PATH");
        }

        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Who is asking, as process agents get it: a program that has side effects can make them
        // idempotent with the key (an attempt re-run after a restart has the same key).
        start.Environment["FASTFLOW_RUN_ID"] = context.RunId;
        start.Environment["FASTFLOW_TASK_ID"] = context.TaskId;
        start.Environment["FASTFLOW_ATTEMPT"] = context.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FASTFLOW_IDEMPOTENCY_KEY"] = context.IdempotencyKey;

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        ProcessOutcome outcome;
        try
        {
            outcome = await ProcessRunner.RunAsync(start, stdin, context.CancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception exception)
        {
            throw reader.Fail($"could not start '{command}' ({program}): {exception.Message}");
        }

        if (outcome.ExitCode == 0)
        {
            var output = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["exit_code"] = 0L,
                ["stdout"] = OutputText.Parse(outcome.Stdout),
                ["stderr"] = OutputText.TrimFinalNewline(outcome.Stderr),
            };
            if (outcome.Truncated)
            {
                // Cut JSON does not parse, so stdout is then the text; say why.
                output["truncated"] = true;
            }

            return TaskResult.Success(output);
        }

        var category = permanentCodes.Contains(outcome.ExitCode) ? ErrorCategory.Permanent : ErrorCategory.Transient;
        var printed = string.IsNullOrWhiteSpace(outcome.Stderr) ? outcome.Stdout : outcome.Stderr;
        return TaskResult.Failure(category,
            $"'{command}' exited with code {outcome.ExitCode}: {Excerpt.Of(printed)}");
    }

    /// <summary>Allow-list entries that are full paths match a bare command once it is found on the PATH.</summary>
    private static bool AllowedByFullPath(FlowEngineOptions options, string command)
    {
        var program = ProgramLocator.Find(command, options.FileRoot ?? Environment.CurrentDirectory, Environment.GetEnvironmentVariable("PATH"));
        return ExecPolicy.IsAllowed(options, command, program);
    }

    /// <summary><c>cwd</c>, relative to the file root when one is configured (else to the engine's
    /// working directory); the engine's file root or working directory when absent.</summary>
    private static string WorkingDirectory(ParameterReader reader, string? cwd, string? fileRoot)
    {
        var baseDirectory = fileRoot ?? Environment.CurrentDirectory;
        var directory = cwd is null ? Path.GetFullPath(baseDirectory) : Path.GetFullPath(cwd, Path.GetFullPath(baseDirectory));
        return Directory.Exists(directory) ? directory : throw reader.Fail($"has a cwd that is not a directory: {directory}");
    }

    /// <summary>A string is written as it is; any other value as JSON.</summary>
    private static ReadOnlyMemory<byte> StdinBytes(object? value) =>
        Encoding.UTF8.GetBytes(value as string ?? PlainData.ToJson(value));
}
