using System.Globalization;
using System.Threading.Channels;
using FastFlow.Storage.CrashHost;
using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;

// write <directory> <None|Batched|Immediate>
//   Opens the store, finds how much of the workload it holds (M), prints "ready <pid> <M>", then
//   writes operations M, M+1, … on one thread and, on another, waits until each is durable and
//   prints "ack <n> <kind> <key or stream>[ <sequence>]": every line printed is a write the store
//   promised to keep. Runs until killed.
// hold <directory>
//   Opens the store, prints "ready <pid>", and keeps it open until standard input closes.
// With CRASHHOST_STATS set, the store's statistics go to standard error every 200 ms.
if (args.Length < 2)
{
    await Console.Error.WriteLineAsync("usage: FastFlow.Storage.CrashHost write <directory> <durability> | hold <directory>");
    return 2;
}

var pid = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
if (args[0] == "hold")
{
    await using var held = FasterStateStore.Open(args[1], CrashWorkload.Options(StoreDurability.Batched));
    Console.WriteLine("ready " + pid);
    await Console.In.ReadToEndAsync();
    return 0;
}

var durability = Enum.Parse<StoreDurability>(args[2]);
await using var store = FasterStateStore.Open(args[1], CrashWorkload.Options(durability));
var next = CrashWorkload.FindAppliedCount(store);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"ready {pid} {next} replayed={store.Recovery.ReplayedEntries} checkpoint={store.Recovery.FromCheckpoint} corrupt={store.Recovery.CorruptEntryPosition?.ToString(CultureInfo.InvariantCulture) ?? "none"}"));

// Bounded, so the writer stays at most this many operations ahead of the acknowledgements.
var written = Channel.CreateBounded<(long Operation, StoreTicket Ticket, long Sequence)>(4096);
var writer = Task.Factory.StartNew(() =>
{
    try
    {
        for (var n = next; ; n++)
        {
            var (ticket, sequence) = CrashWorkload.Apply(store, CrashWorkload.Operation(n));
            while (!written.Writer.TryWrite((n, ticket, sequence)))
            {
                written.Writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }
    catch (Exception ex)
    {
        // Ends the acknowledgements with the failure, which ends the process with it.
        written.Writer.Complete(ex);
    }
}, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

if (Environment.GetEnvironmentVariable("CRASHHOST_STATS") is not null)
{
    _ = Task.Run(async () =>
    {
        while (true)
        {
            await Task.Delay(200);
            var statistics = store.GetStatistics();
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"checkpoints={statistics.Checkpoints} compactions={statistics.Compactions} commits={statistics.Commits} log={statistics.LogBytes} state={statistics.StateLogBytes} error={statistics.LastMaintenanceError}"));
        }
    });
}

await foreach (var (n, ticket, sequence) in written.Reader.ReadAllAsync())
{
    await store.WaitDurableAsync(ticket);
    var operation = CrashWorkload.Operation(n);

    // Console.Out flushes every write.
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"ack {n} {operation.Kind} {operation.Name}{(sequence >= 0 ? " " + sequence.ToString(CultureInfo.InvariantCulture) : "")}"));
}

await writer;
return 0;
