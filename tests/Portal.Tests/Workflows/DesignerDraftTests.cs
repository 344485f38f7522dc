using CloudpackPlus.Portal.Tests.Support;
using CloudpackPlus.Workflows.Definitions;
using CloudpackPlus.Workflows.Model;
using CloudpackPlus.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CloudpackPlus.Portal.Tests.Workflows;

/// <summary>
/// The designer's drafts (issue #16): optimistic concurrency with nothing lost, a save over a published version opens a
/// new draft version and leaves the published one alone, duplicate as a new definition id, and the version diff.
/// Each test works on its own duplicate of the training definition.
/// </summary>
public sealed class DesignerDraftTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private async Task<(IDesignerDrafts Drafts, WorkflowDbContext Db, AsyncServiceScope Scope)> ScopeAsync()
    {
        var scope = app.Services.CreateAsyncScope();
        await Task.CompletedTask;
        return (scope.ServiceProvider.GetRequiredService<IDesignerDrafts>(), scope.ServiceProvider.GetRequiredService<WorkflowDbContext>(), scope);
    }

    [Fact]
    [Trait("Spec", "ADV-1")]
    public async Task SecondOfTwoConcurrentSaves_IsRefused_AsChangedBySomeoneElse_AndKeptInTheDraftHistory()
    {
        var (drafts, db, scope) = await ScopeAsync();
        await using var _ = scope;
        await drafts.DuplicateAsync("aws-training", "designer-race", "競合テスト", "admin-0");
        var opened = (await drafts.OpenAsync("designer-race"))!;
        Assert.Equal(new DraftToken(1, 1), opened.Token);

        var first = opened.Graph with { Name = "Aさんの変更" };
        var second = opened.Graph with { Name = "Bさんの変更" };
        var a = await drafts.SaveAsync(first, opened.Token, "admin-a");
        var b = await drafts.SaveAsync(second, opened.Token, "admin-b");

        Assert.Equal(DraftSaveOutcome.Saved, a.Outcome);
        Assert.Equal(new DraftToken(1, 2), a.Token);
        Assert.Equal(DraftSaveOutcome.Conflict, b.Outcome);
        Assert.Equal(new DraftToken(1, 2), b.Token);
        Assert.Equal("admin-a", b.LastSavedBy);
        Assert.Equal("Aさんの変更", (await drafts.OpenAsync("designer-race"))!.Graph.Name);
        // Nothing is lost: B's graph is kept as a refused revision, based on the token B had.
        var refused = (await drafts.RevisionsAsync("designer-race", 1)).Single(r => r.Refused);
        Assert.Equal(("admin-b", 1, 1), (refused.SavedBy, refused.Version, refused.Revision));
        Assert.Equal("Bさんの変更", WorkflowGraph.Parse(refused.Graph).Name);

        // B reloads (the current token) and saves again: accepted.
        var retried = await drafts.SaveAsync(second, b.Token, "admin-b");
        Assert.Equal((DraftSaveOutcome.Saved, new DraftToken(1, 3)), (retried.Outcome, retried.Token));
    }

    [Fact]
    [Trait("Spec", "ADV-1")]
    public async Task SavingOverAPublishedVersion_OpensTheNextDraftVersion_AndNeverEditsThePublishedOne()
    {
        var (drafts, db, scope) = await ScopeAsync();
        await using var _ = scope;
        var definitions = scope.ServiceProvider.GetRequiredService<IDefinitionService>();
        await drafts.DuplicateAsync("aws-training", "designer-publish", "公開テスト", "admin-0");
        await definitions.PublishAsync("designer-publish", 1, "admin-0");
        var opened = (await drafts.OpenAsync("designer-publish"))!;
        Assert.Equal((new DraftToken(1, 0), true, (int?)1), (opened.Token, opened.IsPublished, opened.PublishedVersion));

        var moved = opened.Graph with { Activities = [.. opened.Graph.Activities.Select(n => n with { Position = new NodePosition(10, 20) })] };
        var saved = await drafts.SaveAsync(moved, opened.Token, "admin-a");

        Assert.Equal((DraftSaveOutcome.Saved, new DraftToken(2, 1)), (saved.Outcome, saved.Token));
        var published = await db.Definitions.AsNoTracking().SingleAsync(d => d.DefinitionId == "designer-publish" && d.Version == 1);
        Assert.True(published.IsPublished);
        Assert.DoesNotContain("position", published.Graph, StringComparison.Ordinal);
        var draft = await db.Definitions.AsNoTracking().SingleAsync(d => d.DefinitionId == "designer-publish" && d.IsLatest);
        Assert.Equal((2, false), (draft.Version, draft.IsPublished));
        Assert.Equal(new NodePosition(10, 20), WorkflowGraph.Parse(draft.Graph).Activities[0].Position);
        // A save still based on the published version (an editor opened before) is refused.
        Assert.Equal(DraftSaveOutcome.Conflict, (await drafts.SaveAsync(moved, opened.Token, "admin-b")).Outcome);
    }

    [Fact]
    public async Task Duplicate_MakesANewDefinitionDraft_AndRefusesATakenOrMalformedId()
    {
        var (drafts, db, scope) = await ScopeAsync();
        await using var _ = scope;
        var token = await drafts.DuplicateAsync("aws-training", "designer-copy", "トレーニング(複製)", "admin-0");

        Assert.Equal(new DraftToken(1, 1), token);
        var copy = await db.Definitions.AsNoTracking().SingleAsync(d => d.DefinitionId == "designer-copy");
        var graph = WorkflowGraph.Parse(copy.Graph);
        Assert.Equal(("designer-copy", "トレーニング(複製)", false), (graph.DefinitionId, copy.Name, copy.IsPublished));
        var original = WorkflowGraph.Parse(await db.Definitions.AsNoTracking().Where(d => d.DefinitionId == "aws-training" && d.IsLatest).Select(d => d.Graph).SingleAsync());
        Assert.Equal(original.Activities.Select(a => a.Id), graph.Activities.Select(a => a.Id));

        await Assert.ThrowsAsync<WorkflowDefinitionException>(() => drafts.DuplicateAsync("aws-training", "designer-copy", "", "admin-0"));
        await Assert.ThrowsAsync<WorkflowDefinitionException>(() => drafts.DuplicateAsync("aws-training", "Bad Id", "", "admin-0"));
        await Assert.ThrowsAsync<WorkflowNotFoundVersionException>(() => drafts.DuplicateAsync("no-such-flow", "designer-other", "", "admin-0"));
        Assert.Equal(1, await db.Definitions.CountAsync(d => d.DefinitionId == "designer-copy"));
    }

    [Fact]
    public void Diff_NamesAddedRemovedAndChangedNodes_AndIgnoresPositions()
    {
        var older = WorkflowGraph.Parse("""
            { "definitionId": "d", "activities": [
              { "id": "start", "type": "Start" },
              { "id": "a", "type": "SetVariable", "inputs": { "name": "x", "value": 1 } },
              { "id": "b", "type": "End" } ],
              "connections": [ { "from": "start", "outcome": "Done", "to": "a" }, { "from": "a", "outcome": "Done", "to": "b" } ] }
            """);
        var newer = WorkflowGraph.Parse("""
            { "definitionId": "d", "activities": [
              { "id": "start", "type": "Start", "position": { "x": 5, "y": 5 } },
              { "id": "a", "type": "SetVariable", "inputs": { "value": 2, "name": "x" } },
              { "id": "c", "type": "End" } ],
              "connections": [ { "from": "start", "outcome": "Done", "to": "a" }, { "from": "a", "outcome": "Done", "to": "c" } ] }
            """);

        var diff = DefinitionDiff.Compare(older, newer);

        Assert.Equal(["c"], diff.Added);
        Assert.Equal(["b"], diff.Removed);
        Assert.Equal(["a"], diff.Changed);
        Assert.Equal([new Connection("a", "Done", "c")], diff.AddedConnections);
        Assert.Equal([new Connection("a", "Done", "b")], diff.RemovedConnections);
        Assert.True(DefinitionDiff.Compare(older, older with { Activities = [.. older.Activities.Select(n => n with { Position = new NodePosition(1, 2) })] }).IsEmpty);
    }
}
