using System.Text.Json;
using System.Text.RegularExpressions;
using CloudpackPlus.Workflows.Activities;
using CloudpackPlus.Workflows.Expressions;
using CloudpackPlus.Workflows.Model;

namespace CloudpackPlus.Workflows.Definitions;

/// <summary>One reason a graph cannot be published.</summary>
/// <param name="NodeId">The node concerned, if any.</param>
/// <param name="Code">Stable code (unknown-activity, missing-input, dangling-connection, unreachable, bad-expression, …).</param>
/// <param name="Message">A sentence for the designer.</param>
public sealed record ValidationProblem(string? NodeId, string Code, string Message);

/// <summary>Publishing was refused; <see cref="Problems"/> lists every problem found.</summary>
public sealed class WorkflowValidationException : Exception
{
    /// <summary>Creates the exception with its problems.</summary>
    public WorkflowValidationException(IReadOnlyList<ValidationProblem> problems)
        : base("The workflow cannot be published: " + string.Join(" ", (problems ?? []).Select(p => p.Message))) =>
        Problems = problems ?? [];

    /// <summary>Creates the exception.</summary>
    public WorkflowValidationException() : this([]) { }

    /// <summary>Creates the exception with a message.</summary>
    public WorkflowValidationException(string message) : base(message) => Problems = [];

    /// <summary>Creates the exception with a message and cause.</summary>
    public WorkflowValidationException(string message, Exception inner) : base(message, inner) => Problems = [];

    /// <summary>Every problem.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }
}

/// <summary>Checks a graph before publish and reports every problem, not just the first.</summary>
public sealed partial class DefinitionValidator(ActivityRegistry registry)
{
    /// <summary>All problems of the graph; empty when it can be published.</summary>
    public IReadOnlyList<ValidationProblem> Validate(WorkflowGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var problems = new List<ValidationProblem>();
        if (Malformed(graph) is { } malformed)
        {
            return [malformed];
        }
        if (!DefinitionIdPattern().IsMatch(graph.DefinitionId ?? ""))
        {
            problems.Add(new(null, "bad-definition-id", $"Definition id '{graph.DefinitionId}' must be 1–100 lowercase letters, digits or dashes."));
        }

        foreach (var duplicate in graph.Variables.GroupBy(v => v.Name).Where(g => g.Count() > 1))
        {
            problems.Add(new(null, "duplicate-variable", $"Variable '{duplicate.Key}' is declared more than once."));
        }

        var nodes = new Dictionary<string, ActivityNode>(StringComparer.Ordinal);
        foreach (var node in graph.Activities)
        {
            if (!nodes.TryAdd(node.Id, node))
            {
                problems.Add(new(node.Id, "duplicate-node", $"Node id '{node.Id}' is used more than once."));
            }
        }

        var starts = graph.Activities.Count(n => n.Type == Runtime.BuiltinTypes.Start);
        if (starts != 1)
        {
            problems.Add(new(null, "start", starts == 0 ? "The workflow needs a Start activity." : "The workflow has more than one Start activity."));
        }

        foreach (var node in graph.Activities)
        {
            CheckNode(node, problems);
        }

        foreach (var connection in graph.Connections)
        {
            var from = nodes.GetValueOrDefault(connection.From);
            if (from is not null && connection.To.Length == 0)
            {
                problems.Add(new(connection.From, "dangling-connection",
                    $"Connection {connection.From} --{connection.Outcome}--> is not connected to any node."));
                continue;
            }

            if (from is null || !nodes.ContainsKey(connection.To))
            {
                problems.Add(new(connection.From, "dangling-connection",
                    $"Connection {connection.From} --{connection.Outcome}--> {connection.To} refers to a node that does not exist."));
                continue;
            }

            if (registry.Find(from.Type) is { } descriptor && OutcomesOf(from, descriptor) is var outcomes && !outcomes.Contains(connection.Outcome))
            {
                problems.Add(new(from.Id, "unknown-outcome",
                    $"Node '{from.Id}' ({from.Type}) has no outcome '{connection.Outcome}' (outcomes: {string.Join(", ", outcomes)})."));
            }
        }

        var start = graph.Activities.FirstOrDefault(n => n.Type == Runtime.BuiltinTypes.Start);
        if (start is not null)
        {
            var reached = new HashSet<string>(StringComparer.Ordinal) { start.Id };
            var queue = new Queue<string>([start.Id]);
            while (queue.TryDequeue(out var current))
            {
                foreach (var next in graph.Connections.Where(c => c.From == current && nodes.ContainsKey(c.To)).Select(c => c.To))
                {
                    if (reached.Add(next))
                    {
                        queue.Enqueue(next);
                    }
                }
            }

            foreach (var node in graph.Activities.Where(n => !reached.Contains(n.Id)))
            {
                problems.Add(new(node.Id, "unreachable", $"Node '{node.Id}' cannot be reached from Start."));
            }
        }

        CheckShape(graph, nodes, problems);
        return problems;
    }

    private void CheckNode(ActivityNode node, List<ValidationProblem> problems)
    {
        var descriptor = registry.Find(node.Type);
        if (descriptor is null)
        {
            problems.Add(new(node.Id, "unknown-activity", $"Node '{node.Id}' uses unknown activity type '{node.Type}'."));
            return;
        }

        foreach (var input in descriptor.Inputs.Where(i => i.Required))
        {
            if (!node.Inputs.TryGetValue(input.Name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
                || (value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0))
            {
                problems.Add(new(node.Id, "missing-input", $"Node '{node.Id}' ({node.Type}) needs input '{input.Name}'."));
            }
        }

        foreach (var (name, value) in node.Inputs)
        {
            if (descriptor.Inputs.All(i => i.Name != name))
            {
                problems.Add(new(node.Id, "unknown-input", $"Node '{node.Id}' ({node.Type}) has no input '{name}'."));
                continue;
            }

            if (ExpressionEvaluator.ExpressionIn(value) is { } expression && ExpressionEvaluator.Check(expression.Text, expression.Template) is { Count: > 0 } errors)
            {
                problems.Add(new(node.Id, "bad-expression", $"Node '{node.Id}' input '{name}': {string.Join("; ", errors)}"));
            }
        }

        CheckFlowNode(node, descriptor, problems);
        if (node.Retry is { } retry && (retry.MaxAttempts < 1 || retry.BackoffSeconds < 0 || retry.BackoffFactor < 1))
        {
            problems.Add(new(node.Id, "bad-retry", $"Node '{node.Id}': retry needs maxAttempts ≥ 1, backoffSeconds ≥ 0 and backoffFactor ≥ 1."));
        }
    }

    /// <summary>Parts JSON can leave null (a null node, a node without id or type, null lists): reported before anything reads them.</summary>
    private static ValidationProblem? Malformed(WorkflowGraph graph)
    {
        if (graph.Activities is null || graph.Connections is null || graph.Variables is null)
        {
            return new(null, "malformed", "The definition needs 'activities', 'connections' and 'variables' as lists (they may be empty).");
        }

        if (graph.Activities.FirstOrDefault(n => n is null || n.Id is null || n.Type is null || n.Inputs is null) is var badNode && graph.Activities.Any(n => n is null || n.Id is null || n.Type is null || n.Inputs is null))
        {
            return new(badNode?.Id, "malformed", "Every activity needs an 'id' and a 'type' (and 'inputs', when given, must be an object).");
        }

        if (graph.Connections.Any(c => c is null || c.From is null || c.To is null || c.Outcome is null))
        {
            return new(null, "malformed", "Every connection needs 'from', 'outcome' and 'to'.");
        }

        return graph.Variables.Any(v => v is null || v.Name is null) ? new(null, "malformed", "Every variable needs a 'name'.") : null;
    }

    /// <summary>Whether the text is a well-formed definition id (1–100 lowercase letters, digits or dashes).</summary>
    public static bool IsDefinitionId(string? id) => DefinitionIdPattern().IsMatch(id ?? "");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,99}$")]
    private static partial Regex DefinitionIdPattern();
}
