namespace FastFlow.Bench;

/// <summary>One run made for a measurement: awaited by blocking (the measuring thread has
/// nothing else to do) and required to complete, since a figure of a failed run means nothing.</summary>
internal static class MeasuredRun
{
    public static void RunToCompletion(FlowEngine engine, CompiledWorkflow compiled)
    {
        var result = engine.RunAsync(compiled).AsTask().GetAwaiter().GetResult();
        if (result.Status != RunStatus.Completed)
        {
            throw new InvalidOperationException($"The {compiled.Definition.Id} run ended {result.Status.ToWireName()}: {result.Error?.Message}");
        }
    }
}
