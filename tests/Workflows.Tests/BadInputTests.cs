using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Model;
using static CloudpackPlus.Workflows.Tests.Support.Graphs;

namespace CloudpackPlus.Workflows.Tests;

/// <summary>The validator names the node and the rule for every malformed flow construct (no database needed).</summary>
public sealed class BadInputTests
{
    private static readonly DefinitionValidator Validator = InMemoryWorkflows.Validator;

    private static IReadOnlyList<ValidationProblem> Problems(string json) => Validator.Validate(WorkflowGraph.Parse(json));

    [Fact]
    public void CycleWithoutAWait_IsRefused_NamingTheLoop()
    {
        var problems = Problems(Of("spin", "", $$"""{{StartNode}}, {{Set("a", "x", "1")}}, { "id": "d", "type": "Decision", "inputs": { "condition": true } }, {{EndNode}}""",
            "start>a", "a>d", "d.True>a", "d.False>end"));

        var problem = Assert.Single(problems);
        Assert.Equal("cycle-without-wait", problem.Code);
        Assert.Equal("a", problem.NodeId);
        Assert.Contains("d", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CycleThroughAWait_AndAForEachBody_AreAccepted()
    {
        Assert.Empty(Problems(Of("poll", "", $$"""
                {{StartNode}}, { "id": "wait", "type": "Delay", "inputs": { "duration": "00:05:00" } },
                { "id": "d", "type": "Decision", "inputs": { "condition": true } }, {{EndNode}}
                """, "start>wait", "wait>d", "d.True>wait", "d.False>end")));
        Assert.Empty(Problems(Of("each", "", $$"""{{StartNode}}, { "id": "each", "type": "ForEach", "inputs": { "items": [1] } }, {{Set("b", "x", "1")}}, {{EndNode}}""",
            "start>each", "each.Iterate>b", "b>each", "each>end")));
    }

    [Theory]
    [InlineData("""{ "id": "sw", "type": "Switch", "inputs": { "cases": [ { "name": "A", "condition": { "expr": "1 +* (" } } ] } }""", "bad-expression")]
    [InlineData("""{ "id": "sw", "type": "Switch", "inputs": { "cases": [ { "name": "A", "condition": true }, { "name": "A", "condition": false } ] } }""", "bad-input")]
    [InlineData("""{ "id": "sw", "type": "Switch", "inputs": { "cases": "A" } }""", "bad-input")]
    [InlineData("""{ "id": "sw", "type": "HumanTask", "inputs": { "title": "t", "role": "csm", "form": { "fields": [ { "name": "f", "type": "hologram" } ] } } }""", "bad-form")]
    [InlineData("""{ "id": "sw", "type": "HumanTask", "inputs": { "title": "t", "role": "csm" }, "boundary": [ { "id": "late", "before": "start", "businessDays": 1 } ] }""", "bad-boundary")]
    [InlineData("""{ "id": "sw", "type": "SetVariable", "inputs": { "name": "x" }, "boundary": [ { "id": "late", "duration": "00:01:00" } ] }""", "bad-boundary")]
    [InlineData("""{ "id": "sw", "type": "ForEach", "inputs": { "items": [1], "maxParallel": 0 } }""", "bad-input")]
    [InlineData("""{ "id": "sw", "type": "ForEach", "inputs": { "items": [1] } }""", "bad-loop")]
    [InlineData("""{ "id": "s@w", "type": "SetVariable", "inputs": { "name": "x" } }""", "bad-node-id")]
    public void MalformedFlowNode_IsRefused_WithItsNodeAndRule(string node, string code)
    {
        var id = node.Contains("s@w", StringComparison.Ordinal) ? "s@w" : "sw";
        var problems = Problems(Of("bad-node", "", $$"""{{StartNode}}, {{node}}, {{EndNode}}""", "start>" + id, id + ">end"));

        Assert.Contains(problems, p => p.Code == code && p.NodeId == id);
    }

    [Fact]
    public void SwitchCaseNamesAndBoundaryIds_AreOutcomesConnectionsMayLeaveFrom()
    {
        var problems = Problems(Of("outcomes", "", $$"""
                {{StartNode}},
                { "id": "sw", "type": "Switch", "inputs": { "cases": [ { "name": "Big", "condition": true } ] } },
                { "id": "task", "type": "HumanTask", "inputs": { "title": "t", "role": "csm" }, "boundary": [ { "id": "remind", "duration": "01:00:00" } ] },
                {{Set("r", "x", "1")}}, {{EndNode}}
                """,
            "start>sw", "sw.Big>task", "sw.Default>end", "sw.Nope>end", "task.remind>r", "task>end"));

        var problem = Assert.Single(problems);
        Assert.Equal("unknown-outcome", problem.Code);
        Assert.Contains("Nope", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "definitionId": "x", "activities": [ null ], "connections": [] }""")]
    [InlineData("""{ "definitionId": "x", "activities": [ { "id": "start", "type": "Start", "inputs": null } ], "connections": [] }""")]
    [InlineData("""{ "definitionId": "x", "activities": null, "connections": [] }""")]
    [InlineData("""{ "definitionId": "x", "activities": [], "connections": [ null ] }""")]
    public void NullPartsOfADefinition_AreReportedAsMalformed_NotThrown(string json)
    {
        Assert.Equal("malformed", Assert.Single(Problems(json)).Code);
    }

    [Fact]
    public void TheFlowActivitiesExampleInTheDocs_PassesValidation()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CloudpackPlus.sln")))
        {
            root = root.Parent;
        }

        var docs = File.ReadAllText(Path.Combine(root!.FullName, "docs", "workflows.md"));
        var section = docs[docs.IndexOf("## Flow activities", StringComparison.Ordinal)..];
        var start = section.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var example = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];

        Assert.Empty(Problems(example));
    }
}
