using System.Text.Json;
using CloudpackPlus.Core.Data;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Background;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Persistence;
using CloudpackPlus.Workflows.Runtime;
using CloudpackPlus.Workflows.Tasks;
using Microsoft.EntityFrameworkCore;

namespace CloudpackPlus.Portal.Operations;

/// <summary>Everything the instance viewer shows of one instance; the journal is one page of it.</summary>
public sealed record InstanceDetails(
    WorkflowInstance Instance,
    IReadOnlyDictionary<string, object?> Variables,
    Paged<JournalEntry> Journal,
    IReadOnlyList<WorkflowTask> OpenTasks,
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<RunningActivityView> Running,
    string GraphJson);

/// <summary>
/// Loads the instance viewer: the instance, its variables, one page of its journal (newest first),
/// its open tasks, its incidents (open first), its running background activities, and the data block
/// the read-only graph renderer draws: the version's graph, visit counts per node, the current
/// position (open waits and queued nodes) and the nodes with an open incident.
/// </summary>
public sealed class InstanceDetailsLoader(WorkflowDbContext db, IRunningActivities running)
{
    public const int JournalPageSize = 50;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Default,
    };

    /// <summary>How long a variable's value may be on the page before it is cut (the journal's data lines are cut alike).</summary>
    public const int ShownValueLength = 400;

    // For the page only: Razor HTML-encodes the result, so the text needs no JavaScript escaping (Japanese stays readable).
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A variable's value as the viewer shows it: JSON with Japanese as written, cut at <see cref="ShownValueLength"/>.</summary>
    public static string Shown(object? value)
    {
        var json = JsonSerializer.Serialize(value, Readable);
        return json.Length > ShownValueLength ? json[..ShownValueLength] + "…" : json;
    }

    public async Task<InstanceDetails?> LoadAsync(Guid id, int journalPage, CancellationToken cancellationToken)
    {
        var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (instance is null)
        {
            return null;
        }

        var journal = await Paging.OfAsync(
            db.Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderByDescending(j => j.Sequence), journalPage, JournalPageSize, cancellationToken);
        var open = new[] { WorkflowTaskStatus.Open, WorkflowTaskStatus.Claimed };
        var tasks = await db.Tasks.AsNoTracking().Where(t => t.InstanceId == id && open.Contains(t.Status))
            .OrderBy(t => t.DueAt).ThenBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        var incidents = await db.Incidents.AsNoTracking().Where(x => x.InstanceId == id)
            .OrderBy(x => x.ResolvedAt != null).ThenByDescending(x => x.CreatedAt).Take(50).ToListAsync(cancellationToken);
        var activities = await running.ListAsync(id, cancellationToken);
        var graph = await GraphJsonAsync(instance, incidents, cancellationToken);
        return new InstanceDetails(instance, PlainValues.ParseObject(instance.Variables), journal, tasks, incidents, activities, graph);
    }

    private async Task<string> GraphJsonAsync(WorkflowInstance instance, IReadOnlyList<Incident> incidents, CancellationToken cancellationToken)
    {
        var graph = await db.Definitions.AsNoTracking().Where(d => d.Id == instance.DefinitionVersionId).Select(d => d.Graph).SingleAsync(cancellationToken);

        // A visit is a completed activation (one journal line each; "started" lines are written for background and
        // blocking activities only, "faulted" ones per failed attempt) or the one under way now (an open wait or a queued node);
        // a node with an open incident counts as visited at least once.
        // One grouped count over the journal's (instance, sequence) index: 10,000 lines are one scan.
        var visited = await db.Journal.AsNoTracking()
            .Where(j => j.InstanceId == instance.Id && j.Kind == JournalKinds.ActivityCompleted && j.NodeId != null)
            .GroupBy(j => j.NodeId!).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken);
        var waits = await db.Bookmarks.AsNoTracking()
            .Where(b => b.InstanceId == instance.Id && b.ResumedAt == null && b.CancelledAt == null)
            .Select(b => b.NodeId).ToListAsync(cancellationToken);
        var current = waits.Concat(FlowState.Parse(instance.State).Queue).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var node in current)
        {
            visited[node] = visited.GetValueOrDefault(node) + 1;
        }

        var failing = incidents.Where(x => x.ResolvedAt == null).Select(x => x.NodeId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        foreach (var node in failing)
        {
            visited[node] = Math.Max(1, visited.GetValueOrDefault(node));
        }

        var data = new
        {
            definition = JsonSerializer.Deserialize<JsonElement>(WorkflowGraph.Parse(graph).ToJson()),
            visited,
            current,
            incidents = failing,
        };
        return JsonSerializer.Serialize(data, Json);
    }
}
