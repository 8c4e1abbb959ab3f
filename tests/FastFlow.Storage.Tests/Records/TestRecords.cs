using MessagePack;

namespace FastFlow.Storage.Tests.Records;

// Stand-ins for the real records the stores will keep; they live here until the stores define them.

/// <summary>A definition revision.</summary>
[MessagePackObject]
public sealed class DefinitionRecord
{
    [Key(0)] public string Id { get; set; } = "";
    [Key(1)] public int Revision { get; set; }
    [Key(2)] public string Source { get; set; } = "";
    [Key(3)] public List<string> Tags { get; set; } = [];
}

/// <summary>One entry of a run's event history.</summary>
[MessagePackObject]
public sealed class RunEventRecord
{
    [Key(0)] public long Sequence { get; set; }
    [Key(1)] public string Type { get; set; } = "";
    [Key(2)] public string? TaskId { get; set; }
    [Key(3)] public DateTime At { get; set; }
    [Key(4)] public byte[]? Data { get; set; }
}

/// <summary>A checkpoint with a loosely typed context.</summary>
[MessagePackObject]
public sealed class CheckpointRecord
{
    [Key(0)] public string RunId { get; set; } = "";
    [Key(1)] public int CheckpointId { get; set; }
    [Key(2)] public Dictionary<string, long> Counters { get; set; } = [];
    [Key(3)] public double? Progress { get; set; }
    [Key(4)] public string[] Completed { get; set; } = [];
}

/// <summary>Run state as this build writes it: format version 2 of <c>RunState</c>.</summary>
[MessagePackObject]
public sealed class RunStateRecord
{
    [Key(0)] public string RunId { get; set; } = "";
    [Key(1)] public Dictionary<string, string> Statuses { get; set; } = [];
    /// <summary>Version 1 stored this as an ISO 8601 string.</summary>
    [Key(2)] public long UpdatedAtUnixMs { get; set; }
    /// <summary>New in version 2; version 1 records migrate to 0.</summary>
    [Key(3)] public int Attempts { get; set; }
}

/// <summary>Run state as a version-1 build wrote it: three keys, the time as text.</summary>
[MessagePackObject]
public sealed class RunStateRecordV1
{
    [Key(0)] public string RunId { get; set; } = "";
    [Key(1)] public Dictionary<string, string> Statuses { get; set; } = [];
    [Key(2)] public string UpdatedAt { get; set; } = "";
}
