using CsCheck;
using FastFlow.Storage.Records;
using FastFlow.Storage.Records.Migration;
using MessagePack;

namespace FastFlow.Storage.Tests.Records.Migration;

public class MigrationTests
{
    /// <summary>A build from before RunState version 2: no migrators, so it writes version 1.</summary>
    private static readonly RecordCodec s_versionOneBuild = new(new RecordCodecOptions { Migrations = MigrationChain.Empty });

    /// <summary>A build after this one: RunState at version 3.</summary>
    private static readonly RecordCodec s_versionThreeBuild =
        new(new RecordCodecOptions { Migrations = new MigrationChain([new RunStateV1ToV2(), new RunStateV2ToV3()]) });

    private static RunStateRecordV1 OldState() => new()
    {
        RunId = "run-0001",
        Statuses = new() { ["fetch"] = "completed", ["store"] = "pending" },
        UpdatedAt = "2025-03-14T15:09:26Z",
    };

    [Fact]
    public void A_version_1_record_is_migrated_to_the_current_shape_on_read()
    {
        var old = s_versionOneBuild.Encode(RecordKind.RunState, CheckpointLevel.Standard, OldState());
        Assert.Equal(1, old[8]);

        var decoded = Samples.Current.Decode<RunStateRecord>(old, RecordKind.RunState, "runs/run-0001");

        Assert.True(decoded.Migrated);
        Assert.Equal(1, decoded.Header.FormatVersion);
        Assert.Equal("run-0001", decoded.Value.RunId);
        Assert.Equal(OldState().Statuses, decoded.Value.Statuses);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 15, 9, 26, TimeSpan.Zero).ToUnixTimeMilliseconds(), decoded.Value.UpdatedAtUnixMs);
        Assert.Equal(0, decoded.Value.Attempts);
    }

    [Fact]
    public void Without_the_migrator_the_old_shape_does_not_read_as_the_new_one()
    {
        // The control for the test above: it is the migrator, not MessagePack leniency, that reads it.
        var old = s_versionOneBuild.Encode(RecordKind.RunState, CheckpointLevel.Standard, OldState());

        var error = Assert.Throws<CorruptRecordException>(() => s_versionOneBuild.Decode<RunStateRecord>(old, RecordKind.RunState));
        Assert.Equal(RecordCheck.Payload, error.Check);
    }

    [Fact]
    public void Current_records_are_written_at_the_current_version_and_not_migrated()
    {
        Assert.Equal(2, Samples.Current.CurrentFormatVersion(RecordKind.RunState));
        var record = Samples.Current.Encode(RecordKind.RunState, CheckpointLevel.Standard, Samples.RunState());
        var decoded = Samples.Current.Decode<RunStateRecord>(record, RecordKind.RunState);

        Assert.Equal(2, decoded.Header.FormatVersion);
        Assert.False(decoded.Migrated);
        Assert.Equivalent(Samples.RunState(), decoded.Value, strict: true);
    }

    [Fact]
    public void Migrations_run_one_version_at_a_time_up_to_the_current_one()
    {
        var old = s_versionOneBuild.Encode(RecordKind.RunState, CheckpointLevel.Minimal, OldState());

        var decoded = s_versionThreeBuild.Decode<RunStateRecord>(old, RecordKind.RunState);

        Assert.True(decoded.Migrated);
        Assert.Equal(0, decoded.Value.Attempts);
        Assert.Equal("run-0001", decoded.Value.RunId);
    }

    [Fact]
    public void A_record_from_a_newer_build_is_refused_naming_its_version_and_the_newest_this_build_reads()
    {
        var newer = s_versionThreeBuild.Encode(RecordKind.RunState, CheckpointLevel.Standard, Samples.RunState());

        var error = Assert.Throws<CorruptRecordException>(() => Samples.Current.Decode<RunStateRecord>(newer, RecordKind.RunState, "runs/run-0001"));

        Assert.Equal(RecordCheck.FormatVersion, error.Check);
        Assert.Equal(8, error.Offset);
        Assert.Equal("3", error.Actual);
        Assert.Equal("1 to 2", error.Expected);
        Assert.Contains("format version 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("up to version 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("RunState", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kinds_without_migrators_stay_at_version_1()
    {
        var definition = Samples.Current.Encode(RecordKind.Definition, CheckpointLevel.Standard, Samples.Definition());

        Assert.Equal(1, definition[8]);
        Assert.Equal(1, Samples.Current.CurrentFormatVersion(RecordKind.Definition));
        Assert.Equal(1, MigrationChain.Empty.CurrentVersion(RecordKind.RunState));
    }

    [Fact]
    public void A_payload_the_migrator_cannot_read_is_refused_as_a_failed_migration()
    {
        var old = s_versionOneBuild.Encode(RecordKind.RunState, CheckpointLevel.Standard,
            new RunStateRecordV1 { RunId = "r", UpdatedAt = "not a date" });

        var error = Assert.Throws<CorruptRecordException>(() => Samples.Current.Decode<RunStateRecord>(old, RecordKind.RunState, "runs/r"));

        Assert.Equal(RecordCheck.Migration, error.Check);
        Assert.IsType<MessagePackSerializationException>(error.InnerException);
        Assert.Contains("from format version 1 to 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_migrator_that_leaves_bytes_unread_is_caught()
    {
        var codec = new RecordCodec(new RecordCodecOptions { Migrations = new MigrationChain([new HeaderOnly()]) });
        var old = s_versionOneBuild.Encode(RecordKind.RunState, CheckpointLevel.Standard, OldState());

        var error = Assert.Throws<CorruptRecordException>(() => codec.Decode<RunStateRecord>(old, RecordKind.RunState));

        Assert.Equal(RecordCheck.Migration, error.Check);
        Assert.Contains("unread", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_old_payloads_migrate_or_are_refused_but_never_escape()
    {
        Gen.Byte.Array[1, 100].Sample(payload =>
        {
            var record = RecordForge.FromPayload(payload, RecordKind.RunState, formatVersion: 1);
            try
            {
                Samples.Current.Decode<RunStateRecord>(record, RecordKind.RunState);
            }
            catch (CorruptRecordException error)
            {
                Assert.Contains(error.Check, new[] { RecordCheck.Migration, RecordCheck.Payload });
            }
        }, iter: 2000);
    }

    [Fact]
    public void A_chain_must_start_at_version_1_without_gaps_or_duplicates()
    {
        Assert.Throws<ArgumentException>(() => new MigrationChain([new RunStateV2ToV3()]));
        Assert.Throws<ArgumentException>(() => new MigrationChain([new RunStateV1ToV2(), new RunStateV1ToV2()]));
        Assert.Throws<ArgumentException>(() => new MigrationChain([new RunStateV1ToV2(), new FromVersion(3)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FromVersion(0));
        Assert.Equal(3, new MigrationChain([new RunStateV2ToV3(), new RunStateV1ToV2()]).CurrentVersion(RecordKind.RunState));
    }

    private sealed class HeaderOnly() : RecordMigrator(RecordKind.RunState, 1)
    {
        public override void Migrate(ref MessagePackReader reader, ref MessagePackWriter writer, MessagePackSerializerOptions options)
        {
            reader.ReadArrayHeader();
            writer.WriteArrayHeader(0);
        }
    }

    private sealed class FromVersion(ushort version) : RecordMigrator(RecordKind.RunState, version)
    {
        public override void Migrate(ref MessagePackReader reader, ref MessagePackWriter writer, MessagePackSerializerOptions options) =>
            writer.WriteRaw(reader.ReadRaw());
    }
}
