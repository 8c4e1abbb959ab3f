using System.Threading.Channels;
using FastFlow.Cli.Running;
using FastFlow.Events;

namespace FastFlow.Cli.Output;

/// <summary>No progress (<c>--quiet</c>, <c>--json</c>): events only feed the summary, and the CLI's
/// own notices go to stderr so that stdout holds the result alone.</summary>
internal sealed class QuietProgress : IRunDisplay
{
    public async Task ShowAsync(ChannelReader<FlowEvent> events, RunProgress progress)
    {
        await foreach (var flowEvent in events.ReadAllAsync().ConfigureAwait(false))
        {
            progress.Apply(flowEvent);
        }
    }

    public void Notice(string text) => Console.Error.WriteLine(text);
}
