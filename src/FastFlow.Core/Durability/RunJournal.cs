using System.Runtime.CompilerServices;
using System.Text;
using FastFlow.Definitions;
using FastFlow.Definitions.Loading;
using FastFlow.Events;
using FastFlow.Storage.Records;
using FastFlow.Storage.Runs;
using FastFlow.Storage.Stores;
using Microsoft.Extensions.Logging;

namespace FastFlow.Durability;

/// <summary>The engine's side of durability: writes definitions, run records, every transition of
/// the history and checkpoints to the store (through <see cref="RunStore"/>), and releases what
/// depends on a write (events, results, acknowledgements) once the store made it durable. One per
/// durable engine; thread-safe.</summary>
internal sealed class RunJournal : IAsyncDisposable
{
    /// <summary>Terminal runs between two retention passes.</summary>
    private const int PruneEvery = 1024;

    private readonly ConditionalWeakTable<WorkflowDefinition, string> _revisions = new();
    private readonly DurableRelease _release;
    private readonly ILogger _logger;
    private int _terminalSincePrune;
    private int _pruning;

    public RunJournal(IStateStore store, FlowEngineOptions options, ILogger logger)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxCheckpointsPerRun, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.CheckpointEveryTransitions, 0, nameof(options));
        if (options.RetainCompletedRuns is { } retain)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(retain, 0, nameof(options));
        }

        Records = new RunStore(store);
        Level = options.CheckpointLevel;
        LevelName = LevelNames.Of(Level);
        CheckpointEvery = options.CheckpointEveryTransitions;
        MaxCheckpointsPerRun = options.MaxCheckpointsPerRun;
        RetainCompletedRuns = options.RetainCompletedRuns;
        _logger = logger;
        _release = new DurableRelease(store, exception =>
            logger.LogError(exception, "FastFlow could not release an acknowledgement after a durable write."));
    }

    public RunStore Records { get; }

    public IStateStore Store => Records.Store;

    public CheckpointLevel Level { get; }

    public string LevelName { get; }

    public int CheckpointEvery { get; }

    public int MaxCheckpointsPerRun { get; }

    public int? RetainCompletedRuns { get; }

    /// <summary>Stores the definition's text (once per definition object) and returns its revision:
    /// a hash of the text, or <c>code</c> (with the definition's revision number) for definitions
    /// built in code, which recovery finds in the registry by id.</summary>
    public string RecordDefinition(WorkflowDefinition definition)
    {
        if (_revisions.TryGetValue(definition, out var known))
        {
            return known;
        }

        string revision;
        DefinitionRecord record;
        var now = DateTime.UtcNow;
        if (definition.Origin is { } origin)
        {
            revision = RevisionOf(origin.Text);
            record = new DefinitionRecord
            {
                WorkflowId = definition.Id,
                Revision = revision,
                Format = origin.Format == DefinitionFormat.Json ? "json" : "yaml",
                Text = origin.Text,
                File = origin.File,
                StoredAt = now,
            };
        }
        else
        {
            revision = definition.Revision is { } number ? $"code-{number}" : "code";
            record = new DefinitionRecord { WorkflowId = definition.Id, Revision = revision, Format = "code", StoredAt = now };
        }

        Records.SaveDefinition(record);
        _revisions.AddOrUpdate(definition, revision);
        return revision;
    }

    /// <summary>The revision id of a definition's text.</summary>
    public static string RevisionOf(string text) =>
        System.IO.Hashing.XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(text)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Appends one transition to the run's history.</summary>
    public StoreTicket Append(string runId, HistoryEntry entry)
    {
        Records.AppendHistory(runId, entry, out var ticket);
        return ticket;
    }

    /// <summary>Writes the run's record; a terminal run counts towards retention.</summary>
    public StoreTicket SaveRun(RunRecord record, bool terminal)
    {
        var ticket = Records.SaveRun(record);
        if (terminal && RetainCompletedRuns is { } keep && Interlocked.Increment(ref _terminalSincePrune) >= PruneEvery)
        {
            Interlocked.Exchange(ref _terminalSincePrune, 0);
            if (Interlocked.CompareExchange(ref _pruning, 1, 0) == 0)
            {
                _ = Task.Run(() => Prune(keep));
            }
        }

        return ticket;
    }

    private void Prune(int keep)
    {
        try
        {
            Records.PruneTerminalRuns(keep);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            _logger.LogError(exception, "FastFlow could not delete old terminal runs from the store.");
        }
        finally
        {
            Volatile.Write(ref _pruning, 0);
        }
    }

    /// <summary>Runs <paramref name="callback"/> once <paramref name="ticket"/> is durable, after
    /// every release queued before it.</summary>
    public void After(StoreTicket ticket, Action<object?> callback, object? state) => _release.After(ticket, callback, state);

    /// <summary>Delivers an event to subscribers once <paramref name="ticket"/> (the write of its
    /// transition) is durable: subscribers only ever see what a crash cannot take back.</summary>
    public void PublishWhenDurable(EventHub hub, FlowEvent flowEvent, StoreTicket ticket) =>
        _release.After(ticket, static state =>
        {
            var (events, value) = ((EventHub, FlowEvent))state!;
            events.Publish(value);
        }, (hub, flowEvent));

    public ValueTask WaitDurableAsync(StoreTicket ticket, CancellationToken cancellationToken = default) =>
        Store.WaitDurableAsync(ticket, cancellationToken);

    public ValueTask DisposeAsync() => _release.DisposeAsync();
}
