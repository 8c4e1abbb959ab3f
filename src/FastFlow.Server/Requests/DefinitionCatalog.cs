using System.Collections.Concurrent;
using System.Globalization;
using FastFlow.Definitions;
using FastFlow.Definitions.Loading;
using FastFlow.Protocol;
using FastFlow.Protocol.Messages;
using FastFlow.Validation;
using Diagnostic = FastFlow.Validation.Diagnostic;
using WireDiagnostic = FastFlow.Protocol.Messages.Diagnostic;

namespace FastFlow.Server.Requests;

/// <summary>The definitions registered on the server, by workflow id (the latest registration
/// wins): each loaded, checked against the actions the server refuses, validated and compiled
/// on the engine before it is stored.</summary>
internal sealed class DefinitionCatalog(FlowEngine engine, IReadOnlySet<string> refusedActions)
{
    /// <summary>What a definition is called in messages when the client gave no file name.</summary>
    private const string UnnamedSource = "the definition";

    private readonly ConcurrentDictionary<string, RegisteredDefinition> _definitions = new(StringComparer.Ordinal);

    /// <summary>The text each registered definition came from, so that the same text sent again
    /// (a client that submits with source every time) is not loaded, validated and compiled again.</summary>
    private readonly ConcurrentDictionary<string, RegisteredDefinition> _bySource = new(StringComparer.Ordinal);

    /// <summary>Loads, checks, compiles and stores a definition.</summary>
    /// <param name="source">Its YAML or JSON text.</param>
    /// <param name="fileName">The client's name for it, for messages; the format is detected from it, then from the text.</param>
    /// <exception cref="RequestException"><see cref="ErrorCode.InvalidDefinition"/> with every
    /// finding, or <see cref="ErrorCode.Refused"/> naming each task whose action the server refuses.</exception>
    public RegisteredDefinition Register(string source, string? fileName)
    {
        if (_bySource.TryGetValue(source, out var known)
            && _definitions.TryGetValue(known.Workflow.WorkflowId, out var current)
            && ReferenceEquals(known, current))
        {
            return known;
        }

        var registered = Prepare(source, fileName);
        var id = registered.Workflow.WorkflowId;
        if (_definitions.TryGetValue(id, out var replaced) && !string.Equals(replaced.Source, source, StringComparison.Ordinal))
        {
            _bySource.TryRemove(new KeyValuePair<string, RegisteredDefinition>(replaced.Source, replaced));
        }

        _definitions[id] = registered;
        _bySource[source] = registered;
        return registered;
    }

    /// <summary>The definition registered under <paramref name="workflowId"/>.</summary>
    /// <exception cref="RequestException"><see cref="ErrorCode.NotFound"/> when there is none.</exception>
    public RegisteredDefinition Get(string workflowId)
    {
        if (_definitions.TryGetValue(workflowId, out var registered))
        {
            return registered;
        }

        var known = _definitions.Keys.Order(StringComparer.Ordinal).Take(10).ToList();
        throw new RequestException(ErrorCode.NotFound,
            $"No definition '{workflowId}' is registered on this server. " +
            (known.Count == 0 ? "None is registered yet. " : $"Registered: {string.Join(", ", known)}{(_definitions.Count > known.Count ? ", ..." : string.Empty)}. ") +
            "Register it first (register_definition), or send its text as source.");
    }

    /// <summary>The reply to a registration.</summary>
    public static DefinitionRegisteredMessage Reply(RegisteredDefinition registered)
    {
        var definition = registered.Workflow.Definition;
        return new DefinitionRegisteredMessage
        {
            WorkflowId = definition.Id,
            Name = definition.Name,
            Version = definition.Revision?.ToString(CultureInfo.InvariantCulture),
            TaskCount = definition.Tasks.Count,
            Warnings = WireDiagnostics.From(registered.Warnings),
        };
    }

    private RegisteredDefinition Prepare(string source, string? fileName)
    {
        var name = string.IsNullOrWhiteSpace(fileName) ? UnnamedSource : fileName;
        var format = DefinitionLoader.DetectFormat(fileName ?? string.Empty, source) ?? DefinitionFormat.Yaml;
        var load = DefinitionLoader.Load(source, format, fileName);
        if (load.Definition is not { } definition)
        {
            throw Invalid(name, load.Diagnostics);
        }

        RefuseActions(definition, name);
        var validation = engine.Validate(definition);
        var diagnostics = Merge(load.Diagnostics, validation.Diagnostics);
        if (diagnostics.Any(static d => d.IsError))
        {
            throw Invalid(name, diagnostics);
        }

        try
        {
            var compiled = engine.Compile(definition);
            return new RegisteredDefinition(compiled, [.. diagnostics.Where(static d => !d.IsError)], source);
        }
        catch (DefinitionException exception)
        {
            throw Invalid(name, exception.Diagnostics);
        }
    }

    /// <summary>Refuses a definition with a task (or a compensation) whose action the server does not allow.</summary>
    private void RefuseActions(WorkflowDefinition definition, string name)
    {
        if (refusedActions.Count == 0)
        {
            return;
        }

        var findings = new List<WireDiagnostic>();
        var sentences = new List<string>();
        for (var i = 0; i < definition.Tasks.Count; i++)
        {
            var task = definition.Tasks[i];
            var options = task.Options;
            Check(task.Id, options.Action, TaskPath(task.Id) + ".action");
            Check(task.Id, options.Compensation?.Action, TaskPath(task.Id) + ".compensation.action");
        }

        if (findings.Count > 0)
        {
            throw new RequestException(ErrorCode.Refused,
                $"{name} is refused: {string.Join("; ", sentences)}.", findings);
        }

        void Check(string taskId, string? action, string path)
        {
            if (action is null || !refusedActions.Contains(action))
            {
                return;
            }

            var how = HowToEnable(action);
            var message = $"task '{taskId}' uses action '{action}', which this server does not allow";
            sentences.Add($"{message}; the server's operator must enable it ({how})");
            var position = definition.Source?.Find(path) ?? default;
            findings.Add(new WireDiagnostic
            {
                Code = DiagnosticCodes.ActionUnavailable,
                Severity = "error",
                Path = path,
                Message = message,
                Hint = $"ask the server's operator to enable it: {how}; or run the definition locally with `fastflow run`",
                Line = position.Line,
                Column = position.Column,
            });
        }
    }

    /// <summary>How an operator enables an action on <c>fastflow serve</c>.</summary>
    private static string HowToEnable(string action) => action switch
    {
        "exec" => "`fastflow serve --allow-program PROGRAM` for each program it may start",
        "file_operation" => "`fastflow serve --file-root DIR` to give it a directory",
        _ => $"the server's configuration refuses '{action}'",
    };

    /// <summary>The path of a task as the loader records it: plain ids as a field, others quoted.</summary>
    private static string TaskPath(string id) =>
        id.All(static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? $"tasks.{id}" : $"tasks[\"{id}\"]";

    private static RequestException Invalid(string name, IReadOnlyList<Diagnostic> diagnostics)
    {
        var errors = diagnostics.Where(static d => d.IsError).ToList();
        var first = errors.Count > 0 ? errors[0] : null;
        var where = first is null ? string.Empty : first.Line > 0 ? $" at line {first.Line}, column {first.Column}" : first.Path.Length > 0 ? $" at {first.Path}" : string.Empty;
        var message = $"{name} is not a valid definition: {Count(errors.Count, "error")}" +
            (first is null ? string.Empty : $", the first{where}: {first.Message}") +
            ". Every finding is in details; fix them and register again (`fastflow validate FILE` checks a file locally).";
        return new RequestException(ErrorCode.InvalidDefinition, message, WireDiagnostics.From(diagnostics));
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count.ToString(CultureInfo.InvariantCulture)} {noun}s";

    /// <summary>The loader's findings and those of the validator that the loader did not already
    /// report (same code and path), by line then column; unlocated ones last.</summary>
    private static Diagnostic[] Merge(IReadOnlyList<Diagnostic> loaded, IReadOnlyList<Diagnostic> validated)
    {
        var seen = new HashSet<(string Code, string Path)>(loaded.Select(static d => (d.Code, d.Path)));
        return
        [
            .. loaded
                .Concat(validated.Where(d => !seen.Contains((d.Code, d.Path))))
                .OrderBy(static d => d.Line > 0 ? d.Line : int.MaxValue)
                .ThenBy(static d => d.Column),
        ];
    }
}
