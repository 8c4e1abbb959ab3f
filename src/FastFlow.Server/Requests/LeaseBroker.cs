using System.Collections.Concurrent;
using System.Threading.Channels;
using FastFlow.Agents;

namespace FastFlow.Server.Requests;

/// <summary>The attempts of one remote agent: a queue of those waiting for a worker, and the
/// table of those leased. A worker takes attempts (waiting up to a limit when none is there),
/// keeps each alive with heartbeats and completes it; a lease that lapses fails its attempt as
/// transient, so the task's retry policy decides what happens next; an attempt whose run is
/// cancelled leaves the queue or its lease.</summary>
internal sealed class LeaseBroker(string agentId, TimeSpan leaseDuration, TimeProvider time)
{
    private readonly Channel<Lease> _waiting = Channel.CreateUnbounded<Lease>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly ConcurrentDictionary<string, Lease> _leased = new(StringComparer.Ordinal);

    /// <summary>The agent's id.</summary>
    public string AgentId => agentId;

    /// <summary>How long a lease lasts without a heartbeat.</summary>
    public TimeSpan LeaseDuration => leaseDuration;

    /// <summary>Attempts leased to workers now.</summary>
    public int LeasedCount => _leased.Count;

    /// <summary>Queues an attempt for a worker and waits for its outcome.</summary>
    public async ValueTask<TaskResult> OfferAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        var lease = new Lease($"{agentId}/{Guid.CreateVersion7():N}", request);
        using var registration = cancellationToken.Register(static state =>
        {
            var (broker, lease, token) = ((LeaseBroker, Lease, CancellationToken))state!;
            if (lease.TryCancel(token))
            {
                broker.Release(lease);
            }
        }, (this, lease, cancellationToken));
        _waiting.Writer.TryWrite(lease);
        return await lease.Result.ConfigureAwait(false);
    }

    /// <summary>Takes up to <paramref name="max"/> waiting attempts and leases them; when none is
    /// waiting, waits up to <paramref name="wait"/> for one.</summary>
    public async ValueTask<IReadOnlyList<Lease>> TakeAsync(int max, TimeSpan wait, CancellationToken cancellationToken)
    {
        var taken = new List<Lease>();
        TakeWaiting(taken, max);
        if (taken.Count > 0 || wait <= TimeSpan.Zero)
        {
            return taken;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(wait);
        while (taken.Count == 0)
        {
            try
            {
                if (!await _waiting.Reader.WaitToReadAsync(limit.Token).ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The long poll's time is up: an empty answer.
                break;
            }

            TakeWaiting(taken, max);
        }

        return taken;
    }

    /// <summary>Extends a lease by <see cref="LeaseDuration"/> from now; null when no such lease is held.</summary>
    public DateTimeOffset? Renew(string leaseId)
    {
        if (!_leased.TryGetValue(leaseId, out var lease))
        {
            return null;
        }

        var expires = time.GetUtcNow() + leaseDuration;
        Volatile.Write(ref lease.ExpiresAtTicks, expires.UtcTicks);
        lease.Timer?.Change(leaseDuration, Timeout.InfiniteTimeSpan);
        // Completed or lapsed in between: the renewal came too late.
        return _leased.ContainsKey(leaseId) ? expires : null;
    }

    /// <summary>Ends a lease with the worker's result; false when no such lease is held.</summary>
    public bool Complete(string leaseId, TaskResult result)
    {
        if (!_leased.TryRemove(leaseId, out var lease))
        {
            return false;
        }

        lease.Timer?.Dispose();
        return lease.TrySettle(result);
    }

    private void TakeWaiting(List<Lease> taken, int max)
    {
        while (taken.Count < max && _waiting.Reader.TryRead(out var lease))
        {
            // An attempt cancelled while it waited is skipped.
            if (lease.Result.IsCompleted)
            {
                continue;
            }

            var expires = time.GetUtcNow() + leaseDuration;
            Volatile.Write(ref lease.ExpiresAtTicks, expires.UtcTicks);
            _leased[lease.Id] = lease;
            lease.Timer = time.CreateTimer(static state =>
            {
                var (broker, lease) = ((LeaseBroker, Lease))state!;
                broker.Lapse(lease);
            }, (this, lease), leaseDuration, Timeout.InfiniteTimeSpan);
            if (lease.Result.IsCompleted)
            {
                // Cancelled while it was being leased.
                Release(lease);
                continue;
            }

            taken.Add(lease);
        }
    }

    /// <summary>A lease whose time ran out: the attempt fails as transient.</summary>
    private void Lapse(Lease lease)
    {
        if (!_leased.TryRemove(new KeyValuePair<string, Lease>(lease.Id, lease)))
        {
            return;
        }

        lease.Timer?.Dispose();
        lease.TrySettle(TaskResult.Failure(ErrorCategory.Transient,
            $"The lease {lease.Id} of task '{lease.Request.TaskId}' (run {lease.Request.RunId}, attempt {lease.Request.Attempt}) on remote agent '{agentId}' lapsed: " +
            $"no heartbeat or result within {leaseDuration.TotalSeconds:0.###} s. The worker may have stopped; the task's retry policy decides whether it runs again."));
    }

    /// <summary>Drops a lease whose attempt was cancelled.</summary>
    private void Release(Lease lease)
    {
        if (_leased.TryRemove(new KeyValuePair<string, Lease>(lease.Id, lease)))
        {
            lease.Timer?.Dispose();
        }
    }
}
