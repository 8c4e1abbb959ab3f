using System.Threading.Channels;
using FastFlow.Storage.Stores;

namespace FastFlow.Durability;

/// <summary>Runs callbacks once the store says the write they follow is durable, in the order they
/// were queued: events reach subscribers and results reach awaiting callers only for transitions
/// that a crash can no longer take back. One loop waits for the store; callers never block.</summary>
internal sealed class DurableRelease : IAsyncDisposable
{
    private readonly IStateStore _store;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private readonly Action<Exception> _onFault;

    public DurableRelease(IStateStore store, Action<Exception> onFault)
    {
        _store = store;
        _onFault = onFault;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Calls <paramref name="callback"/> with <paramref name="state"/> once <paramref name="ticket"/> is durable.</summary>
    public void After(StoreTicket ticket, Action<object?> callback, object? state)
    {
        if (!_queue.Writer.TryWrite(new Pending(ticket, callback, state)))
        {
            // Shut down: the engine is being disposed; nobody is left to tell.
            return;
        }
    }

    private async Task RunAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var pending))
            {
                try
                {
                    await _store.WaitDurableAsync(pending.Ticket).ConfigureAwait(false);
                    pending.Callback(pending.State);
                }
                catch (Exception exception) when (exception is not OutOfMemoryException)
                {
                    // A store that failed to commit, or a callback that threw: report it, keep releasing the rest.
                    _onFault(exception);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private readonly record struct Pending(StoreTicket Ticket, Action<object?> Callback, object? State);
}
