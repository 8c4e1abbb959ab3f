using FastFlow.Agents;
using FastFlow.Registry;

namespace FastFlow.Core.Tests.Agents;

public sealed class AgentDescriptorTests
{
    [Theory]
    [InlineData("analyst")]
    [InlineData("data_agent")]
    [InlineData("a.b-C_9")]
    public void Valid_ids_are_accepted(string id) => Assert.Equal(id, new AgentDescriptor(id).Id);

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("a/b")]
    [InlineData("é")]
    public void Invalid_ids_are_refused(string id) => Assert.Throws<ArgumentException>(() => new AgentDescriptor(id));

    [Fact]
    public void Max_concurrent_tasks_defaults_to_four_and_must_be_positive()
    {
        Assert.Equal(4, new AgentDescriptor("a").MaxConcurrentTasks);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgentDescriptor("a") { MaxConcurrentTasks = 0 });
    }

    [Fact]
    public void An_agent_has_capabilities_when_it_has_every_one_of_them()
    {
        var descriptor = new AgentDescriptor("a") { Capabilities = ["sql", "gpu"] };

        Assert.True(descriptor.HasCapabilities(["gpu"]));
        Assert.True(descriptor.HasCapabilities(["sql", "gpu"]));
        Assert.True(descriptor.HasCapabilities(null));
        Assert.False(descriptor.HasCapabilities(["sql", "SQL"]));
    }

    [Fact]
    public void Registered_agents_are_found_by_id_and_listed_sorted()
    {
        var registry = new FlowRegistry();
        var b = registry.RegisterAgent("b", (_, _) => new(TaskResult.Success()));
        var a = registry.RegisterAgent("a", (_, _) => new(TaskResult.Success()), "x");
        var version = registry.Version;

        var replaced = registry.RegisterAgent("a", (_, _) => new(TaskResult.Success()), "y");

        Assert.True(registry.TryGetAgent("b", out var found));
        Assert.Same(b, found);
        Assert.Equal(["a", "b"], registry.Agents().Select(x => x.Id));
        Assert.Same(replaced, registry.Agents()[0]);
        Assert.NotSame(a, replaced);
        Assert.True(registry.Version > version);
        Assert.Equal("in_process", replaced.Transport.Kind);
    }
}
