using FastFlow.Validation;

namespace FastFlow.Definitions.Loading;

internal sealed partial class DefinitionMapper
{
    /// <summary><c>inputs</c>: a map of input name to <c>{ type, required, default, description }</c>
    /// (null declares an input of any type).</summary>
    private void MapInputs(WorkflowBuilder builder, FieldSet workflow)
    {
        if (!workflow.TryGet("inputs", out var node, out var path)
            || Mapping(node, path, "inputs", "a mapping of input names to { type, required, default }") is not { } inputs)
        {
            return;
        }

        foreach (var (name, entry) in Entries(inputs, path, "input"))
        {
            var inputPath = DefinitionPath.Field(path, name);
            _session.Mark(inputPath, entry.Key.Position);
            CheckName(name, inputPath, entry.Key.Position, "input");
            var declaration = new InputDeclaration { Name = name };
            if (Mapping(entry.Value, inputPath, $"input '{name}'", "a mapping such as { type: string, required: true }") is { } body)
            {
                var fields = Fields(body, inputPath, FieldNames.Input, $"input '{name}'");
                var hasDefault = fields.TryGet("default", out var defaultNode, out var defaultPath);
                declaration = declaration with
                {
                    Type = InputTypeOf(fields) ?? InputType.Any,
                    Required = Boolean(fields, "required") ?? false,
                    Default = defaultNode is null ? null : Data(defaultNode, defaultPath),
                    HasDefault = hasDefault,
                    Description = String(fields, "description"),
                };
            }

            builder.Input(declaration);
        }
    }

    /// <summary><c>outputs</c>: a map of output name to an expression or template string.</summary>
    private void MapOutputs(WorkflowBuilder builder, FieldSet workflow)
    {
        if (!workflow.TryGet("outputs", out var node, out var path)
            || Mapping(node, path, "outputs", "a mapping of output names to expressions") is not { } outputs)
        {
            return;
        }

        foreach (var (name, entry) in Entries(outputs, path, "output"))
        {
            var outputPath = DefinitionPath.Field(path, name);
            _session.Mark(outputPath, PositionOf(entry));
            CheckName(name, outputPath, entry.Key.Position, "output");
            if (String(entry.Value, outputPath, $"output '{name}'", nullable: false) is { } expression)
            {
                builder.Output(name, expression);
            }
        }
    }

    /// <summary>Input and output names follow the id rules, so that expressions can name them.</summary>
    private void CheckName(string name, string path, SourcePosition at, string what)
    {
        if (!DefinitionIds.IsValid(name))
        {
            _session.Error(DiagnosticCodes.InvalidId, path, at, $"{what} name '{name}' is not valid", IdHint(name));
        }
    }
}
