using FastFlow.Protocol.Fuzz;
using SharpFuzz;

// Under afl-fuzz (tools/fuzz-protocol.sh): one input per run on standard input, the decoder
// instrumented by SharpFuzz. With file or folder arguments: run those inputs and print what each
// came to, to reproduce a crash (exit 1 when one throws).
if (args.Length == 0)
{
    Fuzzer.OutOfProcess.Run(stream =>
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        ProtocolFuzzTarget.Run(copy.ToArray());
    });
    return 0;
}

var failed = 0;
foreach (var path in args.SelectMany(arg => Directory.Exists(arg) ? Directory.GetFiles(arg) : [arg]).Order(StringComparer.Ordinal))
{
    try
    {
        Console.WriteLine($"{path}: {ProtocolFuzzTarget.Run(File.ReadAllBytes(path))}");
    }
    catch (Exception exception) when (exception is not OutOfMemoryException)
    {
        failed++;
        Console.WriteLine($"{path}: CRASH {exception}");
    }
}

return failed == 0 ? 0 : 1;
