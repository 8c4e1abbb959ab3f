using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using FastFlow.Storage.Buffers;
using FastFlow.Storage.Records;
using FastFlow.Storage.Stores;
using MessagePack;

namespace FastFlow.Storage.Runs;

/// <summary>Keeps workflow definitions, runs, each run's history and its checkpoints in an
/// <see cref="IStateStore"/>, every value wrapped by the record envelope (<see cref="RecordCodec"/>).
/// docs/storage.md ("Run records") lists the keys.</summary>
/// <remarks>
/// <para>Every member may be called from many threads at once. Writes to one run (its record, its
/// checkpoints) are expected from one thread at a time, as the engine makes them; histories of
/// any runs may be appended to from any threads. Definition numbers are assigned under a lock.</para>
/// <para>Reads of one record throw <see cref="CorruptRecordException"/> when it is damaged; lists
/// skip damaged records, and <see cref="Verify"/> reports them. Nothing here repairs data by
/// itself.</para>
/// <para>Writes that touch several keys are ordered so that a crash between them leaves indexes a
/// reader can trust in one direction: a run whose record is not terminal always has its
/// <c>active/</c> marker, and a terminal run always has its <c>done/</c> entry. After a crash a
/// marker or entry may remain that no longer applies (an <c>active/</c> marker of a run whose
/// record is terminal, a <c>done/</c> entry of a run marked active): readers of
/// <see cref="ListActiveRunIds"/> check the run's status, and <see cref="PruneTerminalRuns"/>
/// leaves runs with a marker alone.</para>
/// </remarks>
public sealed partial class RunStore
{
    /// <summary>The value of <c>active/</c> markers and <c>done/</c> entries: the key says it all.</summary>
    private static readonly byte[] s_marker = [];

    /// <summary>Serializes <see cref="SaveDefinition"/>, which reads the highest number and then writes.</summary>
    private readonly Lock _definitionLock = new();

    /// <summary>Creates a run store over <paramref name="store"/>.</summary>
    /// <param name="store">The state store; the run store does not own it (disposing it is the caller's).</param>
    /// <param name="codec">The record codec; <see cref="RecordCodec.Default"/> when <c>null</c>.</param>
    public RunStore(IStateStore store, RecordCodec? codec = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        Codec = codec ?? RecordCodec.Default;
    }

    /// <summary>The state store the records are kept in.</summary>
    public IStateStore Store { get; }

    /// <summary>The codec that wraps every value.</summary>
    public RecordCodec Codec { get; }

    /// <summary>Whether <paramref name="status"/> is a terminal run status: <c>"completed"</c>,
    /// <c>"failed"</c> or <c>"cancelled"</c>.</summary>
    public static bool IsTerminalStatus(string? status) => status is "completed" or "failed" or "cancelled";

    /// <summary>Stores a revision of a workflow definition under <c>def/&lt;workflowId&gt;/&lt;revision&gt;</c>.
    /// A revision already stored is not written again: <paramref name="record"/>'s
    /// <see cref="DefinitionRecord.Number"/> is set to the stored one and <see cref="IStateStore.LastTicket"/>
    /// is returned. A new revision gets the number after the workflow's highest.</summary>
    /// <returns>The write's ticket, or <see cref="IStateStore.LastTicket"/> when nothing was written.</returns>
    /// <remarks>A stored revision that is corrupt is replaced by <paramref name="record"/>, with a new number.</remarks>
    public StoreTicket SaveDefinition(DefinitionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        CheckId(record.WorkflowId, "record.WorkflowId");
        CheckId(record.Revision, "record.Revision");
        var key = RunKeys.Definition(record.WorkflowId, record.Revision);
        lock (_definitionLock)
        {
            if (Store.TryGet(key, out var existing)
                && TryDecode(existing, RecordKind.Definition, key, out DefinitionRecord? stored, out _))
            {
                record.Number = stored.Number;
                return Store.LastTicket;
            }

            var highest = 0;
            foreach (var definition in ListDefinitions(record.WorkflowId))
            {
                highest = Math.Max(highest, definition.Number);
            }

            record.Number = highest + 1;
            return PutRecord(key, RecordKind.Definition, CheckpointLevel.Standard, record);
        }
    }

    /// <summary>Reads a revision of a workflow definition.</summary>
    /// <returns>The definition; <c>null</c> when that revision is not stored.</returns>
    /// <exception cref="CorruptRecordException">The stored record is damaged.</exception>
    public DefinitionRecord? GetDefinition(string workflowId, string revision)
    {
        CheckId(workflowId);
        CheckId(revision);
        var key = RunKeys.Definition(workflowId, revision);
        return Store.TryGet(key, out var bytes) ? Codec.Decode<DefinitionRecord>(bytes, RecordKind.Definition, key).Value : null;
    }

    /// <summary>The stored definitions of one workflow, or of every workflow, ordered by workflow id
    /// (ordinal) then <see cref="DefinitionRecord.Number"/>. Damaged records are left out
    /// (<see cref="Verify"/> reports them).</summary>
    public IReadOnlyList<DefinitionRecord> ListDefinitions(string? workflowId = null)
    {
        if (workflowId is not null)
        {
            CheckId(workflowId);
        }

        var prefix = workflowId is null ? RunKeys.DefinitionsPrefix : RunKeys.DefinitionPrefix(workflowId);
        var definitions = new List<DefinitionRecord>();
        foreach (var (key, bytes) in Store.Scan(prefix))
        {
            // Under def/a/ also lie the revisions of a workflow "a/b"; the record says whose it is.
            if (TryDecode(bytes, RecordKind.Definition, key, out DefinitionRecord? definition, out _)
                && (workflowId is null || definition.WorkflowId == workflowId))
            {
                definitions.Add(definition);
            }
        }

        definitions.Sort(static (a, b) =>
        {
            var byWorkflow = string.CompareOrdinal(a.WorkflowId, b.WorkflowId);
            return byWorkflow != 0 ? byWorkflow : a.Number.CompareTo(b.Number);
        });
        return definitions;
    }

    /// <summary>Encodes <paramref name="value"/> into a pooled buffer and stores it under <paramref name="key"/>.</summary>
    private StoreTicket PutRecord<T>(string key, RecordKind kind, CheckpointLevel level, T value)
    {
        var buffer = PooledBufferWriter.Rent();
        try
        {
            Encode(buffer, key, kind, level, value);
            return Store.Put(key, buffer.WrittenSpan);
        }
        finally
        {
            PooledBufferWriter.Return(buffer);
        }
    }

    /// <summary>Encodes a record; a value MessagePack refuses (a non-plain value, say) is reported
    /// with the record's key and the innermost reason, which MessagePack buries under
    /// "Failed to serialize".</summary>
    private void Encode<T>(PooledBufferWriter buffer, string where, RecordKind kind, CheckpointLevel level, T value)
    {
        try
        {
            Codec.Encode(buffer, kind, level, value);
        }
        catch (MessagePackSerializationException ex)
        {
            var innermost = ex.GetBaseException();
            throw new MessagePackSerializationException($"The {typeof(T).Name} for '{where}' cannot be stored: {innermost.Message}", ex);
        }
    }

    /// <summary>Decodes a record, or reports why it could not be.</summary>
    private bool TryDecode<T>(byte[] bytes, RecordKind kind, string key,
        [NotNullWhen(true)] out T? value,
        [NotNullWhen(false)] out CorruptRecordReport? problem)
        where T : class
    {
        try
        {
            value = Codec.Decode<T>(bytes, kind, key).Value;
            problem = null;
            return true;
        }
        catch (CorruptRecordException ex)
        {
            value = null;
            problem = new CorruptRecordReport(key, KindName(kind), ex.Message, null);
            return false;
        }
    }

    /// <summary>The name of a record kind in reports.</summary>
    private static string KindName(RecordKind kind) => kind switch
    {
        RecordKind.Definition => nameof(RecordKind.Definition),
        RecordKind.RunState => nameof(RecordKind.RunState),
        RecordKind.RunEvent => nameof(RecordKind.RunEvent),
        RecordKind.Checkpoint => nameof(RecordKind.Checkpoint),
        _ => kind.ToString(),
    };

    /// <summary>Refuses a null or empty id.</summary>
    private static void CheckId(string id, [CallerArgumentExpression(nameof(id))] string? paramName = null) =>
        ArgumentException.ThrowIfNullOrEmpty(id, paramName);
}
