using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using FastFlow.Definitions.Loading;
using FastFlow.Validation;

namespace FastFlow.Core.Tests.Loading;

public sealed partial class LoaderPropertyTests
{
    [Fact]
    public void Random_definitions_load_to_the_same_model_from_json_and_yaml()
    {
        DefinitionGen.Definition.Sample(document =>
        {
            var jsonText = DocumentWriter.Json(document);
            var yamlText = DocumentWriter.Yaml(document);

            var json = Loads.Json(jsonText);
            var yaml = Loads.Yaml(yamlText);

            Assert.True(json.Diagnostics.Count == 0, jsonText + Environment.NewLine + string.Join(Environment.NewLine, json.Diagnostics));
            Assert.True(yaml.Diagnostics.Count == 0, yamlText + Environment.NewLine + string.Join(Environment.NewLine, yaml.Diagnostics));
            Assert.Equal(ModelDump.Of(json.Definition!), ModelDump.Of(yaml.Definition!));
            Assert.Equal(json.Definition!.Source!.Count, yaml.Definition!.Source!.Count);
            var tasks = document.First(e => e.Key == "tasks").Value;
            var ids = tasks is Map map ? map.Select(e => e.Key) : ((List<object?>)tasks!).Select(t => (string)((Map)t!).First(e => e.Key == "id").Value!);
            Assert.Equal(ids, json.Definition.Tasks.Ids);
        }, iter: 300, threads: 1, print: document => DocumentWriter.Yaml(document));
    }

    [Fact]
    public void Random_characters_never_throw_and_always_explain_themselves()
    {
        Gen.String.Sample(text => CheckGarbage(text), iter: 500, threads: 1);
    }

    [Fact]
    public void Random_bytes_never_throw_and_always_explain_themselves()
    {
        Gen.Byte.Array[0, 200].Sample(bytes =>
        {
            CheckGarbage(Encoding.UTF8.GetString(bytes));
            CheckGarbage(Encoding.Latin1.GetString(bytes));
        }, iter: 500, threads: 1);
    }

    [Fact]
    public void Mutated_definitions_never_throw_and_always_explain_themselves()
    {
        string[] examples = [.. new[] { "data-pipeline.yaml", "multi-agent-processing.json", "multi-agent-processing.yaml" }.Select(RepoFiles.ReadExample)];
        var mutation = Gen.Select(Gen.Int[0, examples.Length - 1], Gen.Int[1, 6].SelectMany(n => s_edit.Array[n]));
        mutation.Sample((example, edits) =>
        {
            var text = examples[example];
            foreach (var edit in edits)
            {
                text = edit.Apply(text);
            }

            CheckGarbage(text);
        }, iter: 500, threads: 1);
    }

    [Fact]
    public void Random_files_load_through_the_file_api_without_throwing()
    {
        var dir = Directory.CreateTempSubdirectory("fastflow-garbage-").FullName;
        try
        {
            Gen.Select(Gen.Byte.Array[0, 100], Gen.OneOf(".json", ".yaml", ".txt")).Sample((bytes, extension) =>
            {
                var path = Path.Combine(dir, "g" + Guid.NewGuid().ToString("N") + extension);
                File.WriteAllBytes(path, bytes);
                var result = DefinitionLoader.LoadFile(path);
                Assert.True(result.Definition is not null || result.Diagnostics.Any(d => d.IsError));
                Assert.All(result.Diagnostics, d => Assert.Equal(path, d.File));
            }, iter: 100, threads: 1);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static readonly Gen<Mutation> s_edit = Gen.Select(Gen.Int[0, 2], Gen.Double[0, 1], Gen.Int[1, 20], Gen.String[0, 5], (kind, at, length, insert) => new Mutation(kind, at, length, insert));

    /// <summary>One edit of a text: delete a range, insert text, or replace a range.</summary>
    private sealed record Mutation(int Kind, double At, int Length, string Insert)
    {
        public string Apply(string text)
        {
            var start = (int)(At * text.Length);
            var length = Math.Min(Length, text.Length - start);
            return Kind switch
            {
                0 => text.Remove(start, length),
                1 => text.Insert(start, Insert),
                _ => text.Remove(start, length).Insert(start, Insert),
            };
        }
    }

    private static void CheckGarbage(string text)
    {
        foreach (var format in new[] { DefinitionFormat.Json, DefinitionFormat.Yaml })
        {
            var result = DefinitionLoader.Load(text, format, "garbage");
            if (result.Definition is null)
            {
                Assert.Contains(result.Diagnostics, d => d.IsError && d.Code is DiagnosticCodes.Syntax or DiagnosticCodes.WrongType);
            }

            Assert.Equal(result.Success, result.Definition is not null && result.Diagnostics.All(d => !d.IsError));
            Assert.All(result.Diagnostics, d =>
            {
                Assert.Matches(CodePattern(), d.Code);
                Assert.True(d.Line >= 1 && d.Column >= 1, d.ToString());
                Assert.False(string.IsNullOrWhiteSpace(d.Message));
                Assert.False(string.IsNullOrWhiteSpace(d.Hint), d.ToString());
                Assert.Equal("garbage", d.File);
            });
            Assert.Equal(result.Diagnostics.Count, result.Diagnostics.Distinct().Count());
        }
    }

    [GeneratedRegex("^FF1[0-9]{3}$")]
    private static partial Regex CodePattern();
}
