namespace FastFlow.Core.Tests.Semantics.Support;

/// <summary>Holds a handler until the test opens it, and tells the test when the handler arrived.</summary>
internal sealed class Gate
{
    private readonly TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _passes;

    /// <summary>Completes when a handler first reached the gate.</summary>
    public Task Entered => _entered.Task;

    /// <summary>How many handlers reached the gate.</summary>
    public int Passes => Volatile.Read(ref _passes);

    public bool IsOpen => _opened.Task.IsCompleted;

    /// <summary>Arrives at the gate and waits until it opens (or <paramref name="cancellationToken"/> fires).</summary>
    public async Task PassAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _passes);
        _entered.TrySetResult();
        await _opened.Task.WaitAsync(cancellationToken);
    }

    public void Open() => _opened.TrySetResult();
}
