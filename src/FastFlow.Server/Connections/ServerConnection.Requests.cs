namespace FastFlow.Server.Connections;

/// <summary>Requests in flight (for duplicate ids and for draining at shutdown) and the slow-client
/// timeouts.</summary>
internal sealed partial class ServerConnection
{
    /// <summary>Ids of requests handed to the dispatcher whose reply (the first non-push frame with
    /// their id) has not been written yet. Guarded by <see cref="_requestsLock"/>.</summary>
    private readonly HashSet<uint> _inFlight = [];

    /// <summary>Guards <see cref="_inFlight"/>, <see cref="_draining"/> and <see cref="_drained"/>.</summary>
    private readonly Lock _requestsLock = new();

    /// <summary>Completed when draining and no request is in flight (or the connection closes).</summary>
    private TaskCompletionSource? _drained;

    /// <summary>Set when the server stops: no new request is taken. Written under
    /// <see cref="_requestsLock"/>; the read loop reads it without the lock (a stale read only
    /// defers the stop to the next frame, and <see cref="BeginRequest"/> checks again under the lock).</summary>
    private volatile bool _draining;

    /// <summary>When the frame now arriving started (time provider timestamp when the read loop
    /// first saw its bytes), or 0 when no frame is partly received.</summary>
    private long _frameStartedAt;

    /// <summary>What <see cref="BeginRequest"/> decided.</summary>
    private enum RequestAdmission
    {
        /// <summary>Dispatch it.</summary>
        Started,

        /// <summary>Another request in flight has the same id.</summary>
        Duplicate,

        /// <summary>The server is stopping; the request is not taken.</summary>
        Draining,
    }

    /// <summary>Stops taking requests and completes once every request already taken has its reply
    /// written (or the connection closes).</summary>
    internal Task DrainAsync()
    {
        TaskCompletionSource drained;
        lock (_requestsLock)
        {
            _draining = true;
            drained = _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inFlight.Count == 0 || IsClosing)
            {
                drained.TrySetResult();
            }
        }

        _input.Reader.CancelPendingRead();
        return drained.Task;
    }

    /// <summary>Closes the connection with a timeout error when its handshake or its current frame
    /// is overdue. Called by the server's sweeper.</summary>
    internal void CheckTimeouts(long now)
    {
        if (IsClosing || _draining)
        {
            return;
        }

        var time = _settings.Time;
        var options = _settings.Options;
        if (!_authenticated && time.GetElapsedTime(_openedAt, now) >= options.HandshakeTimeout)
        {
            _ = CloseAsync(Protocol.ErrorCode.Timeout, 0,
                $"The handshake did not complete within {options.HandshakeTimeout.TotalSeconds:0.###} s of connecting; send hello as the first frame at once.");
            return;
        }

        var started = Volatile.Read(ref _frameStartedAt);
        if (started != 0 && time.GetElapsedTime(started, now) >= options.FrameTimeout)
        {
            _ = CloseAsync(Protocol.ErrorCode.Timeout, 0,
                $"A frame began arriving more than {options.FrameTimeout.TotalSeconds:0.###} s ago and is still incomplete; send each frame whole, without pauses.");
        }
    }

    /// <summary>Records a request as in flight, unless its id is taken or the server is stopping.
    /// Request id 0 is not tracked (it is the id of connection-level errors).</summary>
    private RequestAdmission BeginRequest(uint requestId)
    {
        lock (_requestsLock)
        {
            if (_draining)
            {
                return RequestAdmission.Draining;
            }

            return requestId == 0 || _inFlight.Add(requestId) ? RequestAdmission.Started : RequestAdmission.Duplicate;
        }
    }

    /// <summary>Called under the write gate when a request's reply is written.</summary>
    private void EndRequest(uint requestId)
    {
        lock (_requestsLock)
        {
            if (_inFlight.Remove(requestId) && _draining && _inFlight.Count == 0)
            {
                _drained?.TrySetResult();
            }
        }
    }
}
