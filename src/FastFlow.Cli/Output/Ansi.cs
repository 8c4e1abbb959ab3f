namespace FastFlow.Cli.Output;

/// <summary>The few ANSI styles the text output uses, applied only when colors are on.</summary>
internal readonly struct Ansi(bool enabled)
{
    public string Bold(string text) => Style("1", text);

    public string Dim(string text) => Style("2", text);

    public string Red(string text) => Style("1;31", text);

    public string Yellow(string text) => Style("1;33", text);

    public string Green(string text) => Style("32", text);

    public string Cyan(string text) => Style("36", text);

    private string Style(string code, string text) => enabled ? $"\u001b[{code}m{text}\u001b[0m" : text;
}
