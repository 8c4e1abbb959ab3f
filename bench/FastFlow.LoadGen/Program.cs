using FastFlow.Client;
using FastFlow.LoadGen;

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException exception)
{
    Console.Error.WriteLine($"fastflow-loadgen: {exception.Message}");
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}

InProcessServer? local = null;
FastFlowClientOptions endpoint;
if (options.Server is { } server)
{
    try
    {
        endpoint = FastFlowClientOptions.Parse(server, options.Token);
    }
    catch (FormatException exception)
    {
        Console.Error.WriteLine($"fastflow-loadgen: {exception.Message}");
        return 2;
    }
}
else
{
    local = await InProcessServer.StartAsync(options.Durability, options.Clients);
    endpoint = new FastFlowClientOptions { Host = local.EndPoint.Address.ToString(), Port = local.EndPoint.Port, Token = local.Token };
}

try
{
    var report = await ServerLoad.RunAsync(options, endpoint, local is not null);
    report.Print(options.Json);
    return report.Failed == 0 ? 0 : 1;
}
catch (FastFlowConnectionException exception)
{
    Console.Error.WriteLine($"fastflow-loadgen: {exception.Message}");
    return 5;
}
finally
{
    if (local is not null)
    {
        await local.DisposeAsync();
    }
}
