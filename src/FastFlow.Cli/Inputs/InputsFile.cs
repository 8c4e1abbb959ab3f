using System.Text.Json;
using FastFlow.Data;
using FastFlow.Definitions.Loading;
using FastFlow.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace FastFlow.Cli.Inputs;

/// <summary>Reads <c>--inputs-file F</c>: a JSON or YAML mapping of input names to values (YAML
/// scalars typed by the core schema, as in definitions), every problem at its line and column (FF1104).</summary>
internal static class InputsFile
{
    /// <summary>Reads <paramref name="path"/> into <paramref name="inputs"/>; returns the problems.</summary>
    public static List<Diagnostic> AddTo(IDictionary<string, object?> inputs, string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            return [Problem(path, 0, 0, $"cannot read the inputs file: {e.Message}", "check the path given to --inputs-file")];
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return [Problem(path, 1, 1, "the inputs file is empty", "write one `name: value` line per input (or `{}` for none)")];
        }

        return DefinitionLoader.DetectFormat(path, text) == DefinitionFormat.Json
            ? ReadJson(inputs, path, text)
            : ReadYaml(inputs, path, text);
    }

    private static List<Diagnostic> ReadJson(IDictionary<string, object?> inputs, string path, string text)
    {
        object? root;
        try
        {
            root = PlainData.ParseJson(text);
        }
        catch (JsonException e)
        {
            // System.Text.Json counts from 0, and counts bytes in the line (the same as characters for ASCII).
            var line = (int)(e.LineNumber ?? 0) + 1;
            var column = (int)(e.BytePositionInLine ?? 0) + 1;
            return [Problem(path, line, column, "invalid JSON: " + FirstSentence(e.Message), "fix the JSON syntax at this position")];
        }

        if (root is not Dictionary<string, object?> map)
        {
            return [Problem(path, 1, 1, $"an inputs file is an object of input names to values, not {PlainData.TypeName(root)}", "write { \"name\": value, ... }")];
        }

        foreach (var (name, value) in map)
        {
            inputs[name] = value;
        }

        return [];
    }

    private static List<Diagnostic> ReadYaml(IDictionary<string, object?> inputs, string path, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return [Problem(path, (int)e.Start.Line, (int)e.Start.Column, "invalid YAML: " + StripPosition(e.Message), "fix the YAML syntax at this position")];
        }

        var root = stream.Documents[0].RootNode;
        if (stream.Documents.Count > 1)
        {
            var extra = stream.Documents[1].RootNode.Start;
            return [Problem(path, (int)extra.Line, (int)extra.Column, "an inputs file holds one YAML document; another starts here", "remove the extra `---` document")];
        }

        if (root is not YamlMappingNode mapping)
        {
            return [Problem(path, (int)root.Start.Line, (int)root.Start.Column, "an inputs file is a mapping of input names to values", "write one `name: value` line per input")];
        }

        // YamlDotNet has already refused duplicate keys, with their position.
        var problems = new List<Diagnostic>();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { Length: > 0 } name })
            {
                inputs[name] = YamlValues.ToPlainData(value);
            }
            else
            {
                problems.Add(Problem(path, (int)key.Start.Line, (int)key.Start.Column, "an input name must be text", "write `name: value`"));
            }
        }

        return problems;
    }

    /// <summary>YamlDotNet starts its messages with the position, which the diagnostic has already.</summary>
    private static string StripPosition(string message)
    {
        var close = message.StartsWith('(') ? message.IndexOf("): ", StringComparison.Ordinal) : -1;
        return close > 0 ? message[(close + 3)..] : message;
    }

    /// <summary>System.Text.Json appends "Path: $ | LineNumber: 0 | BytePositionInLine: 5."; the diagnostic has those.</summary>
    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static Diagnostic Problem(string file, int line, int column, string message, string hint) => new()
    {
        Code = DiagnosticCodes.InputSyntax,
        File = file,
        Line = line,
        Column = column,
        Message = message,
        Hint = hint,
    };
}
