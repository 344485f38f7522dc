using System.Text.Json;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Expressions;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Runtime;

namespace CloudpackPlus.Workflows.Definitions;

/// <summary>Rules of the flow built-ins: Switch cases, ForEach bodies, boundary timers, task forms, and cycles that never wait.</summary>
public sealed partial class DefinitionValidator
{
    /// <summary>The outcomes a node can leave by: its type's, plus Switch case names and boundary ids.</summary>
    internal static IReadOnlySet<string> OutcomesOf(ActivityNode node, ActivityDescriptor descriptor)
    {
        var outcomes = new HashSet<string>(descriptor.Outcomes, StringComparer.Ordinal);
        if (node.Type == BuiltinTypes.Switch && node.Inputs.TryGetValue("cases", out var cases) && cases.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in cases.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
                {
                    outcomes.Add(name.GetString()!);
                }
            }
        }

        foreach (var boundary in node.Boundary ?? [])
        {
            outcomes.Add(boundary.Id ?? "");
        }

        return outcomes;
    }

    private static void CheckFlowNode(ActivityNode node, ActivityDescriptor descriptor, List<ValidationProblem> problems)
    {
        if (node.Id.Contains('@', StringComparison.Ordinal))
        {
            problems.Add(new(node.Id, "bad-node-id", $"Node id '{node.Id}' must not contain '@'."));
        }

        if (node.Type == BuiltinTypes.Switch)
        {
            CheckSwitch(node, problems);
        }

        if (node.Type == BuiltinTypes.ForEach && node.Inputs.TryGetValue("maxParallel", out var parallel)
            && parallel.ValueKind == JsonValueKind.Number && (!parallel.TryGetInt32(out var n) || n < 1))
        {
            problems.Add(new(node.Id, "bad-input", $"Node '{node.Id}' (ForEach): maxParallel must be a whole number ≥ 1."));
        }

        if (node.Type == "HumanTask" && node.Inputs.TryGetValue("form", out var form) && ExpressionEvaluator.ExpressionIn(form) is null
            && form.ValueKind is JsonValueKind.Object or JsonValueKind.String)
        {
            try
            {
                Tasks.FormSchema.Parse(form.ValueKind == JsonValueKind.String ? form.GetString()! : form.GetRawText());
            }
            catch (FormatException e)
            {
                problems.Add(new(node.Id, "bad-form", $"Node '{node.Id}' input 'form': {e.Message}"));
            }
        }

        CheckSignalAction(node, problems);
        CheckBoundaries(node, descriptor, problems);
    }

    private static void CheckSwitch(ActivityNode node, List<ValidationProblem> problems)
    {
        if (!node.Inputs.TryGetValue("cases", out var cases) || cases.ValueKind != JsonValueKind.Array)
        {
            if (node.Inputs.ContainsKey("cases"))
            {
                problems.Add(new(node.Id, "bad-input", $"Node '{node.Id}' (Switch): cases must be a list of {{name, condition}}."));
            }

            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in cases.EnumerateArray())
        {
            var name = item.ValueKind == JsonValueKind.Object && item.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()! : "";
            if (name.Length == 0 || name == Activities.Builtin.Switch.DefaultOutcomeName || !names.Add(name))
            {
                problems.Add(new(node.Id, "bad-input", $"Node '{node.Id}' (Switch): every case needs a unique name other than Default ('{name}')."));
                continue;
            }

            var condition = item.TryGetProperty("condition", out var c) ? c : default;
            if (condition.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                continue;
            }

            if (ExpressionEvaluator.ExpressionIn(condition) is not { Template: false } expression)
            {
                problems.Add(new(node.Id, "bad-input", $"Node '{node.Id}' (Switch) case '{name}': the condition must be a boolean or {{\"expr\": \"...\"}}."));
            }
            else if (ExpressionEvaluator.Check(expression.Text, false) is { Count: > 0 } errors)
            {
                problems.Add(new(node.Id, "bad-expression", $"Node '{node.Id}' (Switch) case '{name}': {string.Join("; ", errors)}"));
            }
        }
    }

    private static void CheckBoundaries(ActivityNode node, ActivityDescriptor descriptor, List<ValidationProblem> problems)
    {
        if (node.Boundary is not { Count: > 0 } boundaries)
        {
            return;
        }

        if (descriptor.Kind != ActivityKind.Blocking)
        {
            problems.Add(new(node.Id, "bad-boundary", $"Node '{node.Id}' ({node.Type}) does not wait, so it cannot have boundary timers."));
            return;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var b in boundaries)
        {
            var anchor = b.Before ?? b.After;
            var problem = string.IsNullOrEmpty(b.Id) || !ids.Add(b.Id) || descriptor.Outcomes.Contains(b.Id) ? "needs a unique id that is not one of the activity's outcomes"
                : b.Before is not null && b.After is not null ? "cannot be both before and after"
                : anchor is not null && anchor != BoundaryTimer.Due ? $"can only be anchored on \"{BoundaryTimer.Due}\""
                : b.BusinessDays is not null && b.Duration is not null ? "takes businessDays or duration, not both"
                : b.BusinessDays is < 0 || b.Duration < TimeSpan.Zero ? "cannot have a negative offset"
                : anchor is null && b.BusinessDays is null && b.Duration is null ? "needs businessDays or duration"
                : null;
            if (problem is not null)
            {
                problems.Add(new(node.Id, "bad-boundary", $"Node '{node.Id}' boundary '{b.Id}' {problem}."));
            }
        }
    }

    /// <summary>Every ForEach must have a body that comes back to it; every cycle must wait somewhere (blocking or background activity).</summary>
    private void CheckShape(WorkflowGraph graph, Dictionary<string, ActivityNode> nodes, List<ValidationProblem> problems)
    {
        var edges = graph.Connections.Where(c => nodes.ContainsKey(c.From) && nodes.ContainsKey(c.To)).ToList();
        foreach (var loop in graph.Activities.Where(n => n.Type == BuiltinTypes.ForEach))
        {
            var body = edges.Where(c => c.From == loop.Id && c.Outcome == Activities.Builtin.ForEach.IterateOutcome).Select(c => c.To).ToList();
            var seen = new HashSet<string>(body.Where(b => b != loop.Id), StringComparer.Ordinal);
            var queue = new Queue<string>(seen);
            var comesBack = body.Contains(loop.Id);
            while (queue.TryDequeue(out var current))
            {
                foreach (var next in edges.Where(c => c.From == current).Select(c => c.To))
                {
                    comesBack |= next == loop.Id;
                    if (next != loop.Id && seen.Add(next))
                    {
                        queue.Enqueue(next);
                    }
                }
            }

            if (body.Count == 0 || !comesBack)
            {
                problems.Add(new(loop.Id, "bad-loop", $"Node '{loop.Id}' (ForEach) needs an Iterate branch whose last connection leads back to it."));
            }
        }

        // A ForEach's Iterate edge starts a bounded body, so it does not close a cycle that could spin.
        var graphEdges = edges.Where(c => !(nodes[c.From].Type == BuiltinTypes.ForEach && c.Outcome == Activities.Builtin.ForEach.IterateOutcome))
            .GroupBy(c => c.From, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(c => c.To).Distinct().ToList(), StringComparer.Ordinal);
        foreach (var cycle in Cycles(nodes.Keys, graphEdges))
        {
            if (cycle.All(id => registry.Find(nodes[id].Type) is not { Kind: ActivityKind.Blocking or ActivityKind.Background }))
            {
                var ordered = cycle.Order(StringComparer.Ordinal).ToList();
                problems.Add(new(ordered[0], "cycle-without-wait",
                    $"The loop through {string.Join(", ", ordered)} has no waiting (blocking or background) activity: it would spin until the {FlowchartInterpreter.MaxActivitiesPerStep}-activity guard."));
            }
        }
    }

    /// <summary>Strongly connected components that form cycles (Tarjan, iterative enough for designer-sized graphs).</summary>
    private static List<List<string>> Cycles(IEnumerable<string> ids, Dictionary<string, List<string>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<List<string>>();
        var counter = 0;

        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in edges.GetValueOrDefault(v) ?? [])
            {
                if (!index.TryGetValue(w, out var seen))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], seen);
                }
            }

            if (low[v] == index[v])
            {
                var component = new List<string>();
                string w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component.Add(w);
                }
                while (w != v);
                if (component.Count > 1 || (edges.GetValueOrDefault(v)?.Contains(v) ?? false))
                {
                    result.Add(component);
                }
            }
        }

        foreach (var id in ids)
        {
            if (!index.ContainsKey(id))
            {
                Visit(id);
            }
        }

        return result;
    }
}
