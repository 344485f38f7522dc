using System.Globalization;
using System.Text;

namespace CloudpackPlus.Workflows.Tests;

/// <summary>The random graph and form generators of the property test (System.Random with fixed seeds).</summary>
public sealed partial class PropertyTests
{
    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static string RandomGraph(Random random)
    {
        var count = random.Next(2, 9);
        var ids = Enumerable.Range(0, count).Select(i => i == 0 ? "start" : $"n{i}").ToList();
        var nodes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var type = i == 0 && random.Next(10) > 0 ? "Start" : Pick(random, Types);
            nodes.Add(RandomNode(random, ids[i], type));
        }

        var edges = new List<string>();
        for (var e = random.Next(count, count * 2 + 1); e > 0; e--)
        {
            var to = random.Next(12) == 0 ? "ghost" : ids[random.Next(count)];
            edges.Add($$"""{ "from": "{{ids[random.Next(count)]}}", "outcome": "{{Pick(random, Outcomes)}}", "to": "{{to}}" }""");
        }

        var json = $$"""{ "definitionId": "{{(random.Next(15) == 0 ? "Bad Id!" : "prop")}}", "variables": [ { "name": "x", "default": 1 } ], "activities": [ {{string.Join(",", nodes)}} ], "connections": [ {{string.Join(",", edges)}} ] }""";
        return random.Next(8) switch
        {
            0 => json[..random.Next(json.Length)],                                   // truncated
            1 => json.Replace("\"activities\"", "\"activities\": null, \"x\"", StringComparison.Ordinal), // null list
            2 => json.Replace("\"inputs\": {", "\"inputs\": { \"unknown\": 1,", StringComparison.Ordinal),
            _ => json,
        };
    }

    private static readonly string[] RunTypes = ["SetVariable", "Decision", "Switch", "ForEach", "Delay", "WaitForSignal", "HumanTask", "ComputeChecksum", "CallWorkflow", "Test.Flaky", "Fork"];

    /// <summary>Start → a chain of random nodes wired by their real outcomes (bodies, joins, boundaries) → End: mostly valid graphs.</summary>
    private static string StructuredGraph(Random random)
    {
        var nodes = new List<string> { """{ "id": "start", "type": "Start" }""", """{ "id": "end", "type": "End" }""" };
        var edges = new List<string>();
        void Edge(string from, string outcome, string to) => edges.Add($$"""{ "from": "{{from}}", "outcome": "{{outcome}}", "to": "{{to}}" }""");
        var previous = "start";
        for (var i = 1; i <= random.Next(1, 7); i++)
        {
            var id = $"n{i}";
            var type = Pick(random, RunTypes);
            nodes.Add(RandomNode(random, id, type, tidy: true));
            Edge(previous, "Done", id);
            var next = $"j{i}";
            nodes.Add(random.Next(3) == 0
                ? $$"""{ "id": "{{next}}", "type": "Join" }"""
                : $$"""{ "id": "{{next}}", "type": "SetVariable", "inputs": { "name": "k", "value": {{Pick(random, TidyValues)}} } }""");
            switch (type)
            {
                case "Decision":
                    Edge(id, "True", next);
                    Edge(id, "False", next);
                    break;
                case "Switch":
                    Edge(id, "A", next);
                    Edge(id, "B", next);
                    Edge(id, "Default", next);
                    break;
                case "ForEach":
                    nodes.Add($$"""{ "id": "b{{i}}", "type": "SetVariable", "inputs": { "name": "seen", "value": {{Pick(random, TidyValues)}} } }""");
                    Edge(id, "Iterate", $"b{i}");
                    Edge($"b{i}", "Done", id);
                    Edge(id, "Done", next);
                    break;
                case "Fork":
                    Edge(id, "Done", next);
                    Edge(id, "Done", "end");
                    break;
                case "CallWorkflow":
                    Edge(id, "Done", next);
                    Edge(id, "Faulted", next);
                    break;
                default:
                    Edge(id, "Done", next);
                    if (nodes[^2].Contains("\"boundary\"", StringComparison.Ordinal))
                    {
                        Edge(id, "remind", next);
                        Edge(id, "remind2", next);
                    }

                    break;
            }

            previous = next;
        }

        Edge(previous, "Done", "end");
        return $$"""{ "definitionId": "prop", "variables": [ { "name": "x", "default": 1 } ], "activities": [ {{string.Join(",", nodes)}} ], "connections": [ {{string.Join(",", edges)}} ] }""";
    }

    /// <summary>Values that pass validation; several still fail at run time (wrong types, loop limit, division by zero).</summary>
    private static readonly string[] TidyValues =
    [
        "1", "\"text\"", "true", "[1, 2, 3]", "{ \"a\": 1 }", "{ \"expr\": \"variables.x + 1\" }", "\"{{ variables.x }}\"",
        "{ \"expr\": \"[1, 2, 3]\" }", "{ \"expr\": \"variables.nope.deeper\" }", "{ \"expr\": \"for i in 1..5000; end\" }",
        "{ \"expr\": \"1 / 0\" }", "{ \"expr\": \"variables.x > 2\" }", "\"00:00:05\"", "\"PT1M\"", "\"P-bad\"", "-7", "\"2030-01-01T00:00:00Z\"",
    ];

    private static string RandomNode(Random random, string id, string type, bool tidy = false)
    {
        var values = tidy ? TidyValues : Values;
        var inputs = new StringBuilder();
        void Add(string name, string value) => inputs.Append(inputs.Length == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"\"{name}\": {value}");
        switch (type)
        {
            case "SetVariable":
                Add("name", random.Next(6) == 0 && !tidy ? "\"\"" : "\"v\"");
                Add("value", Pick(random, values));
                break;
            case "Decision":
                Add("condition", Pick(random, values));
                break;
            case "Switch":
                Add("mode", random.Next(2) == 0 ? "\"all\"" : "\"first\"");
                Add("cases", random.Next(5) == 0 && !tidy ? Pick(random, values)
                    : $$"""[ { "name": "A", "condition": {{Condition(random, values, tidy)}} }, { "name": "B", "condition": {{Condition(random, values, tidy)}} } ]""");
                break;
            case "ForEach":
                Add("items", Pick(random, values));
                Add("maxParallel", random.Next(tidy ? 1 : 0, 4).ToString(CultureInfo.InvariantCulture));
                break;
            case "Delay":
                Add(random.Next(2) == 0 ? "duration" : "businessDays", Pick(random, values));
                break;
            case "WaitForSignal":
                Add("signal", Pick(random, values));
                break;
            case "HumanTask":
                Add("title", "\"t\"");
                Add("role", "\"csm\"");
                Add("form", random.Next(3) == 0 && !tidy ? Pick(random, values) : RandomForm(random));
                Add("dueInBusinessDays", Pick(random, values));
                break;
            case "ComputeChecksum":
                Add("text", Pick(random, values));
                break;
            case "CallWorkflow":
                Add("definitionId", "\"prop\"");
                break;
            case "Test.Flaky":
                Add("failTimes", Pick(random, values));
                break;
        }

        var boundary = tidy && type is "Delay" or "WaitForSignal" or "HumanTask" && random.Next(3) == 0
            ? $$""", "boundary": [ { "id": "remind", "{{(random.Next(2) == 0 ? "before" : "after")}}": "due", "businessDays": {{random.Next(0, 3)}} }, { "id": "remind2", "duration": "00:10:00", "interrupting": {{(random.Next(2) == 0 ? "true" : "false")}} } ]"""
            : tidy ? ""
            : random.Next(4) == 0
            ? $$""", "boundary": [ { "id": "remind", "{{(random.Next(2) == 0 ? "before" : "after")}}": "due", "businessDays": {{random.Next(-1, 3)}} }, { "id": "remind2", "duration": {{Pick(random, values)}}, "interrupting": {{(random.Next(2) == 0 ? "true" : "false")}} } ]"""
            : "";
        var retry = !tidy && random.Next(6) == 0 ? $$""", "retry": { "maxAttempts": {{random.Next(-1, 3)}}, "backoffSeconds": 1 }""" : "";
        return $$"""{ "id": "{{id}}", "type": "{{type}}", "inputs": { {{inputs}} }{{boundary}}{{retry}} }""";
    }

    private static string Condition(Random random, string[] values, bool tidy) => !tidy ? Pick(random, values)
        : random.Next(3) switch { 0 => "true", 1 => "false", _ => "{ \"expr\": \"variables.x > 1\" }" };

    private static string RandomForm(Random random)
    {
        var fields = Enumerable.Range(0, random.Next(0, 4)).Select(i =>
            $$"""{ "name": "f{{i}}", "type": "{{Pick(random, FieldTypes)}}", "required": {{(random.Next(2) == 0 ? "true" : "false")}}, "maxLength": {{random.Next(-1, 10)}}, "options": {{(random.Next(2) == 0 ? "[\"a\"]" : "null")}} }""");
        var json = $$"""{ "fields": [ {{string.Join(",", fields)}} ] }""";
        return random.Next(6) switch
        {
            0 => json[..random.Next(json.Length)],
            1 => "{ \"fields\": 7 }",
            _ => json,
        };
    }
}
