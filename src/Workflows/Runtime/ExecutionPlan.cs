using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Model;

namespace CloudpackPlus.Workflows.Runtime;

/// <summary>A validated graph prepared for execution: nodes with their descriptors, edges by outcome, join arities.</summary>
public sealed class ExecutionPlan
{
    private readonly Dictionary<string, (ActivityNode Node, ActivityDescriptor Descriptor)> _nodes;
    private readonly Dictionary<(string From, string Outcome), List<string>> _next;
    private readonly Dictionary<string, int> _joinArity;
    private readonly HashSet<string> _forEach;
    private Dictionary<string, HashSet<string>>? _reach;

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
        _forEach = graph.Activities.Where(n => n.Type == BuiltinTypes.ForEach).Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
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

    internal bool IsForEach(string nodeId) => _forEach.Contains(nodeId);

    /// <summary>The nodes with a connection into <paramref name="nodeId"/>.</summary>
    internal IEnumerable<string> Sources(string nodeId) =>
        Graph.Connections.Where(c => c.To == nodeId).Select(c => c.From).Distinct();

    /// <summary>Whether a token at <paramref name="from"/> can still get to <paramref name="to"/> (or is there).</summary>
    internal bool CanReach(string from, string to)
    {
        if (from == to)
        {
            return true;
        }

        var reach = _reach ??= Reachability();
        return reach.TryGetValue(from, out var set) && set.Contains(to);
    }

    private Dictionary<string, HashSet<string>> Reachability()
    {
        // Built on first need (a Join waiting on a branch that may not come); graphs are small.
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var start in _nodes.Keys)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var queue = new Queue<string>([start]);
            while (queue.TryDequeue(out var current))
            {
                foreach (var target in _next.Where(e => e.Key.From == current).SelectMany(e => e.Value))
                {
                    if (seen.Add(target))
                    {
                        queue.Enqueue(target);
                    }
                }
            }

            result[start] = seen;
        }

        return result;
    }
}

/// <summary>Type names of the built-in activities the runtime itself relies on.</summary>
public static class BuiltinTypes
{
    /// <summary>The entry point.</summary>
    public const string Start = "Start";

    /// <summary>Waits for its inbound branches that can still arrive.</summary>
    public const string Join = "Join";

    /// <summary>Runs its body once per item.</summary>
    public const string ForEach = "ForEach";

    /// <summary>Chooses outcomes by case conditions.</summary>
    public const string Switch = "Switch";

    /// <summary>Finishes the instance.</summary>
    public const string End = "End";
}
