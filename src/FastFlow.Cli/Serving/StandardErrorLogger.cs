using Microsoft.Extensions.Logging;

namespace FastFlow.Cli.Serving;

/// <summary>The server's log on stderr, one line per entry: warnings and errors (a client dropped,
/// a request that failed inside the server); every entry with <c>FASTFLOW_DEBUG=1</c>.</summary>
internal sealed class StandardErrorLogger : ILogger
{
    private readonly LogLevel _minimum;
    private readonly Lock _write = new();

    public StandardErrorLogger(bool verbose) => _minimum = verbose ? LogLevel.Debug : LogLevel.Warning;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var line = $"fastflow serve: {Level(logLevel)}: {formatter(state, exception)}";
        if (exception is not null)
        {
            line += _minimum <= LogLevel.Debug ? Environment.NewLine + exception : $" ({exception.GetType().Name}: {exception.Message})";
        }

        // Entries come from many connections at once: one line must not be cut by another.
        lock (_write)
        {
            Console.Error.WriteLine(line);
        }
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Critical => "critical",
        LogLevel.Error => "error",
        LogLevel.Warning => "warning",
        LogLevel.Information => "info",
        _ => "debug",
    };
}
