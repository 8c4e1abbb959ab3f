namespace FastFlow.Agents;

/// <summary>A registered agent: its descriptor, its transport and its live state (load, status,
/// last-seen time, latency and success statistics). The registry holds it under
/// <see cref="Registry.ComponentKind.Agent"/>. At most <see cref="AgentDescriptor.MaxConcurrentTasks"/>
/// requests run at once; more wait asynchronously for a slot, holding no thread.</summary>
public sealed class Agent
{
    /// <summary>Weight of the newest latency sample in the moving average.</summary>
    private const double LatencyWeight = 0.2;

    /// <summary>Bounds concurrent requests; WaitAsync queues waiters without blocking threads.</summary>
    private readonly SemaphoreSlim _slots;
    /// <summary>The clock for timestamps and latency.</summary>
    private readonly TimeProvider _time;
    /// <summary>Online, offline or error as set from outside; busy is derived from the slots.</summary>
    private int _availability;
    /// <summary>Requests assigned: running plus waiting for a slot.</summary>
    private int _load;
    /// <summary>Requests holding a slot.</summary>
    private int _running;
    /// <summary>Answered requests that succeeded.</summary>
    private long _succeeded;
    /// <summary>Answered requests that failed.</summary>
    private long _failed;
    /// <summary>UTC ticks of the last sign of life.</summary>
    private long _lastSeenTicks;
    /// <summary>Bits of the latency average in milliseconds, NaN before the first sample; updated by compare-and-swap.</summary>
    private long _latencyBits = BitConverter.DoubleToInt64Bits(double.NaN);

    /// <summary>Creates an agent, online.</summary>
    /// <param name="descriptor">Who the agent is.</param>
    /// <param name="transport">How requests reach it.</param>
    /// <param name="timeProvider">The clock; the system clock by default.</param>
    public Agent(AgentDescriptor descriptor, AgentTransport transport, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(transport);
        Descriptor = descriptor;
        Transport = transport;
        _time = timeProvider ?? TimeProvider.System;
        _slots = new SemaphoreSlim(descriptor.MaxConcurrentTasks, descriptor.MaxConcurrentTasks);
        RegisteredAt = _time.GetUtcNow();
        _lastSeenTicks = RegisteredAt.UtcTicks;
    }

    /// <summary>The agent's id.</summary>
    public string Id => Descriptor.Id;

    /// <summary>Who the agent is and what it can do.</summary>
    public AgentDescriptor Descriptor { get; }

    /// <summary>How requests reach the agent.</summary>
    public AgentTransport Transport { get; }

    /// <summary>When the agent was created (registered).</summary>
    public DateTimeOffset RegisteredAt { get; }

    /// <summary>The last sign of life: registration, a heartbeat or an answer.</summary>
    public DateTimeOffset LastSeenAt => new(Interlocked.Read(ref _lastSeenTicks), TimeSpan.Zero);

    /// <summary>Requests assigned to the agent: running plus waiting for a slot.</summary>
    public int CurrentLoad => Volatile.Read(ref _load);

    /// <summary>Requests holding a slot now.</summary>
    public int RunningTasks => Volatile.Read(ref _running);

    /// <summary>Whether a request sent now would start at once.</summary>
    public bool HasFreeSlot => RunningTasks < Descriptor.MaxConcurrentTasks;

    /// <summary>Offline or error when set so; otherwise busy when every slot is taken, else online.</summary>
    public AgentStatus Status
    {
        get
        {
            var availability = (AgentStatus)Volatile.Read(ref _availability);
            if (availability != AgentStatus.Online)
            {
                return availability;
            }

            return HasFreeSlot ? AgentStatus.Online : AgentStatus.Busy;
        }
    }

    /// <summary>True unless the agent is offline or in error: only then does it receive tasks.</summary>
    public bool IsAvailable => (AgentStatus)Volatile.Read(ref _availability) == AgentStatus.Online;

    /// <summary>What the agent has done so far.</summary>
    public AgentStatistics Statistics
    {
        get
        {
            var succeeded = Interlocked.Read(ref _succeeded);
            var failed = Interlocked.Read(ref _failed);
            var latency = BitConverter.Int64BitsToDouble(Interlocked.Read(ref _latencyBits));
            return new AgentStatistics(succeeded + failed, succeeded, failed,
                double.IsNaN(latency) ? null : TimeSpan.FromMilliseconds(latency));
        }
    }

    /// <summary>Marks the agent online, offline or in error. Busy is not set: it follows from the slots.</summary>
    /// <exception cref="ArgumentException"><paramref name="status"/> is <see cref="AgentStatus.Busy"/>.</exception>
    public void SetStatus(AgentStatus status)
    {
        if (status is not (AgentStatus.Online or AgentStatus.Offline or AgentStatus.Error))
        {
            throw new ArgumentException("An agent is marked online, offline or error; busy follows from its slots.", nameof(status));
        }

        Volatile.Write(ref _availability, (int)status);
    }

    /// <summary>Records a sign of life: the agent is seen now, and online again if it was offline or in error.</summary>
    public void Heartbeat()
    {
        Interlocked.Exchange(ref _lastSeenTicks, _time.GetUtcNow().UtcTicks);
        Volatile.Write(ref _availability, (int)AgentStatus.Online);
    }

    /// <summary>Sends a request through the agent's transport: waits for a slot (asynchronously),
    /// sends, releases the slot and records latency and outcome. A transport that throws anything
    /// but a cancellation fails the attempt as <see cref="ErrorCategory.Transient"/> (or with the
    /// category of a <see cref="TaskFailedException"/>).</summary>
    /// <exception cref="OperationCanceledException">The token fired while waiting or sending.</exception>
    public async ValueTask<TaskResult> SendAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Interlocked.Increment(ref _load);
        try
        {
            await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref _running);
            try
            {
                var started = _time.GetTimestamp();
                var result = await SendThroughTransportAsync(request, cancellationToken).ConfigureAwait(false);
                Record(_time.GetElapsedTime(started), result.IsSuccess);
                return result;
            }
            finally
            {
                Interlocked.Decrement(ref _running);
                _slots.Release();
            }
        }
        finally
        {
            Interlocked.Decrement(ref _load);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Id} ({Transport.Kind}, {Status.ToWireName()}, load {CurrentLoad}/{Descriptor.MaxConcurrentTasks})";

    private async ValueTask<TaskResult> SendThroughTransportAsync(AgentRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return await Transport.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TaskFailedException failed)
        {
            return TaskResult.Failure(new TaskError(failed.Category, failed.Message, failed));
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return TaskResult.Failure(new TaskError(ErrorCategory.Transient,
                $"Agent '{Id}' ({Transport.Kind}) failed: {exception.Message}", exception));
        }
    }

    private void Record(TimeSpan latency, bool success)
    {
        Interlocked.Increment(ref success ? ref _succeeded : ref _failed);

        Interlocked.Exchange(ref _lastSeenTicks, _time.GetUtcNow().UtcTicks);
        var sample = latency.TotalMilliseconds;
        while (true)
        {
            var bits = Interlocked.Read(ref _latencyBits);
            var current = BitConverter.Int64BitsToDouble(bits);
            var next = double.IsNaN(current) ? sample : current + (LatencyWeight * (sample - current));
            if (Interlocked.CompareExchange(ref _latencyBits, BitConverter.DoubleToInt64Bits(next), bits) == bits)
            {
                return;
            }
        }
    }
}
