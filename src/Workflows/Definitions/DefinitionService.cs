using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Workflows.Definitions;

/// <summary>A version as the console lists it.</summary>
public sealed record DefinitionVersionSummary(
    Guid Id, string DefinitionId, int Version, string Name, bool IsPublished, bool IsLatest, string Source,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? PublishedAt, string? PublishedBy);

/// <summary>Versioned workflow definitions: drafts, publish (validated, one transaction), history, import/export.</summary>
public interface IDefinitionService
{
    /// <summary>The published (or else latest) version of every definition.</summary>
    Task<IReadOnlyList<DefinitionVersionSummary>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Every version of a definition, newest first.</summary>
    Task<IReadOnlyList<DefinitionVersionSummary>> HistoryAsync(string definitionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the graph as the definition's draft: updates the open draft, or — when the latest version
    /// was ever published — creates a new draft version. Published versions are never edited.
    /// </summary>
    Task<DefinitionVersionSummary> SaveDraftAsync(WorkflowGraph graph, string actor, CancellationToken cancellationToken = default);

    /// <summary>Validates and publishes a version in one transaction; throws <see cref="WorkflowValidationException"/> listing every problem.</summary>
    Task<DefinitionVersionSummary> PublishAsync(string definitionId, int version, string actor, CancellationToken cancellationToken = default);

    /// <summary>A version's graph as a JSON file (the published one when no version is given).</summary>
    Task<string> ExportAsync(string definitionId, int? version = null, CancellationToken cancellationToken = default);

    /// <summary>Imports a JSON file as a new draft, and publishes it when asked (save and publish in one transaction).</summary>
    Task<DefinitionVersionSummary> ImportAsync(string json, string actor, bool publish, CancellationToken cancellationToken = default);
}

internal sealed class DefinitionService(WorkflowDbContext db, DefinitionValidator validator, TimeProvider time, Runtime.PublishedVersions published) : IDefinitionService
{
    public async Task<IReadOnlyList<DefinitionVersionSummary>> ListAsync(CancellationToken cancellationToken = default) =>
        (await db.Definitions.AsNoTracking().Where(d => d.IsPublished || d.IsLatest).ToListAsync(cancellationToken))
            .GroupBy(d => d.DefinitionId).Select(g => g.OrderByDescending(d => d.IsPublished).First())
            .OrderBy(d => d.DefinitionId, StringComparer.Ordinal).Select(Summary).ToList();

    public async Task<IReadOnlyList<DefinitionVersionSummary>> HistoryAsync(string definitionId, CancellationToken cancellationToken = default) =>
        (await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId).OrderByDescending(d => d.Version).ToListAsync(cancellationToken))
            .Select(Summary).ToList();

    public Task<DefinitionVersionSummary> SaveDraftAsync(WorkflowGraph graph, string actor, CancellationToken cancellationToken = default) =>
        SaveAsync(graph, actor, DefinitionSources.Staff, null, cancellationToken);

    internal async Task<DefinitionVersionSummary> SaveAsync(WorkflowGraph graph, string actor, string source, string? hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return await InTransactionAsync(graph.DefinitionId, () => SaveInTransactionAsync(graph, actor, source, hash, cancellationToken), cancellationToken);
    }

    public async Task<DefinitionVersionSummary> PublishAsync(string definitionId, int version, string actor, CancellationToken cancellationToken = default) =>
        await InTransactionAsync(definitionId, () => PublishInTransactionAsync(definitionId, version, actor, cancellationToken), cancellationToken);

    /// <summary>
    /// Saves the graph as a new version and publishes it in ONE transaction: a publish that fails
    /// (validation, a constraint, a lost connection) leaves no new draft behind.
    /// </summary>
    internal async Task<DefinitionVersionSummary> SaveAndPublishAsync(WorkflowGraph graph, string actor, string source, string? hash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return await InTransactionAsync(graph.DefinitionId, async () =>
        {
            var saved = await SaveInTransactionAsync(graph, actor, source, hash, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return await PublishInTransactionAsync(saved.DefinitionId, saved.Version, actor, cancellationToken);
        }, cancellationToken);
    }

    private async Task<WorkflowDefinitionVersion> SaveInTransactionAsync(WorkflowGraph graph, string actor, string source, string? hash, CancellationToken cancellationToken)
    {
        var latest = await db.Definitions.SingleOrDefaultAsync(d => d.DefinitionId == graph.DefinitionId && d.IsLatest, cancellationToken);
        if (latest is not null && latest.PublishedAt is null && source == DefinitionSources.Staff)
        {
            latest.Graph = graph.ToJson();
            latest.Name = graph.Name;
            latest.NameEn = graph.NameEn;
            return latest;
        }

        if (latest is not null)
        {
            latest.IsLatest = false;
            await db.SaveChangesAsync(cancellationToken); // the partial unique index allows one latest at a time
        }

        var draft = new WorkflowDefinitionVersion
        {
            DefinitionId = graph.DefinitionId, Version = (latest?.Version ?? 0) + 1, Name = graph.Name, NameEn = graph.NameEn, Graph = graph.ToJson(),
            IsLatest = true, Source = source, SourceHash = hash, CreatedAt = time.GetUtcNow(), CreatedBy = actor,
        };
        db.Definitions.Add(draft);
        return draft;
    }

    private async Task<WorkflowDefinitionVersion> PublishInTransactionAsync(string definitionId, int version, string actor, CancellationToken cancellationToken)
    {
        var target = await db.Definitions.SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.Version == version, cancellationToken)
            ?? throw new WorkflowNotFoundVersionException($"Workflow '{definitionId}' has no version {version}.");
        var problems = validator.Validate(WorkflowGraph.Parse(target.Graph));
        if (problems.Count > 0)
        {
            throw new WorkflowValidationException(problems);
        }

        if (target.IsPublished)
        {
            return target;
        }

        var current = await db.Definitions.SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.IsPublished, cancellationToken);
        if (current is not null)
        {
            current.IsPublished = false;
            await db.SaveChangesAsync(cancellationToken); // the partial unique index allows one published at a time
        }

        target.IsPublished = true;
        target.PublishedAt ??= time.GetUtcNow();
        target.PublishedBy ??= actor;
        return target;
    }

    public async Task<string> ExportAsync(string definitionId, int? version = null, CancellationToken cancellationToken = default)
    {
        var row = await db.Definitions.AsNoTracking()
            .Where(d => d.DefinitionId == definitionId && (version == null ? d.IsPublished : d.Version == version))
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new WorkflowNotFoundVersionException($"Workflow '{definitionId}' has no {(version is null ? "published version" : $"version {version}")}.");
        return WorkflowGraph.Parse(row.Graph).ToJson();
    }

    public async Task<DefinitionVersionSummary> ImportAsync(string json, string actor, bool publish, CancellationToken cancellationToken = default)
    {
        var graph = WorkflowGraph.Parse(json);
        var problems = validator.Validate(graph);
        if (publish && problems.Count > 0)
        {
            throw new WorkflowValidationException(problems);
        }

        return publish
            ? await SaveAndPublishAsync(graph, actor, DefinitionSources.Import, null, cancellationToken)
            : await SaveAsync(graph, actor, DefinitionSources.Import, null, cancellationToken);
    }

    private async Task<DefinitionVersionSummary> InTransactionAsync(string definitionId, Func<Task<WorkflowDefinitionVersion>> body, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Serialises writers of one definition (two publishes, or a publish and an import) across hosts.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"wf-definition:" + definitionId}))", cancellationToken);
        try
        {
            var row = await body();
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            // New starts on this host read the new published version (other hosts find out at their next start).
            published.Forget(definitionId);
            return Summary(row);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    internal static DefinitionVersionSummary Summary(WorkflowDefinitionVersion d) =>
        new(d.Id, d.DefinitionId, d.Version, d.Name, d.IsPublished, d.IsLatest, d.Source, d.CreatedAt, d.CreatedBy, d.PublishedAt, d.PublishedBy);
}

/// <summary>The requested definition version does not exist.</summary>
public sealed class WorkflowNotFoundVersionException : Exception
{
    /// <summary>Creates the exception with its message.</summary>
    public WorkflowNotFoundVersionException(string message) : base(message) { }

    /// <summary>Creates the exception.</summary>
    public WorkflowNotFoundVersionException() { }

    /// <summary>Creates the exception with its message and cause.</summary>
    public WorkflowNotFoundVersionException(string message, Exception inner) : base(message, inner) { }
}
