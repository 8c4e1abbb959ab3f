using FastFlow.Validation;

namespace FastFlow.Actions.Parameters;

/// <summary>Checks an action's parameters when a definition is validated. Only constants are
/// checked; a templated value is checked when the attempt runs. Problems are reported as
/// <see cref="DiagnosticCodes.InvalidParameter"/> at <c>parameters.name</c>.</summary>
internal readonly struct ParameterCheck
{
    private readonly ActionPreparation _preparation;
    private readonly string _action;

    public ParameterCheck(ActionPreparation preparation, string action)
    {
        _preparation = preparation;
        _action = action;
    }

    /// <summary>The parameter's constant value: present, not null and without templates.</summary>
    public bool TryGetConstant(string name, out object? value) =>
        _preparation.TryGetConstant(name, out value) && value is not null && !ParameterValues.IsTemplated(value);

    /// <summary>Reports a missing parameter; true when it is present.</summary>
    public bool Required(string name, string example)
    {
        if (_preparation.Parameters.TryGetValue(name, out var value) && value is not null)
        {
            return true;
        }

        _preparation.Report(DiagnosticCodes.InvalidParameter, "parameters",
            $"The {_action} action needs the parameter '{name}'.", $"Add parameters: {{ {name}: {example} }}.");
        return false;
    }

    /// <summary>Reports a constant that fails <paramref name="test"/>.</summary>
    public void Shape(string name, Func<object?, bool> test, string expected, string? hint = null)
    {
        if (TryGetConstant(name, out var value) && !test(value))
        {
            Report(name, $"The {_action} parameter '{name}' must be {expected}.", hint);
        }
    }

    /// <summary>Reports parameters the action does not have, with the closest name.</summary>
    public void OnlyKnown(IReadOnlyList<string> known)
    {
        foreach (var name in _preparation.Parameters.Keys)
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                var closest = NameSuggester.Closest(name, known);
                Report(name, $"The {_action} action has no parameter '{name}'.",
                    closest is not null ? $"Did you mean '{closest}'?" : $"Its parameters are: {string.Join(", ", known)}.");
            }
        }
    }

    /// <summary>Reports a problem with one parameter.</summary>
    public void Report(string name, string message, string? hint) =>
        _preparation.Report(DiagnosticCodes.InvalidParameter, "parameters." + name, message, hint);
}
