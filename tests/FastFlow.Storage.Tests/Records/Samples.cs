using System.Buffers;
using CsCheck;
using FastFlow.Storage.Records;
using FastFlow.Storage.Records.Migration;
using FastFlow.Storage.Tests.Records.Migration;

namespace FastFlow.Storage.Tests.Records;

/// <summary>Codecs, sample values and generators shared by the record tests.</summary>
internal static class Samples
{
    public static readonly RecordCodec XxHash3 = new(new RecordCodecOptions { HashAlgorithm = HashAlgorithmKind.XxHash3 });

    public static readonly RecordCodec Sha256 = new(new RecordCodecOptions { HashAlgorithm = HashAlgorithmKind.Sha256 });

    /// <summary>This build's codec in the tests: RunState at format version 2.</summary>
    public static readonly RecordCodec Current = new(new RecordCodecOptions { Migrations = new MigrationChain([new RunStateV1ToV2()]) });

    public static readonly HashAlgorithmKind[] Hashes = [HashAlgorithmKind.XxHash3, HashAlgorithmKind.Sha256];

    public static readonly CheckpointLevel[] Levels =
        [CheckpointLevel.Minimal, CheckpointLevel.Standard, CheckpointLevel.Comprehensive, CheckpointLevel.Debug];

    public static RecordCodec For(HashAlgorithmKind hash) => hash == HashAlgorithmKind.Sha256 ? Sha256 : XxHash3;

    public static DefinitionRecord Definition() => new()
    {
        Id = "orders",
        Revision = 7,
        Source = "name: orders\ntasks:\n  - id: fetch\n    action: http_request\n  - id: store\n    dependencies: [fetch]\n",
        Tags = ["billing", "nightly"],
    };

    public static RunEventRecord Event() => new()
    {
        Sequence = 42,
        Type = "task_completed",
        TaskId = "fetch",
        At = new DateTime(2025, 3, 14, 15, 9, 26, DateTimeKind.Utc),
        Data = [1, 2, 3, 250],
    };

    public static CheckpointRecord Checkpoint() => new()
    {
        RunId = "run-0001",
        CheckpointId = 3,
        Counters = new() { ["fetched"] = 120, ["stored"] = 118 },
        Progress = 0.75,
        Completed = ["fetch", "parse"],
    };

    public static RunStateRecord RunState() => new()
    {
        RunId = "run-0001",
        Statuses = new() { ["fetch"] = "completed", ["store"] = "running" },
        UpdatedAtUnixMs = 1_741_964_966_000,
        Attempts = 2,
    };

    private static readonly Gen<string> s_text = Gen.String[0, 40];

    public static readonly Gen<DefinitionRecord> Definitions =
        Gen.Select(s_text, Gen.Int, Gen.String[0, 2000], s_text.List[0, 5],
            (id, revision, source, tags) => new DefinitionRecord { Id = id, Revision = revision, Source = source, Tags = tags });

    public static readonly Gen<RunEventRecord> Events =
        Gen.Select(Gen.Long, s_text, s_text.Null(), Gen.Long[0, DateTime.MaxValue.Ticks], Gen.Byte.Array[0, 300].Null(),
            (sequence, type, task, ticks, data) => new RunEventRecord
            {
                Sequence = sequence, Type = type, TaskId = task, At = new DateTime(ticks, DateTimeKind.Utc), Data = data,
            });

    /// <summary>A record of random content, hash and level, as encoded by the codec.</summary>
    public static readonly Gen<byte[]> Records =
        Gen.Select(Gen.OneOf(Definitions.Select(d => (object)d), Events.Select(e => (object)e)), Gen.OneOf(Hashes), Gen.OneOf(Levels),
            (value, hash, level) => value is DefinitionRecord d
                ? For(hash).Encode(RecordKind.Definition, level, d)
                : For(hash).Encode(RecordKind.RunEvent, level, (RunEventRecord)value));

    /// <summary>Decodes a record of either sample kind, whichever its header names.</summary>
    public static object DecodeAny(ReadOnlySpan<byte> record) =>
        record.Length > 6 && record[6] == (byte)RecordKind.RunEvent
            ? Current.Decode<RunEventRecord>(record, RecordKind.RunEvent, "sample").Value
            : Current.Decode<DefinitionRecord>(record, RecordKind.Definition, "sample").Value;

    /// <summary><paramref name="bytes"/> as a sequence of segments split at <paramref name="cuts"/>.</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] bytes, params int[] cuts)
    {
        var points = cuts.Where(c => c > 0 && c < bytes.Length).Distinct().Order().Append(bytes.Length).ToArray();
        Segment? first = null, last = null;
        var start = 0;
        foreach (var point in points)
        {
            var memory = bytes.AsMemory(start, point - start);
            if (first is null)
            {
                first = last = new Segment(memory, 0);
            }
            else
            {
                last = last!.Append(memory);
            }

            start = point;
        }

        return first is null ? ReadOnlySequence<byte>.Empty : new ReadOnlySequence<byte>(first, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
