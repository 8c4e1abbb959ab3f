using System.Globalization;
using FastFlow.Scheduling;
using FastFlow.Validation;

namespace FastFlow.Actions;

/// <summary><c>delay</c>: waits <c>seconds</c>, or <c>until</c> a moment (ISO 8601), on the
/// engine's timer queue — no thread is held while it waits. Output <c>{ fired_at }</c>.</summary>
internal sealed class DelayAction() : FlowAction("delay")
{
    public override object? Prepare(ActionPreparation preparation)
    {
        var hasSeconds = preparation.Parameters.ContainsKey("seconds");
        var hasUntil = preparation.Parameters.ContainsKey("until");
        if (hasSeconds == hasUntil)
        {
            preparation.Report(DiagnosticCodes.InvalidParameter, "parameters",
                hasSeconds ? "The delay action takes 'seconds' or 'until', not both." : "The delay action needs 'seconds' or 'until'.",
                "Write parameters: { seconds: 5 } or parameters: { until: \"2030-01-01T00:00:00Z\" }.");
        }

        if (preparation.TryGetConstant("seconds", out var seconds) && (ToSeconds(seconds) is not { } value || value < 0 || double.IsNaN(value)))
        {
            preparation.Report(DiagnosticCodes.InvalidParameter, "parameters.seconds", $"'seconds' must be a number of seconds, 0 or more; got {Describe(seconds)}.");
        }

        if (preparation.TryGetConstant("until", out var until) && !TryParseMoment(until, out _))
        {
            preparation.Report(DiagnosticCodes.InvalidParameter, "parameters.until", $"'until' must be an ISO 8601 moment such as 2030-01-01T00:00:00Z; got {Describe(until)}.");
        }

        return null;
    }

    public override ValueTask<TaskResult> ExecuteAsync(TaskContext context)
    {
        var time = context.TimeProvider;
        var now = time.GetUtcNow();
        // A delay re-run after a restart counts from when it first started: the timer is durable.
        var start = context.StartedAt;
        DateTimeOffset due;
        if (context.Parameters.TryGetValue("until", out var until))
        {
            if (!TryParseMoment(until, out due))
            {
                return new(TaskResult.Failure(ErrorCategory.Permanent, $"Task '{context.TaskId}': 'until' is not an ISO 8601 moment: {Describe(until)}."));
            }
        }
        else if (ToSeconds(context.GetParameter("seconds")) is { } seconds && seconds >= 0)
        {
            due = start + TimeSpan.FromSeconds(seconds);
        }
        else
        {
            return new(TaskResult.Failure(ErrorCategory.Permanent, $"Task '{context.TaskId}': 'seconds' must be a number of seconds, 0 or more."));
        }

        if (due <= now)
        {
            return new(Fired(now));
        }

        var waiter = new Waiter(context.EngineServices.Timers, context.CancellationToken);
        waiter.Arm(due);
        return new(waiter.Task);
    }

    private static TaskResult Fired(DateTimeOffset at) =>
        TaskResult.Success(new Dictionary<string, object?> { ["fired_at"] = at.ToString("O", CultureInfo.InvariantCulture) });

    private static double? ToSeconds(object? value) => value switch
    {
        long whole => whole,
        int small => small,
        double real => real,
        string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private static bool TryParseMoment(object? value, out DateTimeOffset moment)
    {
        moment = default;
        return value is string text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out moment);
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string text => $"\"{text}\"",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "?",
    };

    /// <summary>Completes when the timer fires, or cancels with the attempt's token.</summary>
    private sealed class Waiter(TimerQueue timers, CancellationToken cancellationToken) : ITimerTarget
    {
        private readonly TimerQueue _timers = timers;
        private readonly CancellationToken _cancellationToken = cancellationToken;
        private readonly TaskCompletionSource<TaskResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TimerHandle _timer;
        private CancellationTokenRegistration _registration;

        public Task<TaskResult> Task => _completion.Task;

        public void Arm(DateTimeOffset due)
        {
            _timer = _timers.Schedule(due, this, 0);
            _registration = _cancellationToken.UnsafeRegister(static state =>
            {
                var waiter = (Waiter)state!;
                waiter._timers.Cancel(waiter._timer);
                waiter._completion.TrySetCanceled(waiter._cancellationToken);
            }, this);
        }

        public void OnTimer(long token)
        {
            _registration.Dispose();
            _completion.TrySetResult(Fired(_timers.Now));
        }
    }
}
