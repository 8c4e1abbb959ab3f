using System.Text;
using FastFlow.Actions.Files;
using FastFlow.Actions.Tests.Support;
using FastFlow.Validation;
using static FastFlow.Actions.Tests.Support.ActionHarness;

namespace FastFlow.Actions.Tests.Files;

public sealed class FileOperationActionTests : IDisposable
{
    private readonly TempDirectory _root = new();
    private readonly TempDirectory _outside = new();
    private readonly FileOperationAction _files = new();

    public void Dispose()
    {
        _root.Dispose();
        _outside.Dispose();
    }

    private FlowEngineOptions Options => new() { FileRoot = _root.Path };

    private async Task<Dictionary<string, object?>> Do(string operation, string path, params (string Name, object? Value)[] more)
    {
        var parameters = new Dictionary<string, object?> { ["operation"] = operation, ["path"] = path };
        foreach (var (name, value) in more)
        {
            parameters[name] = value;
        }

        return Output(await Run(_files, parameters, Options));
    }

    private Task<TaskFailedException> Refuse(string operation, string path, params (string Name, object? Value)[] more)
    {
        var parameters = new Dictionary<string, object?> { ["operation"] = operation, ["path"] = path };
        foreach (var (name, value) in more)
        {
            parameters[name] = value;
        }

        return Refused(_files, parameters, Options);
    }

    [Fact]
    public async Task Write_creates_folders_and_read_returns_the_content()
    {
        var written = await Do("write", "out/report.txt", ("content", "héllo\n"));
        var read = await Do("read", "out/report.txt");

        Assert.Equal("out/report.txt", written["path"]);
        Assert.Equal(7L, written["size"]);
        Assert.Equal(true, written["created"]);
        Assert.Equal("héllo\n", read["content"]);
        Assert.Equal(7L, read["size"]);
        Assert.Equal("utf-8", read["encoding"]);
        Assert.Equal("héllo\n", await File.ReadAllTextAsync(_root.Combine("out", "report.txt")));
        Assert.Single(Directory.GetFiles(_root.Combine("out")));
    }

    [Fact]
    public async Task Write_replaces_a_file_and_refuses_when_overwrite_is_false()
    {
        _root.Write("a.txt", "old");

        var replaced = await Do("write", "a.txt", ("content", "new"));
        var error = await Refuse("write", "a.txt", ("content", "newer"), ("overwrite", false));

        Assert.Equal(false, replaced["created"]);
        Assert.Equal("new", await File.ReadAllTextAsync(_root.Combine("a.txt")));
        Assert.Contains("'a.txt' exists and overwrite is false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_content_is_written_as_json()
    {
        await Do("write", "data.json", ("content", new Dictionary<string, object?> { ["rows"] = List(1L, 2L) }));

        var json = await File.ReadAllTextAsync(_root.Combine("data.json"));
        Assert.Equal(List(1L, 2L), ((Dictionary<string, object?>)FastFlow.Data.PlainData.ParseJson(json)!)["rows"]);
    }

    [Fact]
    public async Task Append_creates_a_missing_file_then_appends()
    {
        var first = await Do("append", "log/run.log", ("content", "one\n"));
        var second = await Do("append", "log/run.log", ("content", "two\n"));

        Assert.Equal(4L, first["appended"]);
        Assert.Equal(8L, second["size"]);
        Assert.Equal("one\ntwo\n", await File.ReadAllTextAsync(_root.Combine("log", "run.log")));
    }

    [Fact]
    public async Task Copy_copies_and_refuses_to_replace_unless_overwrite()
    {
        _root.Write("src.txt", "payload");
        _root.Write("taken.txt", "keep");

        var copied = await Do("copy", "src.txt", ("destination", "backup/src.txt"));
        var error = await Refuse("copy", "src.txt", ("destination", "taken.txt"));
        await Do("copy", "src.txt", ("destination", "taken.txt"), ("overwrite", true));

        Assert.Equal("backup/src.txt", copied["destination"]);
        Assert.Equal(7L, copied["size"]);
        Assert.Equal("payload", await File.ReadAllTextAsync(_root.Combine("backup", "src.txt")));
        Assert.Contains("'taken.txt' exists (set overwrite: true to replace it)", error.Message, StringComparison.Ordinal);
        Assert.Equal("payload", await File.ReadAllTextAsync(_root.Combine("taken.txt")));
        Assert.True(File.Exists(_root.Combine("src.txt")));
    }

    [Fact]
    public async Task Move_moves_files_and_directories()
    {
        _root.Write("in/a.txt", "a");
        _root.Write("dir/b.txt", "b");

        var file = await Do("move", "in/a.txt", ("destination", "done/a.txt"));
        var directory = await Do("move", "dir", ("destination", "archive/dir"));

        Assert.Equal("file", file["type"]);
        Assert.Equal("directory", directory["type"]);
        Assert.False(File.Exists(_root.Combine("in", "a.txt")));
        Assert.Equal("a", await File.ReadAllTextAsync(_root.Combine("done", "a.txt")));
        Assert.Equal("b", await File.ReadAllTextAsync(_root.Combine("archive", "dir", "b.txt")));
    }

    [Fact]
    public async Task Delete_removes_files_and_empty_directories_and_trees_only_when_recursive()
    {
        _root.Write("x.txt", "x");
        Directory.CreateDirectory(_root.Combine("empty"));
        _root.Write("tree/deep/y.txt", "y");

        var file = await Do("delete", "x.txt");
        var empty = await Do("delete", "empty");
        var notEmpty = await Refuse("delete", "tree");
        var tree = await Do("delete", "tree", ("recursive", true));

        Assert.Equal(true, file["deleted"]);
        Assert.Equal("file", file["type"]);
        Assert.Equal("directory", empty["type"]);
        Assert.Contains("is not empty (set recursive: true", notEmpty.Message, StringComparison.Ordinal);
        Assert.Equal(true, tree["deleted"]);
        Assert.Empty(Directory.GetFileSystemEntries(_root.Path));
    }

    [Fact]
    public async Task Deleting_a_missing_path_is_permanent_unless_missing_ok()
    {
        var error = await Refuse("delete", "ghost.txt");
        var tolerated = await Do("delete", "ghost.txt", ("missing_ok", true));

        Assert.Equal(ErrorCategory.Permanent, error.Category);
        Assert.Contains("there is nothing at 'ghost.txt' to delete", error.Message, StringComparison.Ordinal);
        Assert.Equal(false, tolerated["deleted"]);
    }

    [Fact]
    public async Task The_root_itself_cannot_be_deleted()
    {
        var error = await Refuse("delete", ".", ("recursive", true));

        Assert.Contains("the file root itself", error.Message, StringComparison.Ordinal);
        Assert.True(Directory.Exists(_root.Path));
    }

    [Fact]
    public async Task Exists_tells_files_directories_and_nothing_apart()
    {
        _root.Write("f.txt", "12345");
        Directory.CreateDirectory(_root.Combine("d"));

        var file = await Do("exists", "f.txt");
        var directory = await Do("exists", "d");
        var missing = await Do("exists", "nope");

        Assert.Equal((true, "file", 5L), ((bool)file["exists"]!, (string)file["type"]!, (long)file["size"]!));
        Assert.Equal((true, "directory"), ((bool)directory["exists"]!, (string)directory["type"]!));
        Assert.Null(directory["size"]);
        Assert.Equal(false, missing["exists"]);
        Assert.Null(missing["type"]);
    }

    [Fact]
    public async Task List_returns_sorted_entries_filtered_by_pattern_and_optionally_recursive()
    {
        _root.Write("data/b.csv", "1,2");
        _root.Write("data/a.csv", "1");
        _root.Write("data/notes.txt", "n");
        _root.Write("data/sub/c.csv", "3");

        var flat = await Do("list", "data", ("pattern", "*.csv"));
        var deep = await Do("list", "data", ("pattern", "*.csv"), ("recursive", true));
        var all = await Do("list", "data");

        Assert.Equal(2L, flat["count"]);
        var entries = Assert.IsType<List<object?>>(flat["entries"]).Cast<Dictionary<string, object?>>().ToList();
        Assert.Equal(["data/a.csv", "data/b.csv"], entries.Select(e => (string)e["path"]!));
        Assert.Equal(("a.csv", "file", 1L), ((string)entries[0]["name"]!, (string)entries[0]["type"]!, (long)entries[0]["size"]!));
        Assert.Equal(["data/a.csv", "data/b.csv", "data/sub/c.csv"],
            Assert.IsType<List<object?>>(deep["entries"]).Cast<Dictionary<string, object?>>().Select(e => (string)e["path"]!));
        Assert.Contains(Assert.IsType<List<object?>>(all["entries"]).Cast<Dictionary<string, object?>>(), e => (string)e["type"]! == "directory" && e["size"] is null);
    }

    [Fact]
    public async Task A_missing_file_is_a_permanent_error()
    {
        var read = await Refuse("read", "missing.txt");
        var copy = await Refuse("copy", "missing.txt", ("destination", "x.txt"));
        var list = await Refuse("list", "missing");

        Assert.All([read, copy, list], e => Assert.Equal(ErrorCategory.Permanent, e.Category));
        Assert.Contains("there is no file 'missing.txt'", read.Message, StringComparison.Ordinal);
        Assert.Contains("there is no directory 'missing'", list.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_too_large_for_an_output_is_refused_but_can_be_copied()
    {
        using (var file = File.Create(_root.Combine("huge.bin")))
        {
            file.SetLength((64L * 1024 * 1024) + 1);
        }

        var error = await Refuse("read", "huge.bin");
        var copied = await Do("copy", "huge.bin", ("destination", "copy.bin"));

        Assert.Contains("more than the 64 MiB a task output may hold", error.Message, StringComparison.Ordinal);
        Assert.Equal((64L * 1024 * 1024) + 1, copied["size"]);
    }

    [Fact]
    public async Task Reading_a_directory_is_refused()
    {
        Directory.CreateDirectory(_root.Combine("d"));

        var error = await Refuse("read", "d");

        Assert.Contains("is a directory, not a file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Base64_and_other_encodings_round_trip_bytes()
    {
        byte[] bytes = [0, 1, 2, 255, 128];
        await Do("write", "blob.bin", ("content", Convert.ToBase64String(bytes)), ("encoding", "base64"));
        await Do("write", "latin.txt", ("content", "café"), ("encoding", "latin1"));

        var blob = await Do("read", "blob.bin", ("encoding", "base64"));
        var latin = await Do("read", "latin.txt", ("encoding", "latin1"));

        Assert.Equal(bytes, await File.ReadAllBytesAsync(_root.Combine("blob.bin")));
        Assert.Equal(Convert.ToBase64String(bytes), blob["content"]);
        Assert.Equal(Encoding.Latin1.GetBytes("café"), await File.ReadAllBytesAsync(_root.Combine("latin.txt")));
        Assert.Equal("café", latin["content"]);
        Assert.Equal(4L, latin["size"]);
    }

    [Theory]
    [InlineData("../outside.txt", "climbs out of the file root")]
    [InlineData("a/../../outside.txt", "climbs out of the file root")]
    [InlineData("/etc/passwd", "is the absolute path '/etc/passwd'")]
    public async Task Paths_that_escape_the_root_are_refused(string path, string reason)
    {
        var read = await Refuse("read", path);
        var write = await Refuse("write", path, ("content", "x"));

        Assert.Equal(ErrorCategory.Permanent, read.Category);
        Assert.Contains(reason, read.Message, StringComparison.Ordinal);
        Assert.Contains(reason, write.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_root.Path)!, "outside.txt")));
    }

    [Fact]
    public async Task A_destination_that_escapes_the_root_is_refused()
    {
        _root.Write("a.txt", "secret");

        var error = await Refuse("copy", "a.txt", ("destination", "../stolen.txt"));

        Assert.Contains("'destination' ('../stolen.txt') climbs out", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Path.GetDirectoryName(_root.Path)!, "stolen.txt")));
    }

    [Fact]
    public async Task Dot_dot_that_stays_inside_the_root_is_allowed()
    {
        _root.Write("b.txt", "inside");

        var read = await Do("read", "a/../b.txt");

        Assert.Equal("inside", read["content"]);
        Assert.Equal("b.txt", read["path"]);
    }

    [Fact]
    public async Task Symbolic_links_that_point_out_of_the_root_are_refused()
    {
        _outside.Write("secret.txt", "secret");
        Directory.CreateSymbolicLink(_root.Combine("linked-dir"), _outside.Path);
        File.CreateSymbolicLink(_root.Combine("linked-file.txt"), _outside.Combine("secret.txt"));
        File.CreateSymbolicLink(_root.Combine("dangling.txt"), _outside.Combine("created-through-link.txt"));

        var throughDirectory = await Refuse("read", "linked-dir/secret.txt");
        var throughFile = await Refuse("read", "linked-file.txt");
        var writeThroughDangling = await Refuse("write", "dangling.txt", ("content", "x"));
        var writeIntoDirectory = await Refuse("write", "linked-dir/new.txt", ("content", "x"));

        Assert.All([throughDirectory, throughFile, writeThroughDangling, writeIntoDirectory],
            e => Assert.Contains("leads out of the file root through a symbolic link", e.Message, StringComparison.Ordinal));
        Assert.False(File.Exists(_outside.Combine("created-through-link.txt")));
        Assert.False(File.Exists(_outside.Combine("new.txt")));
    }

    [Fact]
    public async Task Symbolic_links_that_stay_inside_the_root_are_followed()
    {
        _root.Write("real/data.txt", "data");
        Directory.CreateSymbolicLink(_root.Combine("alias"), "real");

        var read = await Do("read", "alias/data.txt");

        Assert.Equal("data", read["content"]);
        Assert.Equal("real/data.txt", read["path"]);
    }

    [Fact]
    public async Task Without_a_file_root_the_action_is_unavailable()
    {
        var parameters = new Dictionary<string, object?> { ["operation"] = "read", ["path"] = "a.txt" };

        var diagnostic = Assert.Single(Prepare(_files, parameters, new FlowEngineOptions()));
        var error = await Refused(_files, parameters, new FlowEngineOptions());

        Assert.Equal(DiagnosticCodes.ActionUnavailable, diagnostic.Code);
        Assert.Contains("FileRoot", diagnostic.Hint, StringComparison.Ordinal);
        Assert.Contains("has no file root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_checks_the_operation_and_what_it_needs()
    {
        var typo = Prepare(_files, new() { ["operation"] = "wirte", ["path"] = "a" }, Options);
        var copy = Prepare(_files, new() { ["operation"] = "copy", ["path"] = "a" }, Options);
        var write = Prepare(_files, new() { ["operation"] = "write", ["path"] = "a", ["destination"] = "b" }, Options);
        var encoding = Prepare(_files, new() { ["operation"] = "read", ["path"] = "a", ["encoding"] = "ebcdic" }, Options);
        var templated = Prepare(_files, new() { ["operation"] = "${{ inputs.op }}", ["path"] = "${{ inputs.path }}" }, Options);

        Assert.Equal("Did you mean 'write'? Use one of: read, write, append, copy, move, delete, exists, list.", Assert.Single(typo).Hint);
        Assert.Contains("needs the parameter 'destination'", Assert.Single(copy).Message, StringComparison.Ordinal);
        Assert.Equal(["tasks.t.parameters", "tasks.t.parameters.destination"], write.Select(d => d.Path).Order(StringComparer.Ordinal));
        Assert.Equal("tasks.t.parameters.encoding", Assert.Single(encoding).Path);
        Assert.Empty(templated);
    }

    [Fact]
    public async Task An_unknown_operation_at_run_time_is_a_permanent_error()
    {
        var error = await Refuse("shred", "a.txt");

        Assert.Contains("unknown operation 'shred'", error.Message, StringComparison.Ordinal);
    }
}
