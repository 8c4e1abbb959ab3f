using FastFlow.Definitions;
using FastFlow.Execution;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Validation;

public class SettingsValidationTests
{
    private static ValidationResult ValidateTask(TaskOptions options, TaskDefaults? defaults = null, Action<WorkflowBuilder>? configure = null)
    {
        var flow = new WorkflowBuilder("w");
        if (defaults is not null)
        {
            flow.Defaults(defaults);
        }

        configure?.Invoke(flow);
        flow.Task("a", options);
        return TestRegistry.Validate(flow.Build());
    }

    [Fact]
    public void Nothing_said_means_the_engine_defaults()
    {
        var task = ValidateTask(TaskOptions.None).Tasks[0];

        Assert.Equal(TriggerRule.AllSuccess, task.TriggerRule);
        Assert.Equal(TaskPriority.Normal, task.Priority);
        Assert.Equal(FailurePolicy.Fail, task.OnFailure);
        Assert.Null(task.Timeout);
        Assert.Same(RetryPolicy.None, task.Retry);
        Assert.Null(task.Compensation);
    }

    [Fact]
    public void Workflow_defaults_apply_where_the_task_says_nothing()
    {
        var defaults = new TaskDefaults
        {
            TimeoutSeconds = 30,
            TriggerRule = TriggerRule.AllDone,
            Priority = TaskPriority.High,
            OnFailure = FailurePolicy.Skip,
            Retry = new RetrySettings { MaxAttempts = 3, BaseDelaySeconds = 0.5 },
        };

        var task = ValidateTask(TaskOptions.None, defaults).Tasks[0];

        Assert.Equal(TimeSpan.FromSeconds(30), task.Timeout);
        Assert.Equal(TriggerRule.AllDone, task.TriggerRule);
        Assert.Equal(TaskPriority.High, task.Priority);
        Assert.Equal(FailurePolicy.Skip, task.OnFailure);
        Assert.Equal(3, task.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(0.5), task.Retry.BaseDelay);
    }

    [Fact]
    public void Task_settings_win_and_retry_merges_field_by_field()
    {
        var defaults = new TaskDefaults
        {
            TimeoutSeconds = 30,
            Priority = TaskPriority.High,
            Retry = new RetrySettings { MaxAttempts = 3, BaseDelaySeconds = 0.5, MaxDelaySeconds = 10, Jitter = false },
        };
        var options = new TaskOptions
        {
            TimeoutSeconds = 5,
            Priority = TaskPriority.Critical,
            TriggerRule = TriggerRule.OneSuccess,
            OnFailure = FailurePolicy.Compensate,
            Retry = new RetrySettings { MaxAttempts = 5 },
        };

        var task = ValidateTask(options, defaults).Tasks[0];

        Assert.Equal(TimeSpan.FromSeconds(5), task.Timeout);
        Assert.Equal(TaskPriority.Critical, task.Priority);
        Assert.Equal(TriggerRule.OneSuccess, task.TriggerRule);
        Assert.Equal(FailurePolicy.Compensate, task.OnFailure);
        Assert.Equal(5, task.Retry.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(0.5), task.Retry.BaseDelay);
        Assert.Equal(TimeSpan.FromSeconds(10), task.Retry.MaxDelay);
        Assert.False(task.Retry.Jitter);
    }

    [Fact]
    public void Max_attempts_below_one_is_FF1050()
    {
        var result = ValidateTask(new TaskOptions { Retry = new RetrySettings { MaxAttempts = 0 } });

        var d = Diagnostics.Single(result, DiagnosticCodes.InvalidRetry);
        Assert.Equal("tasks.a.retry.max_attempts", d.Path);
        Assert.Contains("at least 1", d.Message, StringComparison.Ordinal);
        Assert.Contains("not 0", d.Message, StringComparison.Ordinal);
        Assert.Contains("max_attempts: 1", d.Hint, StringComparison.Ordinal);
        Assert.Same(RetryPolicy.None, result.Tasks[0].Retry);
    }

    [Theory]
    [InlineData(-1.0, "-1")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void A_bad_delay_is_FF1050(double delay, string shown)
    {
        var result = ValidateTask(new TaskOptions { Retry = new RetrySettings { MaxAttempts = 2, BaseDelaySeconds = delay, MaxDelaySeconds = delay } });

        var found = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.InvalidRetry).ToList();
        Assert.Equal(["tasks.a.retry.base_delay_seconds", "tasks.a.retry.max_delay_seconds"], found.Select(d => d.Path));
        Assert.Contains($"not {shown}", found[0].Message, StringComparison.Ordinal);
        Assert.NotNull(found[0].Hint);
    }

    [Fact]
    public void A_max_delay_below_the_base_delay_is_FF1050_also_across_the_defaults()
    {
        var defaults = new TaskDefaults { Retry = new RetrySettings { MaxAttempts = 3, MaxDelaySeconds = 2 } };

        var result = ValidateTask(new TaskOptions { Retry = new RetrySettings { BaseDelaySeconds = 5 } }, defaults);

        var d = Diagnostics.Single(result, DiagnosticCodes.InvalidRetry);
        Assert.Equal("tasks.a.retry.base_delay_seconds", d.Path);
        Assert.Contains("max_delay_seconds (2) is below base_delay_seconds (5)", d.Message, StringComparison.Ordinal);
        Assert.Contains("0 for no cap", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zero_max_delay_means_no_cap_and_is_valid()
    {
        var result = ValidateTask(new TaskOptions { Retry = new RetrySettings { MaxAttempts = 2, BaseDelaySeconds = 5, MaxDelaySeconds = 0 } });

        Assert.True(result.IsValid, Diagnostics.Describe(result));
    }

    [Fact]
    public void Bad_default_retry_is_reported_once_at_the_defaults()
    {
        var defaults = new TaskDefaults { Retry = new RetrySettings { MaxAttempts = -2 } };
        var flow = new WorkflowBuilder("w").Defaults(defaults);
        flow.Task("a");
        flow.Task("b", new TaskOptions { Retry = new RetrySettings { BaseDelaySeconds = 1 } });

        var result = TestRegistry.Validate(flow.Build());

        var d = Diagnostics.Single(result, DiagnosticCodes.InvalidRetry);
        Assert.Equal("defaults.retry.max_attempts", d.Path);
        Assert.Same(RetryPolicy.None, result.Tasks[0].Retry);
        Assert.Same(RetryPolicy.None, result.Tasks[1].Retry);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-3.0)]
    [InlineData(double.NaN)]
    [InlineData(1e300)]
    public void A_bad_task_timeout_is_FF1051(double seconds)
    {
        var result = ValidateTask(new TaskOptions { TimeoutSeconds = seconds });

        var d = Diagnostics.Single(result, DiagnosticCodes.InvalidTimeout);
        Assert.Equal("tasks.a.timeout_seconds", d.Path);
        Assert.Contains("timeout_seconds of task 'a' must be a positive number of seconds", d.Message, StringComparison.Ordinal);
        Assert.NotNull(d.Hint);
        Assert.Null(result.Tasks[0].Timeout);
    }

    [Fact]
    public void Bad_default_and_workflow_timeouts_are_FF1051()
    {
        var result = ValidateTask(TaskOptions.None, new TaskDefaults { TimeoutSeconds = -1 }, flow => flow.Timeout(0));

        var found = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.InvalidTimeout).Select(d => d.Path).ToList();
        Assert.Equal(["timeout_seconds", "defaults.timeout_seconds"], found);
        Assert.Null(result.Tasks[0].Timeout);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-4)]
    public void Max_concurrency_below_one_is_FF1052(int limit)
    {
        var d = Diagnostics.Single(ValidateTask(TaskOptions.None, configure: flow => flow.MaxConcurrency(limit)), DiagnosticCodes.InvalidConcurrency);

        Assert.Equal("max_concurrency", d.Path);
        Assert.Contains($"not {limit}", d.Message, StringComparison.Ordinal);
        Assert.NotNull(d.Hint);
    }

    [Fact]
    public void Workflow_on_failure_skip_is_FF1009()
    {
        var d = Diagnostics.Single(ValidateTask(TaskOptions.None, configure: flow => flow.OnFailure(FailurePolicy.Skip)), DiagnosticCodes.InvalidValue);

        Assert.Equal("on_failure", d.Path);
        Assert.Contains("'skip'", d.Message, StringComparison.Ordinal);
        Assert.Contains("compensate", d.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Inputs_and_outputs_declared_twice_are_FF1006()
    {
        var result = ValidateTask(TaskOptions.None, configure: flow => flow
            .Input("source").Input("source")
            .Output("rows", "${{ inputs.source }}").Output("rows", "${{ inputs.source }}"));

        var found = result.Diagnostics.Where(d => d.Code == DiagnosticCodes.DuplicateId).Select(d => d.Path).ToList();
        Assert.Equal(["inputs.source", "outputs.rows"], found);
    }

    [Fact]
    public void An_input_default_of_the_wrong_type_is_FF1003()
    {
        var result = ValidateTask(TaskOptions.None, configure: flow => flow.Input("batch", InputType.Integer, defaultValue: "ten"));

        var d = Diagnostics.Single(result, DiagnosticCodes.WrongType);
        Assert.Equal("inputs.batch.default", d.Path);
        Assert.Contains("the text 'ten', not integer", d.Message, StringComparison.Ordinal);
    }
}
