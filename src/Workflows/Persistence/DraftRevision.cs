namespace CloudpackPlus.Workflows.Persistence;

/// <summary>
/// One save of a draft version in the designer, kept so that no edit is ever lost: every accepted save is a
/// new revision, and a save refused because someone else saved first is kept too (<see cref="Refused"/>).
/// </summary>
public sealed class DraftRevision
{
    /// <summary>Id.</summary>
    public long Id { get; init; }

    /// <summary>The definition.</summary>
    public required string DefinitionId { get; init; }

    /// <summary>The draft version this save was for.</summary>
    public int Version { get; init; }

    /// <summary>1, 2, … per draft version for accepted saves; a refused save carries the revision it was based on.</summary>
    public int Revision { get; init; }

    /// <summary>The graph as saved (jsonb).</summary>
    public required string Graph { get; init; }

    /// <summary>Saved at (UTC).</summary>
    public DateTimeOffset SavedAt { get; init; }

    /// <summary>Who saved it.</summary>
    public string SavedBy { get; init; } = "";

    /// <summary>The save came after someone else's and was not applied; the graph is kept for its author.</summary>
    public bool Refused { get; init; }
}
