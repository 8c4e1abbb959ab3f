using System.Globalization;
using FastFlow.Storage.CrashHost;
using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;
using Xunit.Abstractions;

namespace FastFlow.Storage.Tests.Stores;

/// <summary>
/// Real crashes: the crash host writes the workload and prints each write once it is durable; the
/// test kills it with SIGKILL at a random acknowledgement, then checks that the store holds exactly
/// the workload's state after some number of operations M (nothing lost, reordered or damaged) with
/// M past every acknowledged operation. The host recovers the store itself on the next start; every
/// other round the test also opens it (and closes it cleanly). Kills per durability mode: 10, or
/// <c>FASTFLOW_CRASH_KILLS</c>.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private static int Kills =>
        int.TryParse(Environment.GetEnvironmentVariable("FASTFLOW_CRASH_KILLS"), NumberStyles.None, CultureInfo.InvariantCulture, out var kills) && kills > 0
            ? kills
            : 10;

    [Theory]
    [InlineData(StoreDurability.Batched)]
    [InlineData(StoreDurability.Immediate)]
    public async Task Every_acknowledged_write_survives_kill_9(StoreDurability durability)
    {
        using var directory = new TestDirectory();
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}, {Kills} kills, {durability}");
        var acknowledged = -1L;
        var kills = Kills;
        for (var round = 0; round < kills; round++)
        {
            using (var host = CrashHostProcess.Start("write", directory.Path, durability.ToString()))
            {
                var ready = (await host.ReadLineAsync()).Split(' ');
                Assert.Equal("ready", ready[0]);
                var recovered = long.Parse(ready[2], CultureInfo.InvariantCulture);
                Assert.True(recovered > acknowledged,
                    $"round {round}: the host recovered {recovered} operations, but operation {acknowledged} was acknowledged");

                // Kill at a random acknowledgement: right after reading it, without sleeping.
                var target = random.Next(1, 400);
                var last = -1L;
                for (var acks = 0; acks < target; acks++)
                {
                    // "ack <n> <kind> <name>[ <sequence>]"
                    var ack = (await host.ReadLineAsync()).Split(' ');
                    Assert.Equal("ack", ack[0]);
                    last = long.Parse(ack[1], CultureInfo.InvariantCulture);
                    var operation = CrashWorkload.Operation(last);
                    Assert.Equal(operation.Kind.ToString(), ack[2]);
                    Assert.Equal(operation.Name, ack[3]);
                }

                await host.KillAsync();
                acknowledged = Math.Max(acknowledged, last);
                output.WriteLine($"round {round}: {string.Join(' ', ready[2..])}; killed after {target} acks, last {last}");
            }

            if (round % 2 == 1 || round == kills - 1)
            {
                // With FASTFLOW_KEEP_TEST_DIRS, keep the files as the kill left them, before this open recovers them.
                if (TestDirectory.Keep)
                {
                    directory.CopyTo(directory.Path + "-before-open");
                }

                await using var store = FasterStateStore.Open(directory.Path, CrashWorkload.Options(durability));
                var applied = CrashWorkload.FindAppliedCount(store);
                output.WriteLine($"  test opened it: {applied} operations, replayed {store.Recovery.ReplayedEntries}, {directory.Size() / 1024} KiB on disk");
                Assert.Null(store.Recovery.CorruptEntryPosition);
                Assert.True(applied > acknowledged, $"the store holds {applied} operations, but operation {acknowledged} was acknowledged");
            }
        }
    }

    [Fact]
    public async Task A_directory_held_by_another_process_is_refused_with_its_id_and_freed_when_it_dies()
    {
        using var directory = new TestDirectory();
        using (var host = CrashHostProcess.Start("hold", directory.Path))
        {
            Assert.Equal("ready " + host.Id, await host.ReadLineAsync());

            var refused = Assert.Throws<StateStoreInUseException>(() => FasterStateStore.Open(directory.Path, CrashWorkload.Options(StoreDurability.Batched)));
            Assert.Equal(host.Id, refused.OwnerProcessId);
            Assert.Contains($"is in use by process {host.Id}.", refused.Message);
            Assert.Contains("stop that process", refused.Message);
            await host.KillAsync();
        }

        // The kernel dropped the dead process's lock; its LOCK file is still there and does not matter.
        Assert.True(File.Exists(Path.Combine(directory.Path, "LOCK")));
        await using var store = FasterStateStore.Open(directory.Path, CrashWorkload.Options(StoreDurability.Batched));
        Assert.Equal(0, CrashWorkload.FindAppliedCount(store));
    }
}
