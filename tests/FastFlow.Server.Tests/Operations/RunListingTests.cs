using FastFlow.Protocol;
using FastFlow.Protocol.Messages;

namespace FastFlow.Server.Tests.Operations;

/// <summary>list_runs: newest first, filtered by status and workflow, limited; in memory from the
/// engine's active and retained runs, durable from the store.</summary>
public sealed class RunListingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Runs_are_listed_newest_first_and_filtered_by_status_workflow_and_limit(bool durable)
    {
        await using var harness = DispatcherHarness.Create(durable);
        var release = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        harness.Engine.RegisterHandler("hold", _ => release.Task);
        await harness.RegisterAsync("id: quick\ntasks:\n  a: { action: noop }\n");
        await harness.RegisterAsync("id: held\ntasks:\n  a: { handler: hold }\n");
        for (var i = 0; i < 4; i++)
        {
            await harness.SubmitAsync("quick", wait: true, runId: $"q{i}", priority: i == 3 ? "high" : null);
        }

        await harness.SubmitAsync("held", runId: "h0");
        await harness.ExpectAsync<RunStateMessage>(new CreateRunMessage { WorkflowId = "quick", RunId = "c0" });

        var all = await harness.ExpectAsync<RunListMessage>(new ListRunsMessage());
        Assert.Equal(["c0", "h0", "q3", "q2", "q1", "q0"], all.Runs.Select(static r => r.RunId));
        Assert.Equal("high", all.Runs.Single(static r => r.RunId == "q3").Priority);
        Assert.Equal("normal", all.Runs.Single(static r => r.RunId == "q2").Priority);

        var completed = await harness.ExpectAsync<RunListMessage>(new ListRunsMessage { Status = "completed" });
        Assert.Equal(["q3", "q2", "q1", "q0"], completed.Runs.Select(static r => r.RunId));
        Assert.All(completed.Runs, static r => Assert.NotNull(r.CompletedAt));

        var running = await harness.ExpectAsync<RunListMessage>(new ListRunsMessage { Status = "running" });
        Assert.Equal(["h0"], running.Runs.Select(static r => r.RunId));

        var pending = await harness.ExpectAsync<RunListMessage>(new ListRunsMessage { Status = "PENDING", WorkflowId = "quick" });
        Assert.Equal(["c0"], pending.Runs.Select(static r => r.RunId));

        var held = await harness.ExpectAsync<RunListMessage>(new ListRunsMessage { WorkflowId = "held" });
        Assert.Equal(["h0"], held.Runs.Select(static r => r.RunId));

        var two = await harness.ExpectAsync<RunListMessage>(new ListRunsMessage { Limit = 2 });
        Assert.Equal(["c0", "h0"], two.Runs.Select(static r => r.RunId));
        release.SetResult(null);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_001)]
    public async Task A_limit_out_of_range_is_an_invalid_request(int limit)
    {
        await using var harness = DispatcherHarness.Create();

        var error = await harness.ExpectErrorAsync(new ListRunsMessage { Limit = limit }, ErrorCode.InvalidRequest);

        Assert.Contains("10000", error.Message);
    }

    [Fact]
    public async Task An_unknown_status_is_an_invalid_request_listing_the_statuses()
    {
        await using var harness = DispatcherHarness.Create();

        var error = await harness.ExpectErrorAsync(new ListRunsMessage { Status = "finished" }, ErrorCode.InvalidRequest);

        Assert.Contains("pending, running, paused, completed, failed, cancelled", error.Message);
    }
}
