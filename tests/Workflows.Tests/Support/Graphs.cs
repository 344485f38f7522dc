namespace CloudpackPlus.Workflows.Tests.Support;

/// <summary>Compact graph JSON for flow tests: nodes as JSON objects, edges as <c>from&gt;to</c> or <c>from.Outcome&gt;to</c>.</summary>
public static class Graphs
{
    public static string Of(string id, string variables, string nodes, params string[] edges)
    {
        var connections = string.Join(",", edges.Select(e =>
        {
            var (from, to) = (e[..e.IndexOf('>', StringComparison.Ordinal)], e[(e.IndexOf('>', StringComparison.Ordinal) + 1)..]);
            var dot = from.IndexOf('.', StringComparison.Ordinal);
            var (node, outcome) = dot < 0 ? (from, "Done") : (from[..dot], from[(dot + 1)..]);
            return $$"""{ "from": "{{node}}", "outcome": "{{outcome}}", "to": "{{to}}" }""";
        }));
        return $$"""{ "definitionId": "{{id}}", "name": "{{id}}", "variables": [ {{variables}} ], "activities": [ {{nodes}} ], "connections": [ {{connections}} ] }""";
    }

    public static string Set(string id, string name, string value) =>
        $$"""{ "id": "{{id}}", "type": "SetVariable", "inputs": { "name": "{{name}}", "value": {{value}} } }""";

    public const string StartNode = """{ "id": "start", "type": "Start" }""";

    public const string EndNode = """{ "id": "end", "type": "End" }""";
}
