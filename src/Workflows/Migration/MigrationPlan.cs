// Not "…Workflows.Migration" (the folder): that namespace would hide EF Core's Migration type from the migrations in Persistence/Migrations.
namespace CloudpackPlus.Workflows.InstanceMigration;

/// <summary>A request to move waiting instances of one version onto another with an explicit node mapping.</summary>
/// <param name="DefinitionId">The definition.</param>
/// <param name="FromVersion">The version the instances run on (N).</param>
/// <param name="ToVersion">The version they move to (normally N+1).</param>
/// <param name="Mapping">Node id in N → node id in the target; a node not listed keeps its id when the target has a node of that id and type.</param>
public sealed record MigrationRequest(string DefinitionId, int FromVersion, int ToVersion, IReadOnlyDictionary<string, string> Mapping);

/// <summary>Why an instance cannot move.</summary>
public static class MigrationRefusals
{
    /// <summary>A waiting node has no mapping and the target has no node of the same id.</summary>
    public const string Unmapped = "unmapped";

    /// <summary>The mapping names a node the target does not have.</summary>
    public const string UnknownTarget = "unknown-target";

    /// <summary>The mapped node is of another activity type (its bookmark and task would not fit).</summary>
    public const string TypeChanged = "type-changed";

    /// <summary>The instance waits inside a loop, a scope, a child workflow or on a boundary timer: not migrated.</summary>
    public const string Nested = "nested-position";
}

/// <summary>One position of an instance: its waiting node and where it would go.</summary>
public sealed record PositionMove(string From, string? To, string? Refusal);

/// <summary>What would happen to one instance: its moves, and whether it can go.</summary>
public sealed record InstanceMove(Guid InstanceId, string? CorrelationId, IReadOnlyList<PositionMove> Moves, string? Refusal)
{
    /// <summary>True when every position maps.</summary>
    public bool CanMove => Refusal is null && Moves.All(m => m.Refusal is null);
}

/// <summary>The dry run (or the applied result): every waiting instance of the source version with its moves.</summary>
public sealed record MigrationPlan(MigrationRequest Request, IReadOnlyList<InstanceMove> Instances, bool Applied)
{
    /// <summary>True when every instance can move (an apply is refused otherwise).</summary>
    public bool CanApply => Instances.Count > 0 && Instances.All(i => i.CanMove);
}

/// <summary>A request that cannot be planned at all (no such version, same version).</summary>
public sealed class MigrationRequestException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public MigrationRequestException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public MigrationRequestException() { }

    /// <summary>Creates the exception with its message and cause.</summary>
    public MigrationRequestException(string message, Exception innerException) : base(message, innerException) { }
}
