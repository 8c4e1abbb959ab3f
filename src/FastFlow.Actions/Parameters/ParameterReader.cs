using FastFlow.Actions.Text;
using FastFlow.Data;

namespace FastFlow.Actions.Parameters;

/// <summary>Reads an attempt's resolved parameters. A parameter of the wrong shape (a template that
/// resolved to something unexpected) ends the attempt with a permanent error that names the task,
/// the action, the parameter, what it must be and what it was.</summary>
internal readonly struct ParameterReader
{
    private readonly IReadOnlyDictionary<string, object?> _parameters;
    private readonly string _taskId;
    private readonly string _action;

    public ParameterReader(TaskContext context, string action)
    {
        _parameters = context.Parameters;
        _taskId = context.TaskId;
        _action = action;
    }

    /// <summary>True when the parameter is present and not null.</summary>
    public bool Has(string name) => _parameters.TryGetValue(name, out var value) && value is not null;

    /// <summary>The parameter's value, or null.</summary>
    public object? Raw(string name) => _parameters.TryGetValue(name, out var value) ? value : null;

    /// <exception cref="TaskFailedException">Missing, or not a non-empty string.</exception>
    public string RequiredString(string name)
    {
        var value = Raw(name);
        if (value is null)
        {
            throw Fail($"needs the parameter '{name}'");
        }

        return value is string { Length: > 0 } text ? text : throw Wrong(name, "a non-empty string", value);
    }

    /// <exception cref="TaskFailedException">Present but not a string.</exception>
    public string? OptionalString(string name) => Raw(name) switch
    {
        null => null,
        string text => text,
        var other => throw Wrong(name, "a string", other),
    };

    /// <exception cref="TaskFailedException">Present but not a list of strings, numbers or booleans.</exception>
    public List<string> TextList(string name)
    {
        var value = Raw(name);
        if (value is null)
        {
            return [];
        }

        return ParameterValues.TryTextList(value, out var items) ? items : throw Wrong(name, "a list of strings", value);
    }

    /// <exception cref="TaskFailedException">Present but not a map of names to strings, numbers or booleans.</exception>
    public Dictionary<string, string?> TextMap(string name)
    {
        var value = Raw(name);
        if (value is null)
        {
            return new Dictionary<string, string?>(StringComparer.Ordinal);
        }

        return ParameterValues.TryTextMap(value, out var map) ? map : throw Wrong(name, "a map of names to strings", value);
    }

    /// <exception cref="TaskFailedException">Present but neither an integer nor a list of integers.</exception>
    public List<int> IntList(string name)
    {
        var value = Raw(name);
        if (value is null)
        {
            return [];
        }

        return ParameterValues.TryIntList(value, out var numbers) ? numbers : throw Wrong(name, "an integer or a list of integers", value);
    }

    /// <exception cref="TaskFailedException">Present but not a positive number.</exception>
    public double? PositiveNumber(string name)
    {
        var value = Raw(name);
        if (value is null)
        {
            return null;
        }

        return ParameterValues.TryNumber(value, out var number) && number > 0 && double.IsFinite(number)
            ? number
            : throw Wrong(name, "a number above 0", value);
    }

    /// <exception cref="TaskFailedException">Present but not a boolean.</exception>
    public bool Bool(string name, bool defaultValue) => Raw(name) switch
    {
        null => defaultValue,
        bool b => b,
        var other => throw Wrong(name, "true or false", other),
    };

    /// <summary>A permanent failure of this task and action with a reason.</summary>
    public TaskFailedException Fail(string reason) =>
        new(ErrorCategory.Permanent, $"Task '{_taskId}' ({_action}) {reason}.");

    private TaskFailedException Wrong(string name, string expected, object? value) =>
        Fail($"has a parameter '{name}' that must be {expected}, and it is {Describe(value)}");

    private static string Describe(object? value)
    {
        var type = PlainData.TypeName(value);
        return value is string text ? $"the string \"{Excerpt.Of(text, 60)}\"" : $"of type {type}";
    }
}
