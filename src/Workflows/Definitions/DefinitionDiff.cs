using System.Text.Json;
using CloudpackPlus.Workflows.Model;

namespace CloudpackPlus.Workflows.Definitions;

/// <summary>What changed between two versions of a definition, by node id (positions do not count as a change).</summary>
/// <param name="Added">Nodes only in the newer version.</param>
/// <param name="Removed">Nodes only in the older version.</param>
/// <param name="Changed">Nodes in both whose type, label, inputs, retry or boundary timers differ.</param>
/// <param name="AddedConnections">Connections only in the newer version.</param>
/// <param name="RemovedConnections">Connections only in the older version.</param>
public sealed record DefinitionDiff(
    IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed,
    IReadOnlyList<Connection> AddedConnections, IReadOnlyList<Connection> RemovedConnections)
{
    /// <summary>Nothing differs but the drawing.</summary>
    public bool IsEmpty => Added.Count + Removed.Count + Changed.Count + AddedConnections.Count + RemovedConnections.Count == 0;

    /// <summary>Compares <paramref name="older"/> with <paramref name="newer"/>.</summary>
    public static DefinitionDiff Compare(WorkflowGraph older, WorkflowGraph newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        var before = older.Activities.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var after = newer.Activities.GroupBy(n => n.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var beforeEdges = older.Connections.ToHashSet();
        var afterEdges = newer.Connections.ToHashSet();
        return new DefinitionDiff(
            after.Keys.Where(id => !before.ContainsKey(id)).ToList(),
            before.Keys.Where(id => !after.ContainsKey(id)).ToList(),
            after.Keys.Where(id => before.TryGetValue(id, out var old) && Content(old) != Content(after[id])).ToList(),
            newer.Connections.Where(c => !beforeEdges.Contains(c)).ToList(),
            older.Connections.Where(c => !afterEdges.Contains(c)).ToList());
    }

    private static string Content(ActivityNode node) => 
        JsonSerializer.Serialize(node with { Position = null, Inputs = new SortedDictionary<string, JsonElement>(node.Inputs.ToDictionary(), StringComparer.Ordinal) }, WorkflowGraph.JsonOptions);
}
