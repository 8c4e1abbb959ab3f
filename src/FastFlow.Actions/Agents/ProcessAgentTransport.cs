using System.ComponentModel;
using System.Diagnostics;
using FastFlow.Actions.Processes;
using FastFlow.Actions.Text;
using FastFlow.Agents;

namespace FastFlow.Actions.Agents;

/// <summary>An agent that is a program, started once per attempt: the <see cref="AgentRequest"/>
/// JSON on its standard input; exit code 0 means success and what it printed on standard output is
/// the output (JSON, or plain text as a string); any other exit fails the attempt, as transient
/// unless it printed an error object (see docs/agents.md). Cancellation kills its process tree.</summary>
public sealed class ProcessAgentTransport : AgentTransport
{
    private readonly string[] _command;

    /// <summary>Creates the transport.</summary>
    /// <param name="command">The program and its arguments (argv, no shell). A program written
    /// with a directory part (<c>agents/run.sh</c>) is relative to <paramref name="workingDirectory"/>.</param>
    /// <param name="workingDirectory">Where the program runs (the agents file's folder); the engine's
    /// working directory when null.</param>
    /// <param name="environment">Variables to set (null removes one).</param>
    public ProcessAgentTransport(IReadOnlyList<string> command, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0 || string.IsNullOrEmpty(command[0]))
        {
            throw new ArgumentException("A process agent needs a program to run.", nameof(command));
        }

        _command = [.. command];
        WorkingDirectory = Path.GetFullPath(workingDirectory ?? Environment.CurrentDirectory);
        Variables = environment ?? new Dictionary<string, string?>(StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public override string Kind => "process";

    /// <summary>The program and its arguments.</summary>
    public IReadOnlyList<string> Command => _command;

    /// <summary>Where the program runs.</summary>
    public string WorkingDirectory { get; }

    /// <summary>Variables set for the program, besides the engine's own environment and
    /// <c>FASTFLOW_RUN_ID</c>, <c>FASTFLOW_TASK_ID</c>, <c>FASTFLOW_ATTEMPT</c>, <c>FASTFLOW_IDEMPOTENCY_KEY</c>.</summary>
    public IReadOnlyDictionary<string, string?> Variables { get; }

    /// <inheritdoc/>
    public override async ValueTask<TaskResult> SendAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var program = _command[0];
        var searchPath = Variables.TryGetValue("PATH", out var path) ? path : Environment.GetEnvironmentVariable("PATH");
        var resolved = ProgramLocator.Find(program, WorkingDirectory, searchPath);
        if (resolved is null)
        {
            return TaskResult.Failure(ErrorCategory.Permanent, ProgramLocator.HasDirectory(program)
                ? $"Agent '{request.AgentId}' cannot start: there is no executable file at {Path.GetFullPath(program, WorkingDirectory)}."
                : $"Agent '{request.AgentId}' cannot start: the program '{program}' was not found on the PATH.");
        }

        var start = new ProcessStartInfo(resolved) { WorkingDirectory = WorkingDirectory };
        for (var i = 1; i < _command.Length; i++)
        {
            start.ArgumentList.Add(_command[i]);
        }

        start.Environment["FASTFLOW_RUN_ID"] = request.RunId;
        start.Environment["FASTFLOW_TASK_ID"] = request.TaskId;
        start.Environment["FASTFLOW_ATTEMPT"] = request.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["FASTFLOW_IDEMPOTENCY_KEY"] = request.IdempotencyKey;
        foreach (var (name, value) in Variables)
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
            outcome = await ProcessRunner.RunAsync(start, request.ToUtf8Json(), cancellationToken).ConfigureAwait(false);
        }
        catch (Win32Exception exception)
        {
            return TaskResult.Failure(ErrorCategory.Permanent, $"Agent '{request.AgentId}' cannot start {resolved}: {exception.Message}.");
        }

        if (outcome.Truncated && outcome.ExitCode == 0)
        {
            return TaskResult.Failure(ErrorCategory.Permanent,
                $"Agent '{request.AgentId}' printed more than {OutputLimits.MaxTextChars / (1024 * 1024)} Mi characters; an agent's output must be smaller.");
        }

        return outcome.ExitCode == 0
            ? AgentReply.Success(request.AgentId, outcome.Stdout)
            : AgentReply.Failure(request.AgentId, $"exited with code {outcome.ExitCode}", outcome.Stdout, outcome.Stderr);
    }
}
