using System.Globalization;
using System.Text;

namespace FastFlow.PerfReport.Machine;

/// <summary>The machine a run was taken on, as tools/run-benchmarks.sh describes it in
/// <c>key: value</c> lines (cpu, cores, memory, os, dotnet, load), and the short name the
/// report files are given after it.</summary>
internal sealed class MachineInfo
{
    /// <summary>The keys, in the order the report lists them.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["cpu", "cores", "memory", "os", "dotnet", "load"];

    private readonly Dictionary<string, string> _values;

    private MachineInfo(Dictionary<string, string> values)
    {
        _values = values;
    }

    /// <summary>The CPU's model name.</summary>
    public string Cpu => this["cpu"];

    /// <summary>The number of logical cores; 0 when unknown.</summary>
    public int Cores => int.TryParse(this["cores"], NumberStyles.None, CultureInfo.InvariantCulture, out var cores) ? cores : 0;

    /// <summary>A value by key; empty when the description does not have it.</summary>
    public string this[string key] => _values.TryGetValue(key, out var value) ? value : string.Empty;

    /// <summary>Reads <c>key: value</c> lines; other lines are ignored.</summary>
    public static MachineInfo Parse(string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                values[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        return new MachineInfo(values);
    }

    /// <summary>A short name for the machine, for file names: the CPU's model in lower case
    /// without trademarks, "CPU", "Processor", the "N-Core" count and the clock, then the
    /// number of cores: <c>amd-epyc-7763-2c</c>, <c>intel-xeon-platinum-8272cl-4c</c>.</summary>
    public string Slug
    {
        get
        {
            var model = Cpu;
            var at = model.IndexOf('@', StringComparison.Ordinal);
            if (at >= 0)
            {
                model = model[..at];
            }

            var words = model.Replace("(R)", " ", StringComparison.OrdinalIgnoreCase)
                .Replace("(TM)", " ", StringComparison.OrdinalIgnoreCase)
                .Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries)
                .Where(w => !IsNoise(w))
                .Select(Clean)
                .Where(w => w.Length > 0);
            var slug = string.Join("-", words);
            if (slug.Length == 0)
            {
                slug = "unknown-cpu";
            }

            return Cores > 0 ? string.Create(CultureInfo.InvariantCulture, $"{slug}-{Cores}c") : slug;
        }
    }

    private static bool IsNoise(string word) =>
        word.Equals("CPU", StringComparison.OrdinalIgnoreCase)
        || word.Equals("Processor", StringComparison.OrdinalIgnoreCase)
        || word.EndsWith("-Core", StringComparison.OrdinalIgnoreCase);

    private static string Clean(string word)
    {
        var clean = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                clean.Append(char.ToLowerInvariant(c));
            }
        }

        return clean.ToString();
    }
}
