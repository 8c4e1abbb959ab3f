namespace FastFlow.Expressions.Values;

/// <summary>A string with <c>${{ }}</c> parts.</summary>
internal sealed class TemplateValuePart(CompiledTemplate template) : ValuePart
{
    public override object? Resolve(IEvaluationContext context) => template.Render(context);
}
