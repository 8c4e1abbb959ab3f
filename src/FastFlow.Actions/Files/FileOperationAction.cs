using FastFlow.Actions.Parameters;
using FastFlow.Validation;

namespace FastFlow.Actions.Files;

/// <summary><c>file_operation</c>: read, write, append, copy, move, delete, exists or list a path
/// under <see cref="FlowEngineOptions.FileRoot"/>. Paths are relative to the root; one that escapes
/// it (absolute, <c>..</c>, a symbolic link pointing out) is refused with a permanent error, and so
/// is a missing file. docs/actions.md lists each operation's output.</summary>
internal sealed class FileOperationAction() : FlowAction(ActionName)
{
    public const string ActionName = "file_operation";

    private static readonly string[] s_parameters = ["operation", "path", "destination", "content", "encoding", "overwrite", "recursive", "missing_ok", "pattern"];

    public override object? Prepare(ActionPreparation preparation)
    {
        var check = new ParameterCheck(preparation, ActionName);
        check.OnlyKnown(s_parameters);
        if (preparation.EngineOptions.FileRoot is null)
        {
            preparation.Report(DiagnosticCodes.ActionUnavailable, "action",
                $"Task '{preparation.TaskId}' works on files, and this engine has no file root.",
                "Set FlowEngineOptions.FileRoot (`fastflow run --file-root DIR`; the working directory by default). " +
                "A server enables file_operation only by configuration.");
        }

        if (check.Required("operation", "read") && check.TryGetConstant("operation", out var operation))
        {
            if (operation is not string name || !FileOperations.TryParse(name, out var parsed))
            {
                var closest = operation is string text ? NameSuggester.Closest(text, FileOperations.Names) : null;
                check.Report("operation", $"'{operation}' is not a file operation.",
                    (closest is not null ? $"Did you mean '{closest}'? " : string.Empty) + "Use one of: " + string.Join(", ", FileOperations.Names) + ".");
            }
            else
            {
                CheckOperation(preparation, check, parsed.Value);
            }
        }

        check.Required("path", "data/input.txt");
        check.Shape("path", static v => v is string { Length: > 0 }, "a path relative to the file root");
        check.Shape("destination", static v => v is string { Length: > 0 }, "a path relative to the file root");
        check.Shape("encoding", static v => v is string name && FileEncoding.TryGet(name, out _), "a known encoding",
            "Use one of: " + string.Join(", ", FileEncoding.Names) + ".");
        check.Shape("overwrite", static v => v is bool, "true or false");
        check.Shape("recursive", static v => v is bool, "true or false");
        check.Shape("missing_ok", static v => v is bool, "true or false");
        check.Shape("pattern", static v => v is string, "a file name pattern such as *.csv");
        return null;
    }

    public override async ValueTask<TaskResult> ExecuteAsync(TaskContext context)
    {
        var reader = new ParameterReader(context, ActionName);
        var root = context.EngineServices.Options.FileRoot
            ?? throw reader.Fail("cannot run: this engine has no file root (set FlowEngineOptions.FileRoot or `fastflow run --file-root DIR`)");
        var name = reader.RequiredString("operation");
        if (!FileOperations.TryParse(name, out var operation))
        {
            throw reader.Fail($"has an unknown operation '{name}' (use one of: {string.Join(", ", FileOperations.Names)})");
        }

        var encodingName = reader.OptionalString("encoding");
        if (!FileEncoding.TryGet(encodingName, out var encoding))
        {
            throw reader.Fail($"has an unknown encoding '{encodingName}' (use one of: {string.Join(", ", FileEncoding.Names)})");
        }

        try
        {
            var files = new FileOperations(FileRootGuard.ResolveRoot(root), reader, encoding);
            var output = await files.RunAsync(operation.Value, context.CancellationToken).ConfigureAwait(false);
            return TaskResult.Success(output);
        }
        catch (PathRefusedException refused)
        {
            throw reader.Fail($"refused: {refused.Message}");
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw reader.Fail($"failed: {exception.Message}");
        }
    }

    private static void CheckOperation(ActionPreparation preparation, ParameterCheck check, FileOperation operation)
    {
        if (operation is FileOperation.Copy or FileOperation.Move)
        {
            check.Required("destination", "data/copy.txt");
        }
        else if (preparation.Parameters.ContainsKey("destination"))
        {
            check.Report("destination", $"The {operation.ToString().ToLowerInvariant()} operation has no destination.", "Only copy and move take one.");
        }

        if (operation is FileOperation.Write or FileOperation.Append)
        {
            check.Required("content", "\"text\"");
        }
    }
}
