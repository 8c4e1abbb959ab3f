using FastFlow.Storage.Stores;

namespace FastFlow.Storage.Tests.Stores;

/// <summary>The group commit on its own, over a fake log whose commits the test holds and releases.</summary>
public sealed class GroupCommitterTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task In_batched_mode_waiters_that_arrive_during_a_commit_are_released_together_by_the_next()
    {
        // Writes are not reported (NotifyWritten), so only waiters start commits: which commit
        // each waiter joins is then certain.
        var log = new FakeLog();
        await using var committer = log.Committer(StoreDurability.Batched, TimeSpan.FromMilliseconds(1));
        var first = committer.WaitDurableAsync(log.Write(), default).AsTask();
        await log.CommitStarted(1);

        // Fifty writers wait while commit 1 is on the disk: commit 1 does not cover them.
        var waiters = Enumerable.Range(0, 50).Select(_ => committer.WaitDurableAsync(log.Write(), default).AsTask()).ToArray();
        log.Release(1);
        await first.WaitAsync(s_timeout);
        await log.CommitStarted(2);
        Assert.All(waiters, w => Assert.False(w.IsCompleted));

        log.Release(2);
        await Task.WhenAll(waiters).WaitAsync(s_timeout);
        Assert.Equal(2, committer.Commits);
        Assert.Equal(log.Tail, committer.DurablePosition);
        log.ReleaseAll();
    }

    [Fact]
    public async Task In_batched_mode_a_hundred_concurrent_waiters_share_a_few_commits()
    {
        var log = new FakeLog { AutoRelease = true };
        await using var committer = log.Committer(StoreDurability.Batched, TimeSpan.FromMilliseconds(2));
        var gate = new object();
        await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => Task.Run(async () =>
        {
            long position;
            lock (gate)
            {
                position = log.Write();
                committer.NotifyWritten(position);
            }

            await committer.WaitDurableAsync(position, default);
        }))).WaitAsync(s_timeout);

        Assert.InRange(committer.Commits, 1, 50);
        Assert.Equal(log.Tail, committer.DurablePosition);
    }

    [Fact]
    public async Task In_immediate_mode_a_waiter_does_not_wait_for_the_batch_window()
    {
        var log = new FakeLog { AutoRelease = true };
        await using var committer = log.Committer(StoreDurability.Immediate, TimeSpan.FromSeconds(10));
        for (var i = 0; i < 5; i++)
        {
            var position = log.Write();
            committer.NotifyWritten(position);
            await committer.WaitDurableAsync(position, default).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        }

        Assert.Equal(5, committer.Commits);
    }

    [Fact]
    public async Task In_none_mode_waits_complete_at_once_and_the_data_is_committed_later()
    {
        var log = new FakeLog { AutoRelease = true };
        await using var committer = log.Committer(StoreDurability.None, TimeSpan.FromMilliseconds(2), flushInterval: TimeSpan.FromMilliseconds(50));
        var position = log.Write();
        committer.NotifyWritten(position);

        Assert.True(committer.WaitDurableAsync(position, default).IsCompletedSuccessfully);
        for (var polls = 0; polls < 500 && committer.DurablePosition < position; polls++)
        {
            await Task.Delay(10);
        }

        Assert.Equal(position, committer.DurablePosition);
    }

    [Fact]
    public async Task CommitNowAsync_commits_in_any_mode()
    {
        var log = new FakeLog { AutoRelease = true };
        await using var committer = log.Committer(StoreDurability.None, TimeSpan.FromSeconds(10), flushInterval: TimeSpan.FromHours(1));
        committer.NotifyWritten(log.Write());

        await committer.CommitNowAsync().WaitAsync(s_timeout);
        Assert.Equal(log.Tail, committer.DurablePosition);
        await committer.CommitNowAsync().WaitAsync(s_timeout);
        Assert.Equal(2, committer.Commits);
    }

    [Fact]
    public async Task A_failed_commit_fails_its_waiters_and_the_next_commit_still_runs()
    {
        // With a long window only the (urgent) waiter starts a commit, so it is in the failing one.
        var log = new FakeLog { AutoRelease = true, FailNext = true };
        await using var committer = log.Committer(StoreDurability.Immediate, TimeSpan.FromSeconds(10));
        var position = log.Write();
        committer.NotifyWritten(position);

        var failure = await Assert.ThrowsAsync<IOException>(() => committer.WaitDurableAsync(position, default).AsTask().WaitAsync(s_timeout));
        Assert.Equal("disk on fire", failure.Message);
        await committer.WaitDurableAsync(position, default).AsTask().WaitAsync(s_timeout);
        Assert.Equal(position, committer.DurablePosition);
    }

    [Fact]
    public async Task A_cancelled_wait_ends_alone()
    {
        var log = new FakeLog();
        await using var committer = log.Committer(StoreDurability.Immediate, TimeSpan.FromSeconds(10));
        var patient = committer.WaitDurableAsync(log.Write(), default).AsTask();
        await log.CommitStarted(1);
        using var cancel = new CancellationTokenSource();
        var cancelled = committer.WaitDurableAsync(log.Write(), cancel.Token).AsTask();

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled.WaitAsync(s_timeout));
        Assert.False(patient.IsCompleted);
        log.Release(1);
        await patient.WaitAsync(s_timeout);
        log.ReleaseAll();
    }

    [Fact]
    public async Task Disposal_commits_what_is_left_and_then_refuses_waits()
    {
        var log = new FakeLog { AutoRelease = true };
        var committer = log.Committer(StoreDurability.None, TimeSpan.Zero, flushInterval: TimeSpan.FromHours(1));
        var position = log.Write();
        committer.NotifyWritten(position);

        await committer.DisposeAsync();
        Assert.Equal(position, committer.DurablePosition);
        Assert.Throws<ObjectDisposedException>(() => committer.CommitNowAsync().GetAwaiter().GetResult());
    }

    /// <summary>A log whose commits report the tail as it was when they started; each commit waits
    /// for <see cref="Release"/> unless <see cref="AutoRelease"/>.</summary>
    private sealed class FakeLog
    {
        private readonly Lock _lock = new();
        private readonly List<TaskCompletionSource> _started = [];
        private readonly List<TaskCompletionSource> _released = [];
        private long _tail;

        public bool AutoRelease { get; set; }

        public bool FailNext { get; set; }

        public long Tail => Interlocked.Read(ref _tail);

        public long Write() => Interlocked.Add(ref _tail, 10);

        public GroupCommitter Committer(StoreDurability durability, TimeSpan batchWindow, TimeSpan? flushInterval = null) =>
            new(CommitAsync, durability, batchWindow, flushInterval ?? TimeSpan.FromSeconds(1), durable: 0);

        public Task CommitStarted(int commit) => Slot(_started, commit).Task.WaitAsync(s_timeout);

        public void Release(int commit) => Slot(_released, commit).TrySetResult();

        /// <summary>Lets every commit through from now on (the committer's last one at disposal too).</summary>
        public void ReleaseAll()
        {
            AutoRelease = true;
            lock (_lock)
            {
                foreach (var slot in _released)
                {
                    slot.TrySetResult();
                }
            }
        }

        private async ValueTask<long> CommitAsync()
        {
            var tail = Tail;
            int commit;
            lock (_lock)
            {
                commit = _started.Count(s => s.Task.IsCompleted) + 1;
            }

            Slot(_started, commit).TrySetResult();
            if (!AutoRelease)
            {
                await Slot(_released, commit).Task;
            }

            if (FailNext)
            {
                FailNext = false;
                throw new IOException("disk on fire");
            }

            return tail;
        }

        private TaskCompletionSource Slot(List<TaskCompletionSource> slots, int commit)
        {
            lock (_lock)
            {
                while (slots.Count < commit)
                {
                    slots.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                }

                return slots[commit - 1];
            }
        }
    }
}
