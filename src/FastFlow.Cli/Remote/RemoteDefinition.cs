using FastFlow.Cli.Commands;
using FastFlow.Cli.Inputs;
using FastFlow.Definitions.Loading;
using FastFlow.Validation;

namespace FastFlow.Cli.Remote;

/// <summary>A definition file and the run's inputs, ready to send to a server: the file's text as
/// it is (the server validates it and reports every finding), and the inputs of <c>--inputs-file</c>
/// and <c>--input</c> converted to the types the definition declares, as <c>run</c> converts them.</summary>
/// <param name="File">The file as the user named it.</param>
/// <param name="Source">Its text.</param>
/// <param name="Inputs">The inputs.</param>
internal sealed record RemoteDefinition(string File, string Source, IReadOnlyDictionary<string, object?> Inputs)
{
    /// <summary>Reads the file and the inputs.</summary>
    /// <exception cref="CommandFailedException">The file cannot be read, or an input is malformed or of the wrong type.</exception>
    public static RemoteDefinition Read(string file, string? inputsFile, IEnumerable<string> inputArguments)
    {
        string source;
        try
        {
            source = System.IO.File.ReadAllText(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CommandFailedException(
                $"cannot read {file}: {exception.Message}",
                "check the path and the file's permissions; the file is read here and its text sent to the server");
        }

        var inputs = new Dictionary<string, object?>(StringComparer.Ordinal);
        var problems = new List<Diagnostic>();
        if (inputsFile is not null)
        {
            problems.AddRange(InputsFile.AddTo(inputs, inputsFile));
        }

        problems.AddRange(InputArguments.AddTo(inputs, inputArguments));
        IReadOnlyDictionary<string, object?> bound = inputs;
        if (problems.Count == 0)
        {
            // Text from the command line becomes the declared type here, as for a local run; a
            // definition that does not load is sent as it is, for the server to report in full.
            var load = DefinitionLoader.Load(source, DefinitionLoader.DetectFormat(file, source) ?? DefinitionFormat.Yaml, file);
            if (load.Definition is { } definition && !load.Diagnostics.Any(static d => d.IsError))
            {
                var binding = InputBinder.Bind(definition, inputs, coerceStrings: true);
                problems.AddRange(binding.Diagnostics);
                bound = binding.Inputs;
            }
        }

        if (problems.Count > 0)
        {
            throw new CommandFailedException(
                problems.Count == 1 ? "1 input problem; nothing was sent" : $"{problems.Count} input problems; nothing was sent",
                "give inputs with --input name=value or --inputs-file FILE",
                ExitCodes.InvalidInput,
                problems);
        }

        return new RemoteDefinition(file, source, bound);
    }
}
