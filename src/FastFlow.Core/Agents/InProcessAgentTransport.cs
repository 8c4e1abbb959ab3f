using FastFlow.Data;

namespace FastFlow.Agents;

/// <summary>An agent that is a delegate in this process: embedded services register one with
/// <see cref="AgentRegistryExtensions.RegisterAgent(Registry.FlowRegistry, string, Func{AgentRequest, CancellationToken, ValueTask{TaskResult}}, string[])"/>.</summary>
public sealed class InProcessAgentTransport : AgentTransport
{
    private readonly Func<AgentRequest, CancellationToken, ValueTask<TaskResult>> _handler;

    /// <summary>Creates the transport over a delegate.</summary>
    /// <param name="handler">Runs one request; its output is normalized to plain data.</param>
    public InProcessAgentTransport(Func<AgentRequest, CancellationToken, ValueTask<TaskResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _handler = handler;
    }

    /// <inheritdoc/>
    public override string Kind => "in_process";

    /// <inheritdoc/>
    public override ValueTask<TaskResult> SendAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        var pending = _handler(request, cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            return new(Normalize(pending.Result));
        }

        return AwaitAsync(pending);

        static async ValueTask<TaskResult> AwaitAsync(ValueTask<TaskResult> pending) =>
            Normalize(await pending.ConfigureAwait(false));
    }

    /// <summary>Handlers may return records, ints or JSON elements; later tasks read plain data.</summary>
    private static TaskResult Normalize(TaskResult result) =>
        result.IsSuccess && !PlainData.IsPlainScalar(result.Output) ? TaskResult.Success(PlainData.Normalize(result.Output)) : result;
}
