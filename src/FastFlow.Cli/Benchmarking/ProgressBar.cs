using FastFlow.Bench;
using Spectre.Console;

namespace FastFlow.Cli.Benchmarking;

/// <summary>Shows a measurement's <see cref="BenchProgress"/> as a progress bar on a terminal while
/// the measurement runs on its own thread; shows nothing when stdout is not a terminal or JSON
/// was asked for, so pipes and files get only the result.</summary>
internal static class ProgressBar
{
    private static readonly TimeSpan s_refresh = TimeSpan.FromMilliseconds(100);

    public static async Task<T> RunAsync<T>(string title, BenchProgress progress, bool show, Func<T> measure)
    {
        // A dedicated thread: the measurement blocks it for seconds and must not starve the pool
        // that the display and the baseline executor use.
        var work = Task.Factory.StartNew(measure, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!show)
        {
            return await work.ConfigureAwait(false);
        }

        await AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(title, maxValue: 1);
                while (!work.IsCompleted)
                {
                    Update(bar, title, progress);
                    await Task.WhenAny(work, Task.Delay(s_refresh)).ConfigureAwait(false);
                }

                Update(bar, title, progress);
            }).ConfigureAwait(false);
        return await work.ConfigureAwait(false);
    }

    private static void Update(ProgressTask bar, string title, BenchProgress progress)
    {
        var total = progress.Total;
        bar.MaxValue = Math.Max(1, total);
        bar.Value = Math.Min(progress.Done, bar.MaxValue);
        var phase = progress.Phase;
        bar.Description = Markup.Escape(phase.Length == 0 ? title : $"{title}: {phase}");
    }
}
