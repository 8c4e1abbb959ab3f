using System.Globalization;
using FastFlow.Validation;

namespace FastFlow.Definitions.Loading;

internal sealed partial class DefinitionMapper
{
    private const string VersionHint = "this engine reads 2.x, and migrates 1.0, 1.1 and 1.2 to 2.0.0";

    /// <summary>The schema version: 2.x as written (completed to three parts), 1.0 to 1.2
    /// migrated to 2.0.0 with a warning (2.0 is a superset, so nothing else changes), anything
    /// else an error. Absent means 2.0.0.</summary>
    private string SchemaVersion(FieldSet fields)
    {
        if (!fields.TryGet("version", out var node, out var path) || node is DocScalar { IsNull: true })
        {
            return WorkflowDefinition.CurrentSchemaVersion;
        }

        // A number is accepted too (`version: 2.0` in YAML, `"version": 2` in JSON): its text is the version.
        if (node is not DocScalar scalar)
        {
            WrongType(path, node, "version", "a version string such as \"2.0.0\"");
            return WorkflowDefinition.CurrentSchemaVersion;
        }

        var text = scalar.Text;
        if (!TryParseVersion(text, out var major, out var minor, out var patch))
        {
            _session.Error(DiagnosticCodes.UnsupportedVersion, path, node.Position,
                $"version '{text}' is not a version number", VersionHint);
            return WorkflowDefinition.CurrentSchemaVersion;
        }

        if (major == 2)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{major}.{minor}.{patch}");
        }

        if (major == 1 && minor <= 2)
        {
            _session.Warning(DiagnosticCodes.UnsupportedVersion, path, node.Position,
                $"version '{text}' was migrated to {WorkflowDefinition.CurrentSchemaVersion}",
                $"set version: \"{WorkflowDefinition.CurrentSchemaVersion}\"; a 1.x definition means the same in 2.0");
            return WorkflowDefinition.CurrentSchemaVersion;
        }

        _session.Error(DiagnosticCodes.UnsupportedVersion, path, node.Position,
            $"version '{text}' is not supported", VersionHint);
        return WorkflowDefinition.CurrentSchemaVersion;
    }

    /// <summary><c>major[.minor[.patch]]</c>, digits only.</summary>
    private static bool TryParseVersion(string text, out int major, out int minor, out int patch)
    {
        major = minor = patch = 0;
        var parts = text.Split('.');
        if (parts.Length > 3)
        {
            return false;
        }

        Span<int> numbers = stackalloc int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0 || part.Length > 9 || !part.All(char.IsAsciiDigit))
            {
                return false;
            }

            numbers[i] = int.Parse(part, NumberStyles.None, CultureInfo.InvariantCulture);
        }

        (major, minor, patch) = (numbers[0], numbers[1], numbers[2]);
        return true;
    }
}
