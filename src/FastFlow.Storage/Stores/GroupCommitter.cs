using System.Diagnostics;

namespace FastFlow.Storage.Stores;

/// <summary>
/// Decides when a log is committed and releases the waiters each commit covers: the group commit
/// behind <see cref="IStateStore.WaitDurableAsync"/>. One background loop makes every commit, so
/// commits never overlap and a commit is never made on a writer's or a reader's thread.
/// </summary>
/// <remarks>
/// <para>Positions are the store's tickets: a commit makes everything written before it started
/// durable and reports the position durable after it.</para>
/// <para>Waiters join <see cref="_nextCommit"/>, the commit that has not started yet. The loop swaps
/// in a new one under <see cref="_lock"/> before it starts a commit, so a waiter that joined a
/// commit registered before it started, after its write: the commit covers the write. All waiters
/// of a commit are released together, by one <see cref="TaskCompletionSource.TrySetResult"/>.</para>
/// <para>When the next commit starts: with waiters, at once in <see cref="StoreDurability.Immediate"/>
/// mode and <see cref="_batchWindow"/> after the last commit started otherwise; with written data and
/// no waiters, <see cref="_batchWindow"/> after it (<see cref="_flushInterval"/> in
/// <see cref="StoreDurability.None"/> mode). <see cref="CommitNowAsync"/> commits at once in any mode.</para>
/// </remarks>
internal sealed class GroupCommitter : IAsyncDisposable
{
    /// <summary>Commits the log and returns the position now durable.</summary>
    private readonly Func<ValueTask<long>> _commit;

    /// <summary>The store's durability mode.</summary>
    private readonly StoreDurability _durability;

    /// <summary>The least time between the starts of two commits when nobody needs one at once.</summary>
    private readonly TimeSpan _batchWindow;

    /// <summary>How soon unwaited data is committed in <see cref="StoreDurability.None"/> mode.</summary>
    private readonly TimeSpan _flushInterval;

    /// <summary>Guards <see cref="_nextCommit"/>, <see cref="_waiters"/> and <see cref="_urgent"/>.</summary>
    private readonly Lock _lock = new();

    /// <summary>Wakes the loop; released at most once per wake request (<see cref="_wakeRequested"/>).</summary>
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Stops the loop on disposal.</summary>
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>The loop.</summary>
    private readonly Task _loop;

    /// <summary>Completes when the commit that has not started yet completes.</summary>
    private TaskCompletionSource _nextCommit = NewCommit();

    /// <summary>How many waiters joined <see cref="_nextCommit"/>.</summary>
    private int _waiters;

    /// <summary>How many of them need it at once, whatever the mode.</summary>
    private int _urgent;

    /// <summary>1 while a wake is requested and not yet seen by the loop, so that the semaphore is
    /// released once per request.</summary>
    private int _wakeRequested;

    /// <summary>1 while the loop sleeps with no commit planned: only then do writes and unhurried
    /// waiters need to wake it (a planned commit covers them anyway).</summary>
    private int _idle;

    /// <summary>The end of the last write.</summary>
    private long _written;

    /// <summary>The position known durable.</summary>
    private long _durable;

    /// <summary>When the last commit started (<see cref="Stopwatch"/> timestamp).</summary>
    private long _lastCommitStarted;

    /// <summary>How many commits were made.</summary>
    private long _commits;

    /// <summary>1 once disposal began.</summary>
    private int _disposed;

    /// <summary>Starts the loop over a log durable up to <paramref name="durable"/>.</summary>
    public GroupCommitter(Func<ValueTask<long>> commit, StoreDurability durability, TimeSpan batchWindow,
        TimeSpan flushInterval, long durable)
    {
        _commit = commit;
        _durability = durability;
        _batchWindow = batchWindow;
        _flushInterval = flushInterval;
        _durable = durable;
        _written = durable;
        _lastCommitStarted = Stopwatch.GetTimestamp();
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The position known durable.</summary>
    public long DurablePosition => Volatile.Read(ref _durable);

    /// <summary>How many commits were made.</summary>
    public long Commits => Volatile.Read(ref _commits);

    /// <summary>Records that the log was written up to <paramref name="position"/>; callers report
    /// increasing positions (they write under one lock).</summary>
    public void NotifyWritten(long position)
    {
        // The exchange is a full fence: either the loop sees this position when it re-checks after
        // announcing it is idle, or this sees it idle and wakes it (RunAsync).
        Interlocked.Exchange(ref _written, position);
        if (Volatile.Read(ref _idle) == 1)
        {
            Wake();
        }
    }

    /// <summary>Completes when <paramref name="position"/> is durable; at once in
    /// <see cref="StoreDurability.None"/> mode.</summary>
    public ValueTask WaitDurableAsync(long position, CancellationToken cancellationToken)
    {
        if (position <= Volatile.Read(ref _durable) || _durability == StoreDurability.None)
        {
            return default;
        }

        return new ValueTask(WaitSlowAsync(position, urgent: _durability == StoreDurability.Immediate, cancellationToken));
    }

    /// <summary>Makes a commit start at once (whatever the mode) and completes when it has: it
    /// covers everything written before the call, and persists log metadata such as a truncation.</summary>
    public Task CommitNowAsync(CancellationToken cancellationToken = default) =>
        WaitSlowAsync(long.MaxValue, urgent: true, cancellationToken);

    /// <summary>Stops the loop and makes a last commit; waiters still waiting are released by it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        await CommitOnceAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _wake.Dispose();
    }

    /// <summary>Stops the loop without a last commit, as a crash would; waiters get
    /// <see cref="ObjectDisposedException"/>. For tests that simulate a crash.</summary>
    public async ValueTask AbandonAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        TaskCompletionSource abandoned;
        lock (_lock)
        {
            abandoned = _nextCommit;
        }

        abandoned.TrySetException(new ObjectDisposedException(nameof(GroupCommitter), "The store was abandoned before this write was committed."));
        _stopping.Dispose();
        _wake.Dispose();
    }

    private async Task WaitSlowAsync(long position, bool urgent, CancellationToken cancellationToken)
    {
        // One round normally: the commit joined covers the position. The loop guards against a commit
        // that reports less (it never should).
        while (true)
        {
            Task commit;
            lock (_lock)
            {
                if (position != long.MaxValue && position <= _durable)
                {
                    return;
                }

                ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
                _waiters++;
                if (urgent)
                {
                    _urgent++;
                }

                commit = _nextCommit.Task;
            }

            // Full fence for the same handshake as in NotifyWritten.
            Interlocked.MemoryBarrier();
            if (urgent || Volatile.Read(ref _idle) == 1)
            {
                Wake();
            }

            await commit.WaitAsync(cancellationToken).ConfigureAwait(false);
            if (position == long.MaxValue || position <= Volatile.Read(ref _durable))
            {
                return;
            }
        }
    }

    private void Wake()
    {
        // Only the first request since the loop last looked releases the semaphore; the loop clears
        // the flag before it reads the state, so a request after that is never lost.
        if (Interlocked.Exchange(ref _wakeRequested, 1) == 0)
        {
            _wake.Release();
        }
    }

    private async Task RunAsync()
    {
        var stopping = _stopping.Token;
        while (!stopping.IsCancellationRequested)
        {
            var delay = NextCommitDelay();
            if (delay is null)
            {
                // Announce idleness, then look once more: a write or waiter that came in between
                // either is seen now or saw the flag and wakes the loop.
                Interlocked.Exchange(ref _idle, 1);
                if (NextCommitDelay() is null)
                {
                    await WaitForWakeAsync(Timeout.InfiniteTimeSpan, stopping).ConfigureAwait(false);
                }

                Volatile.Write(ref _idle, 0);
                continue;
            }

            if (delay > TimeSpan.Zero)
            {
                // Sleep until the commit is due, or until something changes the plan (a waiter that
                // needs it sooner); then look again.
                await WaitForWakeAsync(delay.Value, stopping).ConfigureAwait(false);
                continue;
            }

            await CommitOnceAsync().ConfigureAwait(false);
        }
    }

    /// <summary>How long until the next commit is due: <c>null</c> when none is needed, zero or less
    /// when it is due now.</summary>
    private TimeSpan? NextCommitDelay()
    {
        int waiters, urgent;
        lock (_lock)
        {
            waiters = _waiters;
            urgent = _urgent;
        }

        if (urgent > 0)
        {
            return TimeSpan.Zero;
        }

        TimeSpan spacing;
        if (waiters > 0)
        {
            spacing = _batchWindow;
        }
        else if (Volatile.Read(ref _written) > Volatile.Read(ref _durable))
        {
            spacing = _durability == StoreDurability.None ? _flushInterval : _batchWindow;
        }
        else
        {
            return null;
        }

        return spacing - Stopwatch.GetElapsedTime(Volatile.Read(ref _lastCommitStarted));
    }

    private async Task WaitForWakeAsync(TimeSpan delay, CancellationToken stopping)
    {
        bool woken;
        try
        {
            woken = await _wake.WaitAsync(delay, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (woken)
        {
            Volatile.Write(ref _wakeRequested, 0);
        }
    }

    private async Task CommitOnceAsync()
    {
        TaskCompletionSource batch;
        lock (_lock)
        {
            batch = _nextCommit;
            _nextCommit = NewCommit();
            _waiters = 0;
            _urgent = 0;
        }

        Volatile.Write(ref _lastCommitStarted, Stopwatch.GetTimestamp());
        try
        {
            var durable = await _commit().ConfigureAwait(false);
            lock (_lock)
            {
                if (durable > _durable)
                {
                    _durable = durable;
                }
            }

            Interlocked.Increment(ref _commits);
            batch.TrySetResult();
        }
#pragma warning disable CA1031 // The failure goes to every waiter of this commit; the next commit tries again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            batch.TrySetException(ex);
        }
    }

    private static TaskCompletionSource NewCommit() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
