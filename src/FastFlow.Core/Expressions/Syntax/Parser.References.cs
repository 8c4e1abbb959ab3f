using FastFlow.Expressions.Nodes;
using FastFlow.Validation;

namespace FastFlow.Expressions.Syntax;

internal sealed partial class Parser
{
    private static readonly string[] s_roots = ["inputs", "context", "tasks", "run", "params"];
    private static readonly string[] s_taskFields = ["output", "status"];
    private static readonly string[] s_runFields = ["id", "workflow_id"];
    private static readonly string[] s_keywords = ["true", "false", "null", "and", "or", "not", "in"];

    /// <summary>A path that starts with a name: inputs, context, params, tasks or run.</summary>
    private ExpressionNode ParseReference(in Token root)
    {
        HasReferences = true;
        switch (NameOf(root))
        {
            case "inputs":
                return ParseNamedRoot(root, PathRoot.Input);
            case "context":
                return ParseNamedRoot(root, PathRoot.Context);
            case "params":
                return ParseNamedRoot(root, PathRoot.Param);
            case "tasks":
                return ParseTask(root);
            case "run":
                return ParseRun(root);
            default:
                ReportUnknownRoot(root);
                ParseSegments();
                return Placeholder(root.Start);
        }
    }

    private ExpressionNode ParseNamedRoot(in Token root, PathRoot kind)
    {
        if (!TryParseRootKey(root, taskId: false, out var key, out var namePosition))
        {
            var rootName = NameText(root);
            Report(DiagnosticCodes.UnknownReference, root.Start, $"'{rootName}' needs a name: {rootName}.<name>", $"for example {rootName}.count or {rootName}['some-name']");
            ParseSegments();
            return Placeholder(root.Start);
        }

        var name = _names.Get(key);

        if (kind == PathRoot.Input && !_scope.IsInputDeclared(name))
        {
            Report(DiagnosticCodes.UndeclaredInput, namePosition, $"input '{name}' is not declared", UndeclaredInputHint(name));
        }
        else if (kind == PathRoot.Param && !_scope.AllowParams)
        {
            Report(
                DiagnosticCodes.UnknownReference,
                root.Start,
                "params can only be used in a workflow template",
                $"params are replaced when a template is instantiated; a run's values are inputs.{name}");
        }

        return new PathNode(kind, name, -1, null, ParseSegments(), root.Start);
    }

    private ExpressionNode ParseTask(in Token root)
    {
        if (!TryParseRootKey(root, taskId: true, out var id, out var idPosition))
        {
            Report(DiagnosticCodes.UnknownReference, root.Start, "'tasks' needs a task id: tasks.<id>.output or tasks.<id>.status", "write tasks['an.id'] for an id with dots");
            ParseSegments();
            return Placeholder(root.Start);
        }

        var idEnd = _previous.End;
        var index = TaskIndexOf(id);
        string? idText = null;
        if (index < 0)
        {
            idText = id.ToString();
            Report(DiagnosticCodes.UnknownTaskReference, idPosition, $"unknown task '{idText}'", UnknownTaskHint(idText));
        }
        else if (!_tasks.Contains(index))
        {
            _tasks.Add(index);
        }

        if (!TryParseField(out var field, out var fieldPosition))
        {
            var task = TaskPath(idText ?? id.ToString());
            Report(DiagnosticCodes.UnknownReference, idEnd, $"{task} needs .output or .status", $"for example {task}.output or {task}.status == 'completed'");
            ParseSegments();
            return Placeholder(root.Start);
        }

        switch (field)
        {
            case "output":
                var segments = ParseSegments();
                return index < 0 ? Placeholder(root.Start) : new PathNode(PathRoot.TaskOutput, null, index, null, segments, root.Start);
            case "status":
                if (_token.Kind is TokenKind.Dot or TokenKind.LeftBracket)
                {
                    RefuseSteps($"{TaskPath(idText ?? id.ToString())}.status is a string");
                }

                return index < 0 ? Placeholder(root.Start) : new PathNode(PathRoot.TaskStatus, null, index, null, [], root.Start);
            default:
                return UnknownTaskField(TaskPath(idText ?? id.ToString()), field.ToString(), fieldPosition, root.Start);
        }
    }

    private ErrorNode UnknownTaskField(string task, string field, int fieldPosition, int rootPosition)
    {
        var suggestion = NameSuggester.Closest(field, s_taskFields);
        Report(
            DiagnosticCodes.UnknownReference,
            fieldPosition,
            $"{task} has no '{field}': a task has .output and .status",
            suggestion is null ? null : $"did you mean '{suggestion}'?");
        ParseSegments();
        return Placeholder(rootPosition);
    }

    /// <summary>The index of a task, or -1. The id last found is remembered: a task's condition
    /// and parameters mostly read the same task.</summary>
    private int TaskIndexOf(ReadOnlySpan<char> id)
    {
        if (_lastTaskIndex >= 0 && id.SequenceEqual(_lastTaskId!.AsSpan(0, _lastTaskIdLength)))
        {
            return _lastTaskIndex;
        }

        var index = _scope.TaskIndexOf(id);
        if (index >= 0)
        {
            if (_lastTaskId is null || _lastTaskId.Length < id.Length)
            {
                _lastTaskId = new char[Math.Max(id.Length, 16)];
            }

            id.CopyTo(_lastTaskId);
            _lastTaskIdLength = id.Length;
            _lastTaskIndex = index;
        }

        return index;
    }

    private ExpressionNode ParseRun(in Token root)
    {
        if (!TryParseField(out var field, out var fieldPosition))
        {
            Report(DiagnosticCodes.UnknownReference, root.Start, "'run' needs a field: run.id or run.workflow_id", null);
            ParseSegments();
            return Placeholder(root.Start);
        }

        var kind = field switch
        {
            "id" => PathRoot.RunId,
            "workflow_id" => PathRoot.WorkflowId,
            _ => PathRoot.Expression,
        };
        if (kind == PathRoot.Expression)
        {
            var fieldText = field.ToString();
            var suggestion = NameSuggester.Closest(fieldText, s_runFields);
            Report(
                DiagnosticCodes.UnknownReference,
                fieldPosition,
                $"run has no '{fieldText}': it has run.id and run.workflow_id",
                suggestion is null ? null : $"did you mean 'run.{suggestion}'?");
            ParseSegments();
            return Placeholder(root.Start);
        }

        if (_token.Kind is TokenKind.Dot or TokenKind.LeftBracket)
        {
            RefuseSteps($"run.{field} is a string");
        }

        return new PathNode(kind, null, -1, null, [], root.Start);
    }

    /// <summary>After a root: <c>.name</c> (a task id after <c>tasks</c>) or <c>['name']</c>.
    /// False, consuming nothing, when neither follows.</summary>
    private bool TryParseRootKey(in Token root, bool taskId, out ReadOnlySpan<char> key, out int position)
    {
        if (_token.Kind == TokenKind.Dot)
        {
            if (taskId)
            {
                AdvanceTaskId();
            }
            else
            {
                AdvanceName();
            }

            key = NameOf(_token);
            position = _token.Start;
            Advance();
            return true;
        }

        if (_token.Kind == TokenKind.LeftBracket)
        {
            Advance();
            if (_token.Kind != TokenKind.String)
            {
                var rootName = NameText(root);
                throw Syntax(_token.Start, $"expected a quoted name after '{rootName}[' but found {Describe(_token)}", $"write {rootName}['name']");
            }

            key = _lexer.Text;
            position = _token.Start;
            Advance();
            ExpectClosingBracket();
            return true;
        }

        key = default;
        position = _token.Start;
        return false;
    }

    /// <summary>A field after a task or <c>run</c>: <c>.name</c> or <c>['name']</c>.</summary>
    private bool TryParseField(out ReadOnlySpan<char> field, out int position)
    {
        if (_token.Kind == TokenKind.Dot)
        {
            AdvanceName();
            field = NameOf(_token);
            position = _token.Start;
            Advance();
            return true;
        }

        if (_token.Kind == TokenKind.LeftBracket)
        {
            Advance();
            if (_token.Kind != TokenKind.String)
            {
                throw Syntax(_token.Start, $"expected a quoted field name but found {Describe(_token)}");
            }

            field = _lexer.Text;
            position = _token.Start;
            Advance();
            ExpectClosingBracket();
            return true;
        }

        field = default;
        position = _token.Start;
        return false;
    }

    /// <summary>Members and indexes after a root: <c>.name</c>, <c>[0]</c>, <c>['key']</c>, <c>[expr]</c>.</summary>
    private PathSegment[] ParseSegments()
    {
        if (_token.Kind is not (TokenKind.Dot or TokenKind.LeftBracket))
        {
            return [];
        }

        // An index may hold a path with segments of its own: they go above this path's and are
        // taken off before this path's next one is added.
        var mark = _segments.Count;
        Name? first = null;
        while (true)
        {
            if (_token.Kind == TokenKind.Dot)
            {
                AdvanceName();
                var name = _names.Entry(NameOf(_token));
                if (_segments.Count == mark)
                {
                    first = name;
                }

                _segments.Add(PathSegment.Member(name.Text));
                Advance();
            }
            else if (_token.Kind == TokenKind.LeftBracket)
            {
                Advance();
                var index = ParseOr();
                ExpectClosingBracket();
                _segments.Add(ToSegment(index));
            }
            else if (first is not null && _segments.Count == mark + 1)
            {
                // The most common path step, .name, shares one array per name.
                _segments.RemoveAt(mark);
                return first.Member;
            }
            else
            {
                return PopSegments(mark);
            }
        }
    }

    private static PathSegment ToSegment(ExpressionNode index)
    {
        if (index is ConstantNode constant)
        {
            if (constant.Value.TryGetString(out var name))
            {
                return PathSegment.Member(name);
            }

            if (constant.Value.TryGetIndex(out var at))
            {
                return PathSegment.At(at);
            }
        }

        return PathSegment.Dynamic(index);
    }

    private void ExpectClosingBracket()
    {
        if (_token.Kind != TokenKind.RightBracket)
        {
            throw Syntax(
                _token.Start,
                _token.Kind == TokenKind.End ? "missing ']' to close the index" : $"expected ']' to close the index but found {Describe(_token)}");
        }

        Advance();
    }

    /// <summary>Reports members or indexes after a path that ends in a string.</summary>
    private void RefuseSteps(string what)
    {
        if (_token.Kind is TokenKind.Dot or TokenKind.LeftBracket)
        {
            Report(DiagnosticCodes.UnknownReference, _token.Start, $"{what}; it has no members or items", null);
            ParseSegments();
        }
    }

    private void ReportUnknownRoot(in Token root)
    {
        var name = NameText(root);
        var roots = _scope.AllowParams ? "inputs, context, tasks, run or params" : "inputs, context, tasks or run";
        Report(DiagnosticCodes.UnknownReference, root.Start, $"unknown name '{name}': a path starts with {roots}", UnknownRootHint(name));
    }

    private string UnknownRootHint(string name)
    {
        foreach (var keyword in s_keywords)
        {
            if (string.Equals(keyword, name, StringComparison.OrdinalIgnoreCase))
            {
                return $"write '{keyword}' in lower case";
            }
        }

        var root = NameSuggester.Closest(name, _scope.AllowParams ? s_roots : s_roots[..^1]);
        if (root is not null)
        {
            return $"did you mean '{root}'?";
        }

        if (_scope.DeclaredInputs is { } inputs && inputs.Contains(name))
        {
            return $"did you mean 'inputs.{name}'?";
        }

        return $"to use the text {name}, quote it: '{name}'";
    }

    private string UndeclaredInputHint(string name)
    {
        var declared = _scope.DeclaredInputs!;
        var closest = NameSuggester.Closest(name, declared);
        if (closest is not null)
        {
            return $"did you mean '{closest}'?";
        }

        return declared.Count == 0
            ? "the workflow declares no inputs; declare it under 'inputs:'"
            : $"declare it under 'inputs:'; declared: {string.Join(", ", declared.Take(10))}{(declared.Count > 10 ? ", ..." : string.Empty)}";
    }

    private string? UnknownTaskHint(string id)
    {
        var closest = NameSuggester.Closest(id, _scope.TaskIds);
        if (closest is not null)
        {
            return $"did you mean '{closest}'?";
        }

        var ids = _scope.TaskIds;
        return ids.Count == 0
            ? null
            : $"tasks: {string.Join(", ", ids.Take(10))}{(ids.Count > 10 ? ", ..." : string.Empty)}";
    }

    /// <summary>How a task is written in a message: <c>tasks.id</c>, or <c>tasks['a.b']</c> for ids with dots.</summary>
    private static string TaskPath(string id) => id.Contains('.', StringComparison.Ordinal) ? $"tasks['{id}']" : "tasks." + id;
}
