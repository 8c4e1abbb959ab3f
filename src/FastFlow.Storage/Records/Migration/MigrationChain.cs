namespace FastFlow.Storage.Records.Migration;

/// <summary>The migrators this build knows, per record kind. The current format version of a kind
/// is one more than the number of its migrators: a kind with no migrators is at version 1, and every
/// format change adds the migrator from the previous version. Records are written at the current
/// version; older ones are upgraded on read one version at a time.</summary>
public sealed class MigrationChain
{
    /// <summary>Indexed by kind, then by <c>FromVersion - 1</c>; <c>null</c> for kinds without migrators.</summary>
    private readonly RecordMigrator[]?[] _byKind = new RecordMigrator[]?[byte.MaxValue + 1];

    /// <summary>Creates a chain from migrators that cover, for each kind, every version from 1 up
    /// without gaps or duplicates.</summary>
    /// <exception cref="ArgumentException">A kind's versions have a gap or a duplicate.</exception>
    public MigrationChain(IEnumerable<RecordMigrator> migrators)
    {
        ArgumentNullException.ThrowIfNull(migrators);
        foreach (var group in migrators.GroupBy(m => m.Kind))
        {
            var steps = group.OrderBy(m => m.FromVersion).ToArray();
            for (var i = 0; i < steps.Length; i++)
            {
                if (steps[i].FromVersion != i + 1)
                {
                    throw new ArgumentException(
                        $"The {group.Key} migrators must start at version 1 and go up one version at a time; found {string.Join(", ", steps.Select(s => $"{s.FromVersion}→{s.ToVersion}"))}.",
                        nameof(migrators));
                }
            }

            _byKind[(byte)group.Key] = steps;
        }
    }

    /// <summary>A chain without migrators: every kind is at format version 1.</summary>
    public static MigrationChain Empty { get; } = new([]);

    /// <summary>The format version this build writes, and the newest it reads, for <paramref name="kind"/>.</summary>
    public ushort CurrentVersion(RecordKind kind) => (ushort)((_byKind[(byte)kind]?.Length ?? 0) + 1);

    /// <summary>The migrator that upgrades <paramref name="kind"/> records from <paramref name="fromVersion"/>,
    /// which must be below <see cref="CurrentVersion"/>.</summary>
    internal RecordMigrator Get(RecordKind kind, ushort fromVersion) => _byKind[(byte)kind]![fromVersion - 1];
}
