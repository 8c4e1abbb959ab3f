using System.Globalization;
using FastFlow.Definitions;
using FastFlow.Execution;

namespace FastFlow.Validation;

internal sealed partial class DefinitionChecker
{
    /// <summary>The longest delay or timeout accepted, in seconds: half of what a <see cref="TimeSpan"/>
    /// holds (thousands of years), so that converting it can never overflow.</summary>
    private static readonly double s_maxSeconds = TimeSpan.MaxValue.TotalSeconds / 2;

    /// <summary>The attempt timeout of tasks that set none, from <c>defaults</c>; null for none or invalid.</summary>
    private TimeSpan? _defaultTimeout;
    /// <summary>The retry policy of tasks that set none, from <c>defaults.retry</c>.</summary>
    private RetryPolicy _defaultRetry = RetryPolicy.None;

    /// <summary>Workflow-level checks: id, tasks present, run-level failure policy, deadline,
    /// concurrency, defaults, inputs and outputs declared once each.</summary>
    private void CheckWorkflow()
    {
        var definition = _definition;
        if (!IdRules.IsValid(definition.Id))
        {
            Report(-1, DiagnosticCodes.InvalidId, "id",
                $"the workflow id '{definition.Id}' is not valid: ids match {IdRules.Pattern} (letters, digits, '.', '_' and '-')",
                $"use '{IdRules.Suggest(definition.Id)}'");
        }

        if (_tasks.Count == 0)
        {
            Report(-1, DiagnosticCodes.NoTasks, "tasks", "the workflow has no tasks", "add at least one task under `tasks:`");
        }

        if (definition.OnFailure == FailurePolicy.Skip)
        {
            Report(-1, DiagnosticCodes.InvalidValue, "on_failure",
                "on_failure 'skip' applies to a task, not to a whole workflow",
                "use fail, compensate or pause here, and put `on_failure: skip` on the tasks whose failure the run may ignore");
        }

        if (definition.TimeoutSeconds is { } deadline && !IsValidSeconds(deadline, allowZero: false))
        {
            ReportTimeout(-1, "timeout_seconds", "the workflow's timeout_seconds", deadline);
        }

        if (definition.MaxConcurrency is { } limit && limit < 1)
        {
            Report(-1, DiagnosticCodes.InvalidConcurrency, "max_concurrency",
                $"max_concurrency must be at least 1, not {limit}",
                "remove it to let the engine's capacity bound the run, or set a positive number of tasks");
        }

        CheckDefaults(definition.Defaults);
        CheckDeclaredNames();
    }

    private void CheckDefaults(TaskDefaults defaults)
    {
        if (defaults.TimeoutSeconds is { } timeout)
        {
            if (IsValidSeconds(timeout, allowZero: false))
            {
                _defaultTimeout = TimeSpan.FromSeconds(timeout);
            }
            else
            {
                ReportTimeout(-1, "defaults.timeout_seconds", "defaults.timeout_seconds", timeout);
            }
        }

        if (defaults.Retry is { } retry && CheckRetry(-1, retry, null, "defaults.retry"))
        {
            _defaultRetry = RetryPolicy.From(retry);
        }
    }

    /// <summary>Inputs and outputs are referred to by name, so each name may be declared once.</summary>
    private void CheckDeclaredNames()
    {
        var inputs = _definition.Inputs;
        for (var i = 1; i < inputs.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(inputs[i].Name, inputs[j].Name, StringComparison.Ordinal))
                {
                    Report(-1, DiagnosticCodes.DuplicateId, DefinitionPath.Field("inputs", inputs[i].Name),
                        $"the input '{inputs[i].Name}' is declared twice", "remove or rename one of them");
                    break;
                }
            }
        }

        var outputs = _definition.Outputs;
        for (var i = 1; i < outputs.Count; i++)
        {
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(outputs[i].Name, outputs[j].Name, StringComparison.Ordinal))
                {
                    Report(-1, DiagnosticCodes.DuplicateId, DefinitionPath.Field("outputs", outputs[i].Name),
                        $"the output '{outputs[i].Name}' is declared twice", "remove or rename one of them");
                    break;
                }
            }
        }

        foreach (var input in inputs)
        {
            if (input.HasDefault && !InputBinder.Matches(input.Type, input.Default))
            {
                Report(-1, DiagnosticCodes.WrongType, DefinitionPath.Field(DefinitionPath.Field("inputs", input.Name), "default"),
                    $"the default of input '{input.Name}' is {InputBinder.Describe(input.Default)}, not {InputBinder.TypeName(input.Type)}",
                    $"give a default of type {InputBinder.TypeName(input.Type)}, or change the input's type");
            }
        }
    }

    /// <summary>Checks the retry fields a task (or the defaults) wrote, and the merge of them over
    /// <paramref name="fallback"/> (a maximum delay from the defaults below a task's base delay).</summary>
    /// <returns>True when the merged settings make a usable policy.</returns>
    private bool CheckRetry(int task, RetrySettings own, RetrySettings? fallback, string path)
    {
        var valid = true;
        if (own.MaxAttempts is { } attempts && attempts < 1)
        {
            Report(task, DiagnosticCodes.InvalidRetry, path + ".max_attempts",
                $"max_attempts must be at least 1 (the first attempt counts), not {attempts}",
                "use `max_attempts: 1` for no retry, or 3 for two retries");
            valid = false;
        }

        valid &= CheckDelay(task, own.BaseDelaySeconds, path + ".base_delay_seconds", "base_delay_seconds");
        valid &= CheckDelay(task, own.MaxDelaySeconds, path + ".max_delay_seconds", "max_delay_seconds");

        var merged = fallback is null ? own : own.Over(fallback);
        if (valid && (own.BaseDelaySeconds is not null || own.MaxDelaySeconds is not null)
            && merged.BaseDelaySeconds is { } baseDelay && merged.MaxDelaySeconds is { } maxDelay
            && maxDelay > 0 && maxDelay < baseDelay && IsValidSeconds(baseDelay, allowZero: true))
        {
            Report(task, DiagnosticCodes.InvalidRetry,
                path + (own.MaxDelaySeconds is not null ? ".max_delay_seconds" : ".base_delay_seconds"),
                $"max_delay_seconds ({Format(maxDelay)}) is below base_delay_seconds ({Format(baseDelay)}): no delay could respect both",
                "raise max_delay_seconds to at least the base delay, or set it to 0 for no cap");
            valid = false;
        }

        return valid && (fallback is null || IsUsable(fallback));
    }

    private bool CheckDelay(int task, double? seconds, string path, string field)
    {
        if (seconds is not { } value || IsValidSeconds(value, allowZero: true))
        {
            return true;
        }

        Report(task, DiagnosticCodes.InvalidRetry, path,
            $"{field} must be a number of seconds of 0 or more, not {Format(value)}",
            "use a number such as 0.5 (half a second) or 10");
        return false;
    }

    /// <summary>True when every field of <paramref name="settings"/> is in range (the defaults
    /// already reported otherwise).</summary>
    private static bool IsUsable(RetrySettings settings) =>
        settings.MaxAttempts is null or >= 1
        && (settings.BaseDelaySeconds is not { } baseDelay || IsValidSeconds(baseDelay, allowZero: true))
        && (settings.MaxDelaySeconds is not { } maxDelay || IsValidSeconds(maxDelay, allowZero: true));

    private void ReportTimeout(int task, string path, string subject, double value) =>
        Report(task, DiagnosticCodes.InvalidTimeout, path,
            $"{subject} must be a positive number of seconds, not {Format(value)}",
            value > 0 && !double.IsNaN(value)
                ? "use a shorter timeout; remove it for none"
                : "use a number above 0 such as 30; remove it for no timeout");

    /// <summary>Finite, not NaN, not negative (nor zero unless allowed), and representable as a <see cref="TimeSpan"/>.</summary>
    private static bool IsValidSeconds(double seconds, bool allowZero) =>
        (allowZero ? seconds >= 0 : seconds > 0) && seconds < s_maxSeconds;

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
