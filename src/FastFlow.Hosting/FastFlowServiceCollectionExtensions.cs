using FastFlow.Actions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FastFlow.Hosting;

/// <summary>Adds FastFlow to a .NET host.</summary>
public static class FastFlowServiceCollectionExtensions
{
    /// <summary>Registers a singleton <see cref="FlowEngine"/> built from <see cref="FastFlowOptions"/>,
    /// with the host's <see cref="ILoggerFactory"/> (category <c>FastFlow</c>), its
    /// <see cref="TimeProvider"/> (the system clock unless one is registered) and the service
    /// provider itself (reachable from handlers as <see cref="TaskContext.Services"/>), plus a hosted
    /// service that lets active runs finish when the host stops.</summary>
    /// <example>
    /// <code>
    /// builder.Services.AddFastFlow(options =>
    /// {
    ///     options.Engine.WorkerCount = 4;
    ///     options.AddHandler("charge", ctx => Charge(ctx.Parameters));
    /// });
    /// // later: app.Services.GetRequiredService&lt;FlowEngine&gt;().RunAsync(definition)
    /// </code>
    /// </example>
    public static IServiceCollection AddFastFlow(this IServiceCollection services, Action<FastFlowOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<FastFlowOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider =>
        {
            var settings = provider.GetRequiredService<IOptions<FastFlowOptions>>().Value;
            var logger = provider.GetService<ILoggerFactory>()?.CreateLogger("FastFlow");
            var engine = new FlowEngine(settings.Engine, logger, provider.GetRequiredService<TimeProvider>(), provider);
            if (settings.RegisterIoActions)
            {
                IoActions.Register(engine.Registry);
            }

            settings.Apply(engine);
            return engine;
        });
        services.AddHostedService<FlowEngineHostedService>();
        return services;
    }
}
