using System.Net;
using FastFlow.Storage.Stores;

namespace FastFlow.Cli.Serving;

/// <summary>What <c>fastflow serve</c> was told, checked: where to listen, where runs are kept,
/// who may connect and which actions definitions may use.</summary>
internal sealed record ServeSettings
{
    /// <summary>The address and port to listen on (port 0: a free one, named in the ready line).</summary>
    public required IPEndPoint EndPoint { get; init; }

    /// <summary>The data directory (<c>--data</c>, or null for ./.fastflow); unused when <see cref="InMemory"/>.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Keep runs in memory only: nothing survives the server.</summary>
    public bool InMemory { get; init; }

    /// <summary>How runs are written to the data directory.</summary>
    public StoreDurability Durability { get; init; } = StoreDurability.Batched;

    /// <summary>The token clients present; null only with <see cref="InsecureNoAuth"/>.</summary>
    public string? Token { get; init; }

    /// <summary>True when the token was made up by this process (it is printed once).</summary>
    public bool TokenGenerated { get; init; }

    /// <summary>Accept clients without a token (<c>--insecure-no-auth</c>).</summary>
    public bool InsecureNoAuth { get; init; }

    /// <summary>The programs exec may start; empty: exec is refused.</summary>
    public IReadOnlyList<string> AllowedPrograms { get; init; } = [];

    /// <summary>The folder file_operation may use, a full path; null: file_operation is refused.</summary>
    public string? FileRoot { get; init; }

    /// <summary>An agents file whose agents the definitions may reference.</summary>
    public string? AgentsFile { get; init; }

    /// <summary>Open connections allowed.</summary>
    public int MaxConnections { get; init; } = 1024;
}
