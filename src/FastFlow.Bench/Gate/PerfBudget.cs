using System.Text.Json;
using System.Text.Json.Serialization;
using FastFlow.Bench.Shapes;

namespace FastFlow.Bench.Gate;

/// <summary>The committed limits of the performance gate (<c>tools/perf-gate.json</c>): bytes
/// allocated per operation, and how far each shape's time may drift against the plain baseline
/// measured in the same run. Absolute times are never limits: CI machines are shared and noisy.</summary>
public sealed record PerfBudget
{
    /// <summary>Rounds per shape; each figure is the best of them.</summary>
    public int Rounds { get; init; } = 5;

    /// <summary>Measurements of a shape at most before its checks fail: one, and more only while
    /// it is over a limit.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>Engine worker threads.</summary>
    public int Workers { get; init; } = 2;

    /// <summary>One entry per shape to check.</summary>
    public IReadOnlyList<ShapeBudget> Shapes { get; init; } = [];

    /// <summary>The five-task run's limits; null to skip it.</summary>
    public FiveTaskRunBudget? FiveTaskRun { get; init; }

    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Reads a budget file; a mistake in it is a <see cref="PerfBudgetException"/> naming
    /// the file and the place.</summary>
    public static PerfBudget Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new PerfBudgetException($"{path}: cannot read the budget file: {exception.Message}");
        }

        return Parse(text, path);
    }

    /// <summary>Parses budget JSON; <paramref name="source"/> names it in errors.</summary>
    public static PerfBudget Parse(string json, string source)
    {
        PerfBudget? budget;
        try
        {
            budget = JsonSerializer.Deserialize<PerfBudget>(json, s_json);
        }
        catch (JsonException exception)
        {
            var where = exception.LineNumber is { } line ? $"{source}:{line + 1}:{(exception.BytePositionInLine ?? 0) + 1}" : source;
            throw new PerfBudgetException($"{where}: {exception.Message}");
        }

        if (budget is null)
        {
            throw new PerfBudgetException($"{source}: the budget is null; write an object with \"shapes\" and \"five_task_run\"");
        }

        budget.Check(source);
        return budget;
    }

    private void Check(string source)
    {
        if (Rounds < 1 || Workers < 1 || Attempts < 1)
        {
            throw new PerfBudgetException($"{source}: rounds, attempts and workers must be at least 1 (rounds {Rounds}, attempts {Attempts}, workers {Workers})");
        }

        for (var i = 0; i < Shapes.Count; i++)
        {
            var shape = Shapes[i];
            if (shape.Tasks < 1 || shape.MaxAllocBytesPerTask < 0 || shape.ReferenceRatio <= 0 || shape.RatioTolerance < 1)
            {
                throw new PerfBudgetException(
                    $"{source}: shapes[{i}] ({shape.Shape}): tasks must be ≥ 1, max_alloc_bytes_per_task ≥ 0, reference_ratio > 0 and ratio_tolerance ≥ 1");
            }
        }

        if (FiveTaskRun is { } run && (run.Runs < 1 || run.MaxAllocBytesPerRun < 0))
        {
            throw new PerfBudgetException($"{source}: five_task_run: runs must be ≥ 1 and max_alloc_bytes_per_run ≥ 0");
        }
    }
}

/// <summary>The limits of one shape.</summary>
/// <param name="Shape">The shape.</param>
/// <param name="Tasks">About how many tasks (the wavefront rounds to a square).</param>
/// <param name="MaxAllocBytesPerTask">Bytes allocated per task while executing, at most. The fixed
/// cost of a run spread over its tasks reads well below 0.1; one allocation per task reads 24 or more.</param>
/// <param name="ReferenceRatio">FastFlow's time over the baseline's as measured when the budget was set.</param>
/// <param name="RatioTolerance">How many times the reference ratio the measured one may reach.</param>
public sealed record ShapeBudget(DagShape Shape, int Tasks, double MaxAllocBytesPerTask, double ReferenceRatio, double RatioTolerance)
{
    /// <summary>The highest ratio that passes.</summary>
    public double MaxRatio => ReferenceRatio * RatioTolerance;
}

/// <summary>The limits of the five-task run.</summary>
/// <param name="Runs">Runs measured, one after another.</param>
/// <param name="MaxAllocBytesPerRun">Bytes allocated per run, at most (the run object, its result and its awaiter).</param>
public sealed record FiveTaskRunBudget(int Runs, double MaxAllocBytesPerRun);

/// <summary>A budget file that cannot be used, with where and why.</summary>
public sealed class PerfBudgetException(string message) : Exception(message);
