using FastFlow.Storage.Records;

namespace FastFlow.Storage.Runs;

public sealed partial class RunStore
{
    /// <summary>Deletes everything kept for a run: its checkpoints, its history, its
    /// <c>active/</c> marker, its record and its <c>done/</c> entry, in that order, so that a crash
    /// part way leaves the run listed (and pruned or deleted again later) rather than hidden.</summary>
    public void DeleteRun(string runId)
    {
        CheckId(runId);
        DeleteRun(runId, DoneKeysOfStoredRun(runId));
    }

    /// <summary>Deletes the oldest terminal runs, in <c>done/</c> index order (completion time), so
    /// that <paramref name="keep"/> remain. Runs with an <c>active/</c> marker are left alone, and
    /// index entries that no longer apply (an older entry of a run indexed again) are removed.</summary>
    /// <returns>How many runs were deleted.</returns>
    public int PruneTerminalRuns(int keep)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(keep);
        var active = new HashSet<string>(ListActiveRunIds(), StringComparer.Ordinal);

        // Oldest first; a later entry of the same run replaces an earlier one, which is stale.
        var newest = new Dictionary<string, string>(StringComparer.Ordinal);
        var stale = new List<string>();
        var order = new List<string>();
        foreach (var (key, _) in Store.Scan(RunKeys.DonePrefix))
        {
            if (!RunKeys.TryParseDone(key, out _, out var runId) || active.Contains(runId))
            {
                continue;
            }

            if (newest.TryGetValue(runId, out var earlier))
            {
                stale.Add(earlier);
            }
            else
            {
                order.Add(runId);
            }

            newest[runId] = key;
        }

        foreach (var key in stale)
        {
            Store.Delete(key);
        }

        var deleted = 0;
        for (var i = 0; i < order.Count - keep; i++)
        {
            if (DeleteRun(order[i], [newest[order[i]]]))
            {
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>Decodes every definition, run and checkpoint record and every entry of every run's
    /// history (the runs with a record or an <c>active/</c> marker), and reports each that fails a
    /// check. Never throws for damaged data.</summary>
    public VerifyReport Verify()
    {
        var corrupt = new List<CorruptRecordReport>();
        long records = 0;
        records += CheckRecords<DefinitionRecord>(RunKeys.DefinitionsPrefix, RecordKind.Definition, corrupt);
        records += CheckRecords<RunRecord>(RunKeys.RunsPrefix, RecordKind.RunState, corrupt);
        records += CheckRecords<CheckpointRecord>(RunKeys.CheckpointsPrefix, RecordKind.Checkpoint, corrupt);

        var runIds = new SortedSet<string>(ListActiveRunIds(), StringComparer.Ordinal);
        foreach (var (key, _) in Store.Scan(RunKeys.RunsPrefix))
        {
            runIds.Add(key[RunKeys.RunsPrefix.Length..]);
        }

        long entries = 0;
        foreach (var runId in runIds)
        {
            foreach (var item in Store.Read(RunKeys.History(runId)))
            {
                entries++;
                try
                {
                    Codec.Decode<HistoryEntry>(item.Data, RecordKind.RunEvent);
                }
                catch (CorruptRecordException ex)
                {
                    corrupt.Add(HistoryProblem(runId, item.Sequence, ex));
                }
            }
        }

        return new VerifyReport(records, entries, corrupt);
    }

    /// <summary>Deletes a run's data, the <c>done/</c> entries last.</summary>
    /// <returns>Whether the run had a record.</returns>
    private bool DeleteRun(string runId, string[] doneKeys)
    {
        foreach (var (_, key, _) in Checkpoints(runId))
        {
            Store.Delete(key);
        }

        Store.DeleteStream(RunKeys.History(runId));
        Store.Delete(RunKeys.Active(runId));
        var existed = Store.Delete(RunKeys.Run(runId));
        foreach (var key in doneKeys)
        {
            Store.Delete(key);
        }

        return existed;
    }

    /// <summary>Decodes every record under <paramref name="prefix"/> as <typeparamref name="T"/>,
    /// adding the damaged ones to <paramref name="corrupt"/>; returns how many were checked.</summary>
    private long CheckRecords<T>(string prefix, RecordKind kind, List<CorruptRecordReport> corrupt)
        where T : class
    {
        var records = Store.Scan(prefix);
        foreach (var (key, bytes) in records)
        {
            if (!TryDecode(bytes, kind, key, out T? _, out var problem))
            {
                corrupt.Add(problem);
            }
        }

        return records.Count;
    }
}
