using System.Diagnostics.CodeAnalysis;
using FastFlow.Actions.Parameters;
using FastFlow.Actions.Text;
using FastFlow.Data;

namespace FastFlow.Actions.Files;

/// <summary>One attempt of <c>file_operation</c>: every path goes through <see cref="FileRootGuard"/>
/// before it is touched, and every output names paths relative to the root.</summary>
internal sealed class FileOperations(string realRoot, ParameterReader reader, FileEncoding encoding)
{
    private static readonly string[] s_names = ["read", "write", "append", "copy", "move", "delete", "exists", "list"];

    /// <summary>The operation names, for hints.</summary>
    public static IReadOnlyList<string> Names => s_names;

    public static bool TryParse(string name, [NotNullWhen(true)] out FileOperation? operation)
    {
        var index = Array.FindIndex(s_names, n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        operation = index < 0 ? null : (FileOperation)index;
        return operation is not null;
    }

    public async Task<Dictionary<string, object?>> RunAsync(FileOperation operation, CancellationToken cancellationToken)
    {
        var path = PathOf("path");
        return operation switch
        {
            FileOperation.Read => await ReadAsync(path, cancellationToken).ConfigureAwait(false),
            FileOperation.Write => await WriteAsync(path, cancellationToken).ConfigureAwait(false),
            FileOperation.Append => await AppendAsync(path, cancellationToken).ConfigureAwait(false),
            FileOperation.Copy => await CopyAsync(path, PathOf("destination"), cancellationToken).ConfigureAwait(false),
            FileOperation.Move => Move(path, PathOf("destination")),
            FileOperation.Delete => Delete(path),
            FileOperation.Exists => Exists(path),
            _ => List(path),
        };
    }

    /// <summary><c>{ path, content, size, encoding }</c>.</summary>
    private async Task<Dictionary<string, object?>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        RequireFile(path, "path");
        var length = new FileInfo(path).Length;
        if (length > OutputLimits.MaxFileBytes)
        {
            throw Refused($"'{Relative(path)}' has {length} bytes, more than the {OutputLimits.MaxFileBytes / (1024 * 1024)} MiB a task output may hold (copy or move it instead)");
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Output(path, ("content", encoding.Decode(bytes)), ("size", (long)bytes.Length), ("encoding", EncodingName()));
    }

    /// <summary><c>{ path, size, created }</c>: the file is replaced as a whole (written aside, then
    /// renamed over it), so that a reader never sees half of it.</summary>
    private async Task<Dictionary<string, object?>> WriteAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = ContentBytes();
        RefuseDirectory(path, "path");
        var existed = File.Exists(path);
        if (existed && !reader.Bool("overwrite", defaultValue: true))
        {
            throw Refused($"'{Relative(path)}' exists and overwrite is false");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".fastflow-" + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return Output(path, ("size", (long)bytes.Length), ("created", !existed));
    }

    /// <summary><c>{ path, appended, size }</c>: bytes appended and the file's size after; a missing file is created.</summary>
    private async Task<Dictionary<string, object?>> AppendAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = ContentBytes();
        RefuseDirectory(path, "path");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 4096, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        return Output(path, ("appended", (long)bytes.Length), ("size", new FileInfo(path).Length));
    }

    /// <summary><c>{ path, destination, size }</c>.</summary>
    private async Task<Dictionary<string, object?>> CopyAsync(string path, string destination, CancellationToken cancellationToken)
    {
        RequireFile(path, "path");
        PrepareDestination(destination);
        var source = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        await using (source.ConfigureAwait(false))
        {
            var target = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await using (target.ConfigureAwait(false))
            {
                await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            }
        }

        return Output(path, ("destination", Relative(destination)), ("size", new FileInfo(destination).Length));
    }

    /// <summary><c>{ path, destination, type }</c>: files and directories move.</summary>
    private Dictionary<string, object?> Move(string path, string destination)
    {
        var type = TypeOf(path) ?? throw Refused($"there is nothing at '{Relative(path)}' to move");
        RefuseRoot(path, "move");
        if (type == "directory")
        {
            if (Directory.Exists(destination) || File.Exists(destination))
            {
                throw Refused($"'{Relative(destination)}' exists; a directory moves only to a new name");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            Directory.Move(path, destination);
        }
        else
        {
            PrepareDestination(destination);
            File.Move(path, destination, overwrite: true);
        }

        return Output(path, ("destination", Relative(destination)), ("type", type));
    }

    /// <summary><c>{ path, deleted, type }</c>; <c>deleted</c> is false only for a missing path with <c>missing_ok</c>.</summary>
    private Dictionary<string, object?> Delete(string path)
    {
        var type = TypeOf(path);
        if (type is null)
        {
            return reader.Bool("missing_ok", defaultValue: false)
                ? Output(path, ("deleted", false), ("type", null))
                : throw Refused($"there is nothing at '{Relative(path)}' to delete (set missing_ok: true to allow that)");
        }

        RefuseRoot(path, "delete");
        if (type == "file")
        {
            File.Delete(path);
        }
        else if (reader.Bool("recursive", defaultValue: false))
        {
            Directory.Delete(path, recursive: true);
        }
        else if (Directory.EnumerateFileSystemEntries(path).Any())
        {
            throw Refused($"the directory '{Relative(path)}' is not empty (set recursive: true to delete it with its contents)");
        }
        else
        {
            Directory.Delete(path);
        }

        return Output(path, ("deleted", true), ("type", type));
    }

    /// <summary><c>{ path, exists, type, size }</c>; type is file, directory or null; size is a file's bytes.</summary>
    private Dictionary<string, object?> Exists(string path)
    {
        var type = TypeOf(path);
        return Output(path, ("exists", type is not null), ("type", type), ("size", type == "file" ? new FileInfo(path).Length : null));
    }

    /// <summary><c>{ path, count, entries: [{ name, path, type, size }] }</c>, sorted by path;
    /// <c>pattern</c> filters names (<c>*.csv</c>), <c>recursive</c> descends.</summary>
    private Dictionary<string, object?> List(string path)
    {
        if (!Directory.Exists(path))
        {
            throw Refused(File.Exists(path) ? $"'{Relative(path)}' is a file, not a directory" : $"there is no directory '{Relative(path)}'");
        }

        var options = new EnumerationOptions
        {
            RecurseSubdirectories = reader.Bool("recursive", defaultValue: false),
            AttributesToSkip = 0,
            IgnoreInaccessible = true,
            MatchType = MatchType.Simple,
        };
        var entries = new DirectoryInfo(path).EnumerateFileSystemInfos(reader.OptionalString("pattern") ?? "*", options)
            .Select(info => (Relative: Relative(info.FullName), Info: info))
            .OrderBy(e => e.Relative, StringComparer.Ordinal)
            .Select(e => (object?)new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["name"] = e.Info.Name,
                ["path"] = e.Relative,
                ["type"] = e.Info is DirectoryInfo ? "directory" : "file",
                ["size"] = e.Info is FileInfo file ? file.Length : null,
            })
            .ToList();
        return Output(path, ("count", (long)entries.Count), ("entries", entries));
    }

    private string PathOf(string parameter) => FileRootGuard.Resolve(realRoot, reader.RequiredString(parameter), parameter);

    private byte[] ContentBytes()
    {
        if (!reader.Has("content"))
        {
            throw reader.Fail("needs the parameter 'content'");
        }

        var content = reader.Raw("content");
        var text = content as string ?? PlainData.ToJson(content, indented: true);
        try
        {
            return encoding.Encode(text);
        }
        catch (FormatException)
        {
            throw reader.Fail("has content that is not valid base64 (encoding: base64)");
        }
    }

    private void PrepareDestination(string destination)
    {
        RefuseDirectory(destination, "destination");
        if (File.Exists(destination) && !reader.Bool("overwrite", defaultValue: false))
        {
            throw Refused($"'{Relative(destination)}' exists (set overwrite: true to replace it)");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
    }

    private void RequireFile(string path, string parameter)
    {
        if (File.Exists(path))
        {
            return;
        }

        throw Refused(Directory.Exists(path)
            ? $"'{parameter}' ('{Relative(path)}') is a directory, not a file"
            : $"there is no file '{Relative(path)}'");
    }

    private void RefuseDirectory(string path, string parameter)
    {
        if (Directory.Exists(path))
        {
            throw Refused($"'{parameter}' ('{Relative(path)}') is a directory");
        }
    }

    private void RefuseRoot(string path, string verb)
    {
        if (FileRootGuard.IsUnder(realRoot, path))
        {
            throw Refused($"the file root itself cannot be the target of {verb}");
        }
    }

    private string EncodingName() => reader.OptionalString("encoding")?.ToLowerInvariant() ?? "utf-8";

    private string Relative(string fullPath) => FileRootGuard.Relative(realRoot, fullPath);

    private Dictionary<string, object?> Output(string path, params (string Name, object? Value)[] fields)
    {
        var output = new Dictionary<string, object?>(StringComparer.Ordinal) { ["path"] = Relative(path) };
        foreach (var (name, value) in fields)
        {
            output[name] = value;
        }

        return output;
    }

    private static string? TypeOf(string path) =>
        File.Exists(path) ? "file" : Directory.Exists(path) ? "directory" : null;

    private static PathRefusedException Refused(string message) => new(message);
}
