using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Workflows.Definitions;

/// <summary>What an editor last saw of a definition: its latest version and that version's draft revision (0: none yet).</summary>
/// <param name="Version">The latest version when the editor loaded or saved.</param>
/// <param name="Revision">The draft revision of that version (0 when it is published or was never saved in the designer).</param>
public sealed record DraftToken(int Version, int Revision);

/// <summary>The definition as the editor opens it.</summary>
public sealed record DesignerDraft(string DefinitionId, WorkflowGraph Graph, DraftToken Token, bool IsPublished, int? PublishedVersion);

/// <summary>How a designer save ended.</summary>
public enum DraftSaveOutcome
{
    /// <summary>Saved as a new revision.</summary>
    Saved,

    /// <summary>Someone else saved first: not applied, but kept as a refused revision.</summary>
    Conflict,

    /// <summary>No such definition.</summary>
    NotFound,
}

/// <summary>The answer to a save: the new token when saved, the current one (and who saved it) on a conflict.</summary>
public sealed record DraftSaveResult(DraftSaveOutcome Outcome, DraftToken Token, string? LastSavedBy = null);

/// <summary>
/// The designer's drafts with optimistic concurrency: every save names the <see cref="DraftToken"/> it was based on, and
/// a save based on anything but the current one is refused ("changed by someone else") — and still kept, as a refused
/// <see cref="DraftRevision"/>, so no edit is lost. Saving over a published version opens a new draft version; published
/// versions are never edited, so running instances keep theirs.
/// </summary>
public interface IDesignerDrafts
{
    /// <summary>The latest version of a definition with its token; null when unknown.</summary>
    Task<DesignerDraft?> OpenAsync(string definitionId, CancellationToken cancellationToken = default);

    /// <summary>Saves the graph when <paramref name="basedOn"/> is current; otherwise keeps it as refused and answers Conflict.</summary>
    Task<DraftSaveResult> SaveAsync(WorkflowGraph graph, DraftToken basedOn, string actor, CancellationToken cancellationToken = default);

    /// <summary>Every save of a version's draft (accepted and refused), newest first.</summary>
    Task<IReadOnlyList<DraftRevision>> RevisionsAsync(string definitionId, int version, CancellationToken cancellationToken = default);

    /// <summary>
    /// Copies the latest version of <paramref name="sourceId"/> as version 1 (a draft) of a new definition; throws
    /// <see cref="WorkflowDefinitionException"/> when the new id is malformed or taken, <see cref="WorkflowNotFoundVersionException"/> when the source is unknown.
    /// </summary>
    Task<DraftToken> DuplicateAsync(string sourceId, string newId, string newName, string actor, CancellationToken cancellationToken = default);
}

internal sealed class DesignerDrafts(WorkflowDbContext db, TimeProvider time) : IDesignerDrafts
{
    public async Task<DesignerDraft?> OpenAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        var latest = await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == definitionId && d.IsLatest, cancellationToken);
        if (latest is null)
        {
            return null;
        }

        var published = await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == definitionId && d.IsPublished)
            .Select(d => (int?)d.Version).SingleOrDefaultAsync(cancellationToken);
        return new DesignerDraft(definitionId, WorkflowGraph.Parse(latest.Graph),
            new DraftToken(latest.Version, await RevisionOfAsync(latest, cancellationToken)), latest.IsPublished, published);
    }

    public async Task<DraftSaveResult> SaveAsync(WorkflowGraph graph, DraftToken basedOn, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(basedOn);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The same lock as DefinitionService: a save, a publish and an import of one definition never interleave.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"wf-definition:" + graph.DefinitionId}))", cancellationToken);
        try
        {
            var latest = await db.Definitions.SingleOrDefaultAsync(d => d.DefinitionId == graph.DefinitionId && d.IsLatest, cancellationToken);
            if (latest is null)
            {
                return new DraftSaveResult(DraftSaveOutcome.NotFound, basedOn);
            }

            var current = new DraftToken(latest.Version, await RevisionOfAsync(latest, cancellationToken));
            var now = time.GetUtcNow();
            if (current != basedOn)
            {
                db.DraftRevisions.Add(new DraftRevision
                {
                    DefinitionId = graph.DefinitionId, Version = basedOn.Version, Revision = basedOn.Revision, Graph = graph.ToJson(),
                    SavedAt = now, SavedBy = actor, Refused = true,
                });
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                var lastBy = await db.DraftRevisions.AsNoTracking()
                    .Where(r => r.DefinitionId == graph.DefinitionId && r.Version == current.Version && !r.Refused)
                    .OrderByDescending(r => r.Revision).Select(r => r.SavedBy).FirstOrDefaultAsync(cancellationToken);
                return new DraftSaveResult(DraftSaveOutcome.Conflict, current, lastBy ?? latest.CreatedBy);
            }

            var draft = latest;
            if (latest.PublishedAt is not null)
            {
                latest.IsLatest = false;
                await db.SaveChangesAsync(cancellationToken); // the partial unique index allows one latest at a time
                draft = new WorkflowDefinitionVersion
                {
                    DefinitionId = graph.DefinitionId, Version = latest.Version + 1, Name = graph.Name, NameEn = graph.NameEn, Graph = graph.ToJson(),
                    IsLatest = true, Source = DefinitionSources.Staff, CreatedAt = now, CreatedBy = actor,
                };
                db.Definitions.Add(draft);
            }
            else
            {
                draft.Graph = graph.ToJson();
                draft.Name = graph.Name;
                draft.NameEn = graph.NameEn;
            }

            var saved = new DraftToken(draft.Version, draft == latest ? current.Revision + 1 : 1);
            db.DraftRevisions.Add(new DraftRevision
            {
                DefinitionId = graph.DefinitionId, Version = saved.Version, Revision = saved.Revision, Graph = graph.ToJson(), SavedAt = now, SavedBy = actor,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new DraftSaveResult(DraftSaveOutcome.Saved, saved);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public async Task<IReadOnlyList<DraftRevision>> RevisionsAsync(string definitionId, int version, CancellationToken cancellationToken = default) =>
        await db.DraftRevisions.AsNoTracking().Where(r => r.DefinitionId == definitionId && r.Version == version)
            .OrderByDescending(r => r.Id).Take(200).ToListAsync(cancellationToken);

    public async Task<DraftToken> DuplicateAsync(string sourceId, string newId, string newName, string actor, CancellationToken cancellationToken = default)
    {
        if (!DefinitionValidator.IsDefinitionId(newId))
        {
            throw new WorkflowDefinitionException($"Definition id '{newId}' must be 1–100 lowercase letters, digits or dashes.");
        }

        var source = await db.Definitions.AsNoTracking().SingleOrDefaultAsync(d => d.DefinitionId == sourceId && d.IsLatest, cancellationToken)
            ?? throw new WorkflowNotFoundVersionException($"Workflow '{sourceId}' does not exist.");
        var graph = WorkflowGraph.Parse(source.Graph) with
        {
            DefinitionId = newId,
            Name = string.IsNullOrWhiteSpace(newName) ? source.Name : newName.Trim(),
            // A new name makes the source's English name wrong: English readers see the new id until one is given.
            NameEn = string.IsNullOrWhiteSpace(newName) ? source.NameEn : null,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtext({"wf-definition:" + newId}))", cancellationToken);
        try
        {
            if (await db.Definitions.AnyAsync(d => d.DefinitionId == newId, cancellationToken))
            {
                throw new WorkflowDefinitionException($"Definition id '{newId}' is already used.");
            }

            var now = time.GetUtcNow();
            db.Definitions.Add(new WorkflowDefinitionVersion
            {
                DefinitionId = newId, Version = 1, Name = graph.Name, NameEn = graph.NameEn, Graph = graph.ToJson(), IsLatest = true,
                Source = DefinitionSources.Staff, CreatedAt = now, CreatedBy = actor,
            });
            db.DraftRevisions.Add(new DraftRevision { DefinitionId = newId, Version = 1, Revision = 1, Graph = graph.ToJson(), SavedAt = now, SavedBy = actor });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new DraftToken(1, 1);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>A published version has no open draft (0); a draft's revision is its last accepted save (0 when imported, never saved here).</summary>
    private async Task<int> RevisionOfAsync(WorkflowDefinitionVersion version, CancellationToken cancellationToken) =>
        version.PublishedAt is not null ? 0
            : await db.DraftRevisions.Where(r => r.DefinitionId == version.DefinitionId && r.Version == version.Version && !r.Refused)
                .MaxAsync(r => (int?)r.Revision, cancellationToken) ?? 0;
}
