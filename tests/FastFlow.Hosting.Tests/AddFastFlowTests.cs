using FastFlow.Definitions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace FastFlow.Hosting.Tests;

public sealed class AddFastFlowTests
{
    [Fact]
    public async Task The_engine_comes_from_the_container_with_its_handlers_services_and_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(new Greeting("hello"));
        services.AddFastFlow(options =>
        {
            options.Engine.WorkerCount = 1;
            options.AddHandler("greet", ctx => $"{ctx.Services!.GetRequiredService<Greeting>().Word} {ctx.Inputs["name"]} at {ctx.TimeProvider.GetUtcNow():yyyy}");
        });
        await using var provider = services.BuildServiceProvider();

        var engine = provider.GetRequiredService<FlowEngine>();
        Assert.Same(engine, provider.GetRequiredService<FlowEngine>());
        var flow = new WorkflowBuilder("hello");
        flow.Task("greet", "greet");
        var result = await engine.RunAsync(flow.Build(), new Dictionary<string, object?> { ["name"] = "Ada" });

        Assert.Equal(RunStatus.Completed, result.Status);
        Assert.Equal("hello Ada at 2030", result.GetTask("greet").Output);
        Assert.True(engine.Registry.TryLookup<Actions.FlowAction>(Registry.ComponentKind.Action, "exec", out _));
    }

    [Fact]
    public async Task Stopping_the_host_waits_for_active_runs_to_end()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFastFlow(options => options.AddHandler("slow", async ctx =>
        {
            started.TrySetResult();
            await release.Task;
            return TaskResult.Success("done");
        }));
        using var host = builder.Build();
        await host.StartAsync();
        var engine = host.Services.GetRequiredService<FlowEngine>();
        var flow = new WorkflowBuilder("slow");
        flow.Task("slow", "slow");
        var run = await engine.StartAsync(flow.Build());
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var stopping = host.StopAsync();
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RunStatus.Completed, (await run.Completion).Status);
    }

    private sealed record Greeting(string Word);
}
