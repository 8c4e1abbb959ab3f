using System.CommandLine;
using FastFlow.Cli.Output;
using FastFlow.Definitions.Loading;

namespace FastFlow.Cli.Commands;

/// <summary><c>fastflow migrate FILE [--write] [--json]</c>: a definition of schema 1.0, 1.1 or 1.2
/// brought to 2.0.0, shown on stdout or written back in place.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var file = SharedOptions.FileArgument("A definition file, YAML or JSON");
        var write = new Option<bool>("--write", "-w")
        {
            Description = "Write the migrated definition back to FILE (atomically) instead of printing it",
        };
        var json = SharedOptions.Json();
        var command = new Command("migrate",
            "Bring a definition of schema 1.0, 1.1 or 1.2 to 2.0.0. Only the version changes: every 1.x\n" +
            "definition means the same in 2.0, and comments and layout are kept. Prints the result, or\n" +
            "writes it back with --write. Exit 0 when migrated or already current, 2 when the file is invalid.")
        {
            file,
            write,
            json,
        };
        command.SetAction(parse => Execute(parse.GetRequiredValue(file), parse.GetValue(write), parse.GetValue(json)));
        return command;
    }

    private static int Execute(string file, bool write, bool json)
    {
        var text = ReadText(file);
        var format = DefinitionLoader.DetectFormat(file, text) ?? DefinitionFormat.Yaml;
        var migration = DefinitionMigrator.Migrate(text, format, file);
        if (!migration.Success)
        {
            throw new CommandFailedException(
                $"{file} is not a valid definition, so it is not migrated",
                $"fix the problems above (`fastflow validate {file}` lists them), then migrate",
                ExitCodes.InvalidInput,
                [.. migration.Diagnostics.Where(static d => d.IsError)]);
        }

        var written = write && migration.Changed;
        if (written)
        {
            WriteAtomically(file, migration.Text);
        }

        if (json)
        {
            JsonOutput.Write(writer =>
            {
                writer.WriteStartObject();
                writer.WriteString("file", file);
                writer.WriteString("from_version", migration.FromVersion);
                writer.WriteString("to_version", migration.ToVersion);
                writer.WriteBoolean("changed", migration.Changed);
                writer.WriteBoolean("written", written);
                if (!write)
                {
                    writer.WriteString("text", migration.Text);
                }

                writer.WriteEndObject();
            });
            return ExitCodes.Success;
        }

        var from = migration.FromVersion is null ? "no version (read as 2.0.0)" : $"version {migration.FromVersion}";
        if (!migration.Changed)
        {
            Console.Error.WriteLine($"{file}: {from}: already schema {migration.ToVersion}, nothing to migrate");
        }
        else if (written)
        {
            Console.Error.WriteLine($"{file}: migrated {from} to {migration.ToVersion} and written; nothing else changed");
        }
        else
        {
            Console.Error.WriteLine($"{file}: {from} migrates to {migration.ToVersion}; nothing else changes (--write saves it)");
        }

        if (!write)
        {
            Console.Out.Write(migration.Text);
        }

        return ExitCodes.Success;
    }

    private static string ReadText(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CommandFailedException($"cannot read {file}: {exception.Message}", "check the path and the file's permissions");
        }
    }

    /// <summary>Writes beside the file, then renames over it: a crash leaves the old file or the
    /// new one, never half of one.</summary>
    private static void WriteAtomically(string file, string text)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file))!, $".{Path.GetFileName(file)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, file, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new CommandFailedException($"cannot write {file}: {exception.Message}", "check that the file and its folder are writable; nothing was changed");
        }
    }
}
