using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Tests.Support;
using Npgsql;

namespace CloudpackPlus.Workflows.Tests;

public sealed class DefinitionTests(WorkflowFixture fx) : IClassFixture<WorkflowFixture>
{
    private static string Simple(string id, string title = "t") => $$"""
        { "definitionId": "{{id}}", "name": "n",
          "activities": [ { "id": "start", "type": "Start" },
                          { "id": "task", "type": "HumanTask", "inputs": { "title": "{{title}}", "role": "csm" } },
                          { "id": "end", "type": "End" } ],
          "connections": [ { "from": "start", "outcome": "Done", "to": "task" }, { "from": "task", "outcome": "Done", "to": "end" } ] }
        """;

    [Fact]
    public async Task Publish_IsRefused_WithEveryProblemListed()
    {
        var bad = """
            { "definitionId": "bad-one",
              "activities": [ { "id": "start", "type": "Start" },
                              { "id": "mystery", "type": "NoSuchActivity" },
                              { "id": "decide", "type": "Decision", "inputs": { } },
                              { "id": "set", "type": "SetVariable", "inputs": { "name": "x", "value": { "expr": "1 +* (" } } },
                              { "id": "island", "type": "End" } ],
              "connections": [ { "from": "start", "outcome": "Done", "to": "decide" },
                               { "from": "decide", "outcome": "True", "to": "set" },
                               { "from": "decide", "outcome": "Maybe", "to": "set" },
                               { "from": "set", "outcome": "Done", "to": "nowhere" } ] }
            """;
        var draft = await fx.With<IDefinitionService, DefinitionVersionSummary>(d => d.SaveDraftAsync(WorkflowGraph.Parse(bad), "t"));

        var error = await Assert.ThrowsAsync<WorkflowValidationException>(() =>
            fx.With<IDefinitionService, DefinitionVersionSummary>(d => d.PublishAsync("bad-one", draft.Version, "t")));

        var codes = error.Problems.Select(p => p.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { "unknown-activity", "missing-input", "bad-expression", "dangling-connection", "unknown-outcome", "unreachable" }, codes);
        Assert.Contains(error.Problems, p => p.Code == "unreachable" && p.NodeId == "island");
        var history = await fx.With<IDefinitionService, IReadOnlyList<DefinitionVersionSummary>>(d => d.HistoryAsync("bad-one"));
        Assert.False(history.Single().IsPublished);
    }

    [Fact]
    public async Task EditingAPublishedVersion_CreatesANewDraft_AndPublishMovesTheFlag()
    {
        var v1 = await fx.PublishAsync(Simple("edit-me", "one"));
        var draft = await fx.With<IDefinitionService, DefinitionVersionSummary>(d => d.SaveDraftAsync(WorkflowGraph.Parse(Simple("edit-me", "two")), "t"));
        var again = await fx.With<IDefinitionService, DefinitionVersionSummary>(d => d.SaveDraftAsync(WorkflowGraph.Parse(Simple("edit-me", "three")), "t"));

        Assert.Equal(v1 + 1, draft.Version);
        Assert.Equal(draft.Version, again.Version); // the open draft is edited in place
        var history = await fx.With<IDefinitionService, IReadOnlyList<DefinitionVersionSummary>>(d => d.HistoryAsync("edit-me"));
        Assert.True(history.Single(h => h.Version == v1).IsPublished);

        await fx.With<IDefinitionService, DefinitionVersionSummary>(d => d.PublishAsync("edit-me", draft.Version, "t"));

        history = await fx.With<IDefinitionService, IReadOnlyList<DefinitionVersionSummary>>(d => d.HistoryAsync("edit-me"));
        Assert.Equal(2, history.Count);
        Assert.Equal(draft.Version, history.Single(h => h.IsPublished).Version);
        Assert.Contains("three", await fx.With<IDefinitionService, string>(d => d.ExportAsync("edit-me")), StringComparison.Ordinal);
        Assert.Contains("\"one\"", await fx.With<IDefinitionService, string>(d => d.ExportAsync("edit-me", v1)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Database_RefusesASecondPublishedVersion()
    {
        await fx.PublishAsync(Simple("only-one"));
        await fx.With<IDefinitionService, DefinitionVersionSummary>(d => d.SaveDraftAsync(WorkflowGraph.Parse(Simple("only-one", "x")), "t"));

        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            fx.ScalarAsync<int>("UPDATE wf.definitions SET is_published = true WHERE definition_id = 'only-one'"));

        Assert.Equal(PostgresErrorCodes.UniqueViolation, error.SqlState);
    }

    [Fact]
    public async Task ConcurrentPublishes_LeaveExactlyOnePublishedVersion()
    {
        await fx.PublishAsync(Simple("race"));
        var draft = await fx.With<IDefinitionService, DefinitionVersionSummary>(d => d.SaveDraftAsync(WorkflowGraph.Parse(Simple("race", "b")), "t"));

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            fx.With<IDefinitionService, DefinitionVersionSummary>(d => d.PublishAsync("race", i % 2 == 0 ? 1 : draft.Version, "t"))));

        Assert.Equal(1L, await fx.ScalarAsync<long>("SELECT count(*) FROM wf.definitions WHERE definition_id = 'race' AND is_published"));
    }

    [Fact]
    public async Task ExportThenImport_RoundTripsTheGraph()
    {
        await fx.PublishAsync(Simple("round-trip", "keep me"));
        var json = await fx.With<IDefinitionService, string>(d => d.ExportAsync("round-trip"));

        var imported = await fx.With<IDefinitionService, DefinitionVersionSummary>(d => d.ImportAsync(json, "t", publish: true));

        Assert.Equal(2, imported.Version);
        Assert.True(imported.IsPublished);
        Assert.Equal(json, await fx.With<IDefinitionService, string>(d => d.ExportAsync("round-trip")));
    }
}
