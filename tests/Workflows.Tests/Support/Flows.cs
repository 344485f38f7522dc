namespace CloudpackPlus.Workflows.Tests.Support;

/// <summary>Small graphs used by several tests.</summary>
public static class Flows
{
    public static string Linear(string id, params (string Id, string Type, string Inputs)[] steps)
    {
        // Every flow ends at an End node: an instance that runs out of work without one faults.
        steps = [.. steps, ("end", "End", "{}")];
        var nodes = string.Join(",", steps.Select(s => $$"""{ "id": "{{s.Id}}", "type": "{{s.Type}}", "inputs": {{s.Inputs}} }"""));
        var ids = new[] { "start" }.Concat(steps.Select(s => s.Id)).ToList();
        var edges = string.Join(",", ids.Zip(ids.Skip(1)).Select(p => $$"""{ "from": "{{p.First}}", "outcome": "Done", "to": "{{p.Second}}" }"""));
        return $$"""
            { "definitionId": "{{id}}", "name": "{{id}}", "variables": [ { "name": "n", "default": 0 } ],
              "activities": [ { "id": "start", "type": "Start" }, {{nodes}} ],
              "connections": [ {{edges}} ] }
            """;
    }

    public static string Task(string id, string title = "Review", string role = "csm", string form = """{ "fields": [ { "name": "ok", "type": "boolean", "required": true } ] }""") =>
        Linear(id, ("task", "HumanTask", $$"""{ "title": "{{title}}", "role": "{{role}}", "form": {{form}}, "dueInBusinessDays": 3, "resultVariable": "answer" }"""));
}
