using FastFlow.Validation;

namespace FastFlow.Cli.Inputs;

/// <summary>Reads <c>--input name=value</c> arguments. Values stay text; the engine converts them
/// to the declared input types (<see cref="RunOptions.CoerceInputStrings"/>).</summary>
internal static class InputArguments
{
    /// <summary>Adds each argument to <paramref name="inputs"/> (a later one wins over an earlier
    /// one and over the inputs file) and returns the arguments that are not <c>name=value</c>.</summary>
    public static List<Diagnostic> AddTo(IDictionary<string, object?> inputs, IEnumerable<string> arguments)
    {
        var problems = new List<Diagnostic>();
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? argument : argument[..equals].Trim();
            if (equals <= 0 || name.Length == 0)
            {
                problems.Add(new Diagnostic
                {
                    Code = DiagnosticCodes.InputSyntax,
                    Path = "inputs",
                    Message = equals < 0
                        ? $"--input '{argument}' is not of the form name=value"
                        : $"--input '{argument}' has no name before '='",
                    Hint = equals < 0
                        ? $"write --input name=value, e.g. --input {(argument.Length > 0 ? argument : "name")}=value (quote it when the value has spaces: --input 'title=Q3 report')"
                        : "write --input name=value",
                });
                continue;
            }

            inputs[name] = argument[(equals + 1)..];
        }

        return problems;
    }
}
