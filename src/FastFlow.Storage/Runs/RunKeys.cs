using System.Globalization;

namespace FastFlow.Storage.Runs;

/// <summary>The keys and stream names <see cref="RunStore"/> keeps its records under. Numbers in
/// keys are 19 zero-padded digits (every non-negative <see cref="long"/>), so ordinal key order,
/// the order of <see cref="Stores.IStateStore.Scan"/>, is numeric order.</summary>
internal static class RunKeys
{
    /// <summary>Definitions: <c>def/&lt;workflowId&gt;/&lt;revision&gt;</c>.</summary>
    public const string DefinitionsPrefix = "def/";

    /// <summary>Runs: <c>run/&lt;runId&gt;</c>.</summary>
    public const string RunsPrefix = "run/";

    /// <summary>Markers of the runs that are not terminal: <c>active/&lt;runId&gt;</c>.</summary>
    public const string ActivePrefix = "active/";

    /// <summary>The terminal runs by completion time: <c>done/&lt;ticks&gt;/&lt;runId&gt;</c>.</summary>
    public const string DonePrefix = "done/";

    /// <summary>Checkpoints: <c>ckpt/&lt;runId&gt;/&lt;checkpointId&gt;</c>.</summary>
    public const string CheckpointsPrefix = "ckpt/";

    /// <summary>The number of digits of a number in a key.</summary>
    public const int NumberDigits = 19;

    public static string Definition(string workflowId, string revision) => DefinitionsPrefix + workflowId + "/" + revision;

    public static string DefinitionPrefix(string workflowId) => DefinitionsPrefix + workflowId + "/";

    public static string Run(string runId) => RunsPrefix + runId;

    public static string Active(string runId) => ActivePrefix + runId;

    public static string Done(long ticks, string runId) => DonePrefix + Number(ticks) + "/" + runId;

    public static string CheckpointPrefix(string runId) => CheckpointsPrefix + runId + "/";

    public static string Checkpoint(string runId, long checkpointId) => CheckpointPrefix(runId) + Number(checkpointId);

    /// <summary>A run's history stream (streams are a namespace apart from records).</summary>
    public static string History(string runId) => RunsPrefix + runId;

    /// <summary>A history entry's name in messages and reports: <c>run/&lt;runId&gt;#&lt;sequence&gt;</c>.</summary>
    public static string HistoryEntry(string runId, long sequence) =>
        RunsPrefix + runId + "#" + sequence.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reads a <c>done/</c> key back into its time and run id.</summary>
    public static bool TryParseDone(string key, out long ticks, out string runId)
    {
        const int RunIdStart = 5 + NumberDigits + 1;
        runId = "";
        ticks = 0;
        if (key.Length <= RunIdStart || !key.StartsWith(DonePrefix, StringComparison.Ordinal) || key[RunIdStart - 1] != '/'
            || !TryParseNumber(key.AsSpan(DonePrefix.Length, NumberDigits), out ticks))
        {
            return false;
        }

        runId = key[RunIdStart..];
        return true;
    }

    /// <summary>Reads the checkpoint id at the end of a key that starts with
    /// <paramref name="prefixLength"/> characters of <see cref="CheckpointPrefix"/>. A key of
    /// another run whose id extends this one's (<c>ckpt/a/b/…</c> under <c>ckpt/a/</c>) does not parse.</summary>
    public static bool TryParseCheckpointId(string key, int prefixLength, out long checkpointId)
    {
        checkpointId = 0;
        return key.Length == prefixLength + NumberDigits && TryParseNumber(key.AsSpan(prefixLength), out checkpointId);
    }

    private static string Number(long value) => value.ToString("D19", CultureInfo.InvariantCulture);

    private static bool TryParseNumber(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
