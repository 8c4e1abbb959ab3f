using Spectre.Console;

namespace FastFlow.Cli.Output;

/// <summary>The Spectre console for stdout: the terminal's own when interactive, else plain text
/// (no colors, no cursor moves) wide enough not to wrap ordinary lines.</summary>
internal static class Consoles
{
    private const int PipeWidth = 160;

    public static IAnsiConsole StandardOutput()
    {
        if (Terminal.StandardOutputIsInteractive)
        {
            return AnsiConsole.Console;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        console.Profile.Width = PipeWidth;
        return console;
    }
}
