using System.Threading.Channels;
using FastFlow.Events;

namespace FastFlow.Cli.Running;

/// <summary>Shows a run while it goes: a live table on a terminal, timestamped lines in a pipe, or
/// nothing (<c>--quiet</c>, <c>--json</c>).</summary>
internal interface IRunDisplay
{
    /// <summary>Applies each event to <paramref name="progress"/> and shows it, until the channel completes.</summary>
    Task ShowAsync(ChannelReader<FlowEvent> events, RunProgress progress);

    /// <summary>A message of the CLI itself ("cancelling…"); called from any thread.</summary>
    void Notice(string text);
}
