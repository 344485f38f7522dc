using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Model;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>A validated graph prepared for execution: nodes with their descriptors, edges by outcome, join arities.</summary>
public sealed class ExecutionPlan
{
    private readonly Dictionary<string, (ActivityNode Node, ActivityDescriptor Descriptor)> _nodes;
    private readonly Dictionary<(string From, string Outcome), List<string>> _next;
    private readonly Dictionary<string, int> _joinArity;

    /// <summary>Builds the plan; throws <see cref="WorkflowDefinitionException"/> for an unknown activity type or no Start.</summary>
    public ExecutionPlan(WorkflowGraph graph, ActivityRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(registry);
        Graph = graph;
        _nodes = new(StringComparer.Ordinal);
        foreach (var node in graph.Activities)
        {
            var descriptor = registry.Find(node.Type)
                ?? throw new WorkflowDefinitionException($"Unknown activity type '{node.Type}' (node '{node.Id}').");
            _nodes[node.Id] = (node, descriptor);
        }

        _next = graph.Connections.GroupBy(c => (c.From, c.Outcome))
            .ToDictionary(g => g.Key, g => g.Select(c => c.To).ToList());
        _joinArity = graph.Activities.Where(n => n.Type == BuiltinTypes.Join)
            .ToDictionary(n => n.Id, n => graph.Connections.Where(c => c.To == n.Id).Select(c => c.From).Distinct().Count(), StringComparer.Ordinal);
        StartNodeId = graph.Activities.FirstOrDefault(n => n.Type == BuiltinTypes.Start)?.Id
            ?? throw new WorkflowDefinitionException("The workflow has no Start activity.");
    }

    /// <summary>The graph.</summary>
    public WorkflowGraph Graph { get; }

    /// <summary>The node execution starts from.</summary>
    public string StartNodeId { get; }

    internal (ActivityNode Node, ActivityDescriptor Descriptor) Get(string nodeId) =>
        _nodes.TryGetValue(nodeId, out var entry) ? entry
            : throw new WorkflowDefinitionException($"Node '{nodeId}' is not in this workflow version.");

    internal IReadOnlyList<string> Next(string from, string outcome) =>
        _next.TryGetValue((from, outcome), out var targets) ? targets : [];

    internal int JoinArity(string nodeId) => _joinArity.GetValueOrDefault(nodeId);

    internal bool IsJoin(string nodeId) => _joinArity.ContainsKey(nodeId);
}

/// <summary>Type names of the built-in activities the runtime itself relies on.</summary>
public static class BuiltinTypes
{
    /// <summary>The entry point.</summary>
    public const string Start = "Start";

    /// <summary>Waits for all its inbound branches.</summary>
    public const string Join = "Join";
}
